import { readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import picomatch from "picomatch";

/** Folders never searched for subscription files. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", ".git"]);

export interface IncludeResult {
  /** Absolute paths, sorted by their path relative to the root. */
  files: string[];
  /** Positive patterns (by index in `patterns`) that matched no file. */
  unmatched: number[];
  /** Symlinked files whose target lies outside the root (skipped). */
  outside: string[];
}

/** Whether a pattern stays inside the root ("/abs" and ".." segments would leave it). */
export function isContainedPattern(pattern: string): boolean {
  const body = pattern.startsWith("!") ? pattern.slice(1) : pattern;
  if (body.startsWith("/") || path.win32.isAbsolute(body)) return false;
  return !body.split("/").includes("..");
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join("/");
}

function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/**
 * Lists files under `root` matching the include patterns ("!pattern" excludes). Walks only the
 * static base folder of each pattern, skips node_modules and .git, and does not follow
 * symlinked folders; a symlinked file is used only when it resolves inside the root.
 */
export async function findIncludedFiles(root: string, patterns: readonly string[], exclude: ReadonlySet<string> = new Set()): Promise<IncludeResult> {
  const positive = patterns
    .map((pattern, index) => ({ pattern, index }))
    .filter(({ pattern }) => !pattern.startsWith("!") && isContainedPattern(pattern));
  const negative = patterns.filter((pattern) => pattern.startsWith("!") && isContainedPattern(pattern)).map((pattern) => picomatch(pattern.slice(1)));
  const matchers = positive.map(({ pattern, index }) => ({ index, matches: picomatch(pattern), base: picomatch.scan(pattern).base }));
  const bases = [...new Set(matchers.map((matcher) => matcher.base))].sort();
  // A base inside another base is walked by the outer one.
  const roots = bases.filter((base) => !bases.some((other) => other !== base && (other === "" || base.startsWith(`${other}/`))));

  const matched = new Set<number>();
  const found = new Map<string, string>();
  const outside: string[] = [];
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    realRoot = root;
  }

  const consider = async (absolute: string, isSymlink: boolean): Promise<void> => {
    if (exclude.has(absolute)) return;
    const relative = toPosix(path.relative(root, absolute));
    const hits = matchers.filter((matcher) => matcher.matches(relative));
    if (hits.length === 0 || negative.some((matches) => matches(relative))) return;
    if (isSymlink) {
      try {
        const target = await realpath(absolute);
        const info = await stat(target);
        if (!info.isFile()) return;
        if (!isInside(realRoot, target)) {
          outside.push(absolute);
          return;
        }
      } catch {
        return;
      }
    }
    for (const hit of hits) matched.add(hit.index);
    found.set(relative, absolute);
  };

  const walk = async (directory: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch {
      return;
    }
    const pending: Promise<void>[] = [];
    for (const entry of entries) {
      const absolute = path.join(directory, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(walk(absolute));
      } else if (entry.isFile()) {
        pending.push(consider(absolute, false));
      } else if (entry.isSymbolicLink()) {
        pending.push(consider(absolute, true));
      }
    }
    await Promise.all(pending);
  };

  await Promise.all(roots.map((base) => walk(path.join(root, base))));
  const files = [...found.keys()].sort().map((relative) => found.get(relative) ?? relative);
  const unmatched = positive.map(({ index }) => index).filter((index) => !matched.has(index));
  return { files, unmatched, outside: outside.sort() };
}
