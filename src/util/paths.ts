import { existsSync, statSync } from "node:fs";
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

/** A relative path with "/" separators, as every output and saved file shows it. */
export function toPosix(relative: string): string {
  return relative.split(path.sep).join("/");
}

/** The Git work tree holding `folder` (the nearest ancestor with a .git entry), else the folder itself. */
export function repositoryRootOf(folder: string): string {
  const start = path.resolve(folder);
  for (let current = start; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, ".git"))) return current;
    if (path.dirname(current) === current) return start;
  }
}

/** Whether `target` exists and is a regular file (after following symlinks). */
export function isFile(target: string): boolean {
  try {
    return statSync(target).isFile();
  } catch {
    return false;
  }
}
