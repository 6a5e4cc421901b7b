import { catalog } from "../../catalog/index.js";
import { HookopsError } from "../../errors.js";
import { renderCatalogJson, renderCatalogTargetText, renderCatalogText, resolveCatalogTarget } from "../../report/catalog.js";
import type { CommandContext } from "../io.js";

/** A name the catalog does not hold: a usage error (`kind: "usage"` with --json). */
class UsageError extends HookopsError {}

export interface CatalogCommandOptions {
  json?: boolean;
}

/** `hookops catalog [name]`: the shipped catalog, whole or one event type, consumer or consumer/action. */
export function runCatalog(name: string | undefined, options: CatalogCommandOptions, { io }: CommandContext): number {
  if (name === undefined) {
    io.stdout.write(options.json ? renderCatalogJson(catalog) : renderCatalogText(catalog));
    return 0;
  }
  const target = resolveCatalogTarget(catalog, name);
  if ("error" in target) throw new UsageError(target.error);
  io.stdout.write(options.json ? renderCatalogJson(catalog, target) : renderCatalogTargetText(catalog, target));
  return 0;
}
