import path from "node:path";
import type { TeamProjectReference } from "../ado/types.js";
import { CONFIG_FILE_NAME } from "../config/index.js";
import { ProjectIndex } from "../reconcile/ownership.js";
import { toPosix } from "../util/paths.js";
import { isIncluded, ManagedIndex, type ExistingRepository } from "./existing.js";
import { projectFilePaths } from "./model.js";
import { renderRootConfig, renderSubscriptionFile } from "./render.js";
import { schemaRef } from "./schema-ref.js";
import { resolveProjectFilter } from "./select.js";
import type { ExportModel } from "./types.js";
import type { PendingFile } from "./write.js";

/** Where an export writes and what it names; paths are absolute. */
export interface ExportTarget {
  /** As written into the files: what the user named (or "emulator"). */
  organization: string;
  outDir: string;
  /** The hookops.yaml beside the export (existing, or to be created). */
  configPath: string;
  /** True when no hookops.yaml was named: one is created (never overwritten). */
  writeRootConfig: boolean;
  /** Folder or URL holding the JSON schemas, for the editor comment. */
  schemaBase?: string;
}

/** Declared subscriptions export does not replace: those outside the files it is about to (re)write. */
export function keptDeclarations(
  existing: ExistingRepository | undefined,
  projects: readonly TeamProjectReference[],
  outDir: string,
  project: string | undefined,
  env: NodeJS.ProcessEnv,
  shown: (absolute: string) => string,
): ManagedIndex | undefined {
  if (!existing) return undefined;
  const paths = projectFilePaths(projects);
  const inScope = project === undefined ? projects : [resolveProjectFilter(new ProjectIndex(projects), projects, project)];
  const replaced = new Set(inScope.map((candidate) => path.join(outDir, paths.get(candidate.id.toLowerCase()) ?? "")));
  const kept = existing.declared.filter((declared) => !replaced.has(declared.file));
  return new ManagedIndex(kept, projects, { root: existing.config.root, env, shownFile: shown });
}

/** One file per exported project, then hookops.yaml when none was named. */
export function pendingFiles(model: ExportModel, target: ExportTarget): PendingFile[] {
  const { organization, outDir, schemaBase } = target;
  const pending: PendingFile[] = model.files.map((file) => {
    const ref = schemaRef(path.join(outDir, file.path), outDir, "subscriptions", schemaBase);
    return { path: file.path, content: renderSubscriptionFile(file, { organization, ...(ref === undefined ? {} : { schemaRef: ref }) }), createOnly: false };
  });
  if (target.writeRootConfig) {
    const ref = schemaRef(target.configPath, outDir, "hookops", schemaBase);
    pending.push({ path: CONFIG_FILE_NAME, content: renderRootConfig({ organization, ...(ref === undefined ? {} : { schemaRef: ref }) }), createOnly: true });
  }
  return pending;
}

/** A warning per written file the existing hookops.yaml's `include` would not read. */
export function unreadFileWarnings(model: ExportModel, existing: ExistingRepository, target: ExportTarget, shown: (absolute: string) => string): string[] {
  return model.files.flatMap((file) => {
    const absolute = path.join(target.outDir, file.path);
    if (isIncluded(toPosix(path.relative(existing.config.root, absolute)), existing.config.include)) return [];
    return [`${shown(absolute)} is not matched by \`include\` in ${shown(target.configPath)}; add it, or plan will not read it.`];
  });
}
