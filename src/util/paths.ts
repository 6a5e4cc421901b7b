import path from "node:path";

/**
 * Whether `child` is `parent` or lies below it (both absolute, already resolved through symlinks
 * where that matters). The one path-safety check: repository files, `${file:}` references, saved
 * plans' configurations and export schema paths all use it.
 */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
