import type { Dirent, Stats } from "node:fs";
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { IncludePatterns } from "./include.js";
import { isInside } from "../util/paths.js";

export { isContainedPattern } from "./include.js";

/** Folders never searched for subscription files. */
const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", ".git"]);

/** Symlinked folders followed in one search: links can form a lattice that is finite but exponential. */
export const MAX_FOLLOWED_FOLDER_LINKS = 1_000;

export type FileProblemRule = "unreadable-folder" | "unreadable-file" | "broken-symlink" | "symlink-outside-root" | "symlink-loop" | "symlink-limit";

/** A path the include patterns cover that could not be read; always an error (the plan would miss what it holds). */
export interface FileProblem {
  rule: FileProblemRule;
  absolute: string;
  /** Relative to the root, "/"-separated. */
  relative: string;
  message: string;
}

export interface IncludeResult {
  /** Absolute paths, sorted by their path relative to the root. */
  files: string[];
  /** Positive patterns (by index in `patterns`) that matched no file and were not blocked by a problem. */
  unmatched: number[];
  /** Sorted by path. */
  problems: FileProblem[];
}

function errorCode(error: unknown): string {
  return error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "unknown";
}

const ERROR_WORDS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOENT: "it no longer exists",
  ENOTDIR: "a part of its path is not a folder",
  EISDIR: "it is a folder",
  ELOOP: "too many levels of symbolic links",
  EIO: "input/output error",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  ENAMETOOLONG: "its path is too long",
};

/** Why a file system call failed, in words ("permission denied"); never the raw message (it repeats the absolute path). */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  return ERROR_WORDS[code] ?? `the system reported ${code}`;
}

/** What a non-regular file is ("a FIFO"), for "cannot be read: it is a FIFO, not a regular file". */
export function describeSpecialFile(entry: Dirent | Stats): string {
  if (entry.isFIFO()) return "a FIFO";
  if (entry.isSocket()) return "a socket";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "a device";
  if (entry.isDirectory()) return "a folder";
  return "not a file";
}

function join(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

const OUTSIDE = "is a symlink to a path outside the repository root; hookops reads only files inside the root";

type ResolvedLink = { info: Stats; target: string } | { rule: FileProblemRule; why: string };

/** What a symlink leads to (followed to the end), or why it leads nowhere. */
async function resolveLink(absolute: string): Promise<ResolvedLink> {
  try {
    const info = await stat(absolute);
    return { info, target: await realpath(absolute) };
  } catch (error) {
    const code = errorCode(error);
    if (code === "ENOENT" || code === "ENOTDIR")
      return { rule: "broken-symlink", why: "is a broken symlink: its target does not exist; fix or remove the link" };
    if (code === "ELOOP") return { rule: "broken-symlink", why: "is a broken symlink: it leads back to itself; fix or remove the link" };
    return { rule: "unreadable-file", why: `cannot be read: ${describeFsError(error)}` };
  }
}

/** A symlinked or listed folder being walked: where it is (through links) and what it really is. */
interface Folder {
  absolute: string;
  relative: string;
  real: string;
  /** Real paths of the walk root and of every symlinked folder on the way here (loop detection). */
  chain: readonly string[];
}

/**
 * Lists files under `root` matching the include patterns ("!pattern" excludes). Walks the static
 * base folder of each pattern and skips node_modules and .git. Symlinks are followed while they
 * stay inside the root (folders too, except one leading back into a folder it sits in). Every
 * path the patterns cover that cannot be read, is a broken symlink or leads outside the root is
 * a problem in the result: a silently skipped folder would look like deleted subscriptions.
 */
export async function findIncludedFiles(root: string, patterns: readonly string[], exclude: ReadonlySet<string> = new Set()): Promise<IncludeResult> {
  const include = new IncludePatterns(patterns);
  const matched = new Set<number>();
  const found = new Map<string, string>();
  const problems: FileProblem[] = [];
  let followedLinks = 0;
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    realRoot = root;
  }

  /** Records a problem when a pattern could include the path (as a file, or as a folder holding files). */
  const report = (rule: FileProblemRule, absolute: string, relative: string, as: "file" | "folder" | "either", why: string): void => {
    const patternsHit = [...(as === "folder" ? [] : include.including(relative)), ...(as === "file" ? [] : include.couldInclude(relative))];
    if (patternsHit.length === 0) return;
    for (const index of patternsHit) matched.add(index);
    problems.push({ rule, absolute, relative, message: `"${relative === "" ? "." : relative}" ${why}` });
  };

  const addFile = (absolute: string, relative: string): void => {
    if (exclude.has(absolute)) return;
    const hits = include.including(relative);
    if (hits.length === 0) return;
    for (const index of hits) matched.add(index);
    found.set(relative, absolute);
  };

  const followLink = async (absolute: string, relative: string, parent: Folder): Promise<void> => {
    const link = await resolveLink(absolute);
    if ("why" in link) {
      report(link.rule, absolute, relative, "either", link.why);
      return;
    }
    const { info, target } = link;
    const outside = !isInside(realRoot, target);
    if (info.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(path.basename(absolute)) || include.couldInclude(relative).length === 0) return;
      if (outside) {
        report("symlink-outside-root", absolute, relative, "folder", OUTSIDE);
      } else if ([parent.real, ...parent.chain].some((folder) => isInside(target, folder))) {
        report(
          "symlink-loop",
          absolute,
          relative,
          "folder",
          "is a symlink to a folder that contains it; hookops does not follow symlink loops — remove the link or exclude it",
        );
      } else if (followedLinks >= MAX_FOLLOWED_FOLDER_LINKS) {
        report(
          "symlink-limit",
          absolute,
          relative,
          "folder",
          `is not followed: hookops follows at most ${MAX_FOLLOWED_FOLDER_LINKS} symlinked folders; include the folders themselves instead`,
        );
      } else {
        followedLinks += 1;
        await walk({ absolute, relative, real: target, chain: [...parent.chain, target] });
      }
    } else if (outside) {
      report("symlink-outside-root", absolute, relative, "file", OUTSIDE);
    } else if (info.isFile()) {
      addFile(absolute, relative);
    } else {
      report("unreadable-file", absolute, relative, "file", `cannot be read: it leads to ${describeSpecialFile(info)}, not a regular file`);
    }
  };

  const walk = async (folder: Folder): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(folder.absolute, { withFileTypes: true });
    } catch (error) {
      report(
        "unreadable-folder",
        folder.absolute,
        folder.relative,
        "folder",
        `is a folder that cannot be read: ${describeFsError(error)}; fix its permissions or exclude it ("!${folder.relative}/**")`,
      );
      return;
    }
    const pending: Promise<void>[] = [];
    for (const entry of entries) {
      const absolute = path.join(folder.absolute, entry.name);
      const relative = join(folder.relative, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) pending.push(walk({ absolute, relative, real: path.join(folder.real, entry.name), chain: folder.chain }));
      } else if (entry.isFile()) {
        addFile(absolute, relative);
      } else if (entry.isSymbolicLink()) {
        pending.push(followLink(absolute, relative, folder));
      } else {
        report("unreadable-file", absolute, relative, "file", `cannot be read: it is ${describeSpecialFile(entry)}, not a regular file`);
      }
    }
    await Promise.all(pending);
  };

  /** The base folder of a pattern, its symlinks checked segment by segment; undefined when it cannot be walked. */
  const openBase = async (base: string): Promise<Folder | undefined> => {
    let absolute = root;
    let real = realRoot;
    let relative = "";
    for (const segment of base === "" ? [] : base.split("/")) {
      absolute = path.join(absolute, segment);
      relative = join(relative, segment);
      let info: Stats;
      try {
        info = await lstat(absolute);
      } catch (error) {
        const code = errorCode(error);
        // A missing base is "matches no files" (include-no-match), not a read problem.
        if (code !== "ENOENT" && code !== "ENOTDIR")
          report("unreadable-folder", absolute, relative, "folder", `is a folder that cannot be read: ${describeFsError(error)}`);
        return undefined;
      }
      if (info.isSymbolicLink()) {
        const link = await resolveLink(absolute);
        if ("why" in link) {
          report(link.rule === "unreadable-file" ? "unreadable-folder" : link.rule, absolute, relative, "folder", link.why);
          return undefined;
        }
        if (!isInside(realRoot, link.target)) {
          report("symlink-outside-root", absolute, relative, "folder", OUTSIDE);
          return undefined;
        }
        if (!link.info.isDirectory()) return undefined;
        real = link.target;
      } else if (info.isDirectory()) {
        real = path.join(real, segment);
      } else {
        return undefined;
      }
    }
    return { absolute, relative, real, chain: [real] };
  };

  for (const base of include.walkRoots()) {
    const folder = await openBase(base);
    if (folder) await walk(folder);
  }
  const files = [...found.keys()].sort().map((relative) => found.get(relative) ?? relative);
  const unmatched = include.positives.map(({ index }) => index).filter((index) => !matched.has(index));
  problems.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
  return { files, unmatched, problems };
}
