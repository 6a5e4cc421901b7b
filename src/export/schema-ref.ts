import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isInside, repositoryRootOf, toPosix } from "../util/paths.js";

export type SchemaName = "subscriptions" | "hookops";

/** The schemas shipped with this copy of hookops (lib/export/ -> ../../schemas). */
const PACKAGE_SCHEMAS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "schemas");

/**
 * Where the `# yaml-language-server: $schema=` line of a written file points. A `schemaBase`
 * URL is used as is; a folder (relative to the current directory) is made relative to the file.
 * Without one, hookops's own schemas are used when they live inside the output folder or the Git
 * work tree around it (a node_modules install, or hookops's own repository), so the committed
 * path works on every checkout; otherwise no schema line is written.
 */
export function schemaRef(file: string, outDir: string, schema: SchemaName, schemaBase?: string): string | undefined {
  const fileName = `${schema}.schema.json`;
  if (schemaBase !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(schemaBase)) return `${schemaBase.replace(/\/+$/, "")}/${fileName}`;
  const candidates = [path.join(outDir, "node_modules", "hookops", "schemas"), PACKAGE_SCHEMAS];
  const root = repositoryRootOf(outDir);
  const folder =
    schemaBase !== undefined
      ? path.resolve(schemaBase)
      : candidates.find((candidate) => isInside(root, candidate) && existsSync(path.join(candidate, fileName)));
  if (folder === undefined) return undefined;
  const relative = toPosix(path.relative(path.dirname(file), path.join(folder, fileName)));
  return relative.startsWith(".") ? relative : `./${relative}`;
}
