import path from "node:path";
import picomatch from "picomatch";

/** Whether a pattern stays inside the root ("/abs" and ".." segments would leave it). */
export function isContainedPattern(pattern: string): boolean {
  const body = pattern.startsWith("!") ? pattern.slice(1) : pattern;
  if (body.startsWith("/") || path.win32.isAbsolute(body)) return false;
  return !body.split("/").includes("..");
}

interface Positive {
  /** Index in the written pattern list. */
  index: number;
  /** The static folder the pattern starts from ("" for the root). */
  base: string;
  matches: (relative: string) => boolean;
  /** Path segments of the pattern; undefined when a segment holds a "/" inside braces or brackets. */
  parts: readonly string[] | undefined;
}

const segmentMatchers = new Map<string, (segment: string) => boolean>();

function segmentMatches(part: string, segment: string): boolean {
  let matches = segmentMatchers.get(part);
  if (!matches) {
    matches = picomatch(part);
    segmentMatchers.set(part, matches);
  }
  return matches(segment);
}

/**
 * Whether some file below the folder `folder` (segments) could match the pattern. Errs towards
 * "yes": it decides which unreadable or broken folders are reported, never which are read.
 */
function couldMatchBelow(parts: readonly string[] | undefined, folder: readonly string[], part = 0, segment = 0): boolean {
  if (!parts) return true;
  if (segment === folder.length) return part < parts.length;
  const pattern = parts[part];
  const name = folder[segment] ?? "";
  if (pattern === undefined) return false;
  if (pattern === "**") {
    // A globstar matches no dot-folder (picomatch's default), but the next part may name it.
    return couldMatchBelow(parts, folder, part + 1, segment) || (!name.startsWith(".") && couldMatchBelow(parts, folder, part, segment + 1));
  }
  return segmentMatches(pattern, name) && couldMatchBelow(parts, folder, part + 1, segment + 1);
}

/** The include patterns of hookops.yaml, compiled ("!pattern" excludes; patterns leaving the root are ignored). */
export class IncludePatterns {
  readonly positives: readonly Positive[];
  private readonly negatives: readonly ((relative: string) => boolean)[];
  /** Folders a "!folder/**" pattern excludes with everything below them. */
  private readonly excludedFolders: readonly ((relative: string) => boolean)[];

  constructor(patterns: readonly string[]) {
    const contained = patterns.map((pattern, index) => ({ pattern, index })).filter(({ pattern }) => isContainedPattern(pattern));
    this.positives = contained
      .filter(({ pattern }) => !pattern.startsWith("!"))
      .map(({ pattern, index }) => {
        const scan = picomatch.scan(pattern, { parts: true });
        const parts = scan.parts && !scan.parts.some((part) => part.includes("/")) ? scan.parts : undefined;
        return { index, base: scan.base, matches: picomatch(pattern), parts };
      });
    const negative = contained.filter(({ pattern }) => pattern.startsWith("!")).map(({ pattern }) => pattern.slice(1));
    this.negatives = negative.map((pattern) => picomatch(pattern));
    this.excludedFolders = negative.filter((pattern) => pattern.endsWith("/**")).map((pattern) => picomatch(pattern.slice(0, -3)));
  }

  /** The folders to walk: each pattern's static base, minus bases inside another base. */
  walkRoots(): string[] {
    const bases = [...new Set(this.positives.map((positive) => positive.base))].sort();
    return bases.filter((base) => !bases.some((other) => other !== base && (other === "" || base.startsWith(`${other}/`))));
  }

  private excluded(relative: string): boolean {
    return this.negatives.some((matches) => matches(relative));
  }

  /** Indexes of the patterns that include this file (none when a "!" pattern excludes it). */
  including(relative: string): number[] {
    if (this.excluded(relative)) return [];
    return this.positives.filter((positive) => positive.matches(relative)).map((positive) => positive.index);
  }

  /** Indexes of the patterns that could include a file somewhere below this folder. */
  couldInclude(folder: string): number[] {
    const segments = folder === "" ? [] : folder.split("/");
    for (let length = 1; length <= segments.length; length += 1) {
      const ancestor = segments.slice(0, length).join("/");
      if (this.excludedFolders.some((matches) => matches(ancestor))) return [];
    }
    return this.positives.filter((positive) => couldMatchBelow(positive.parts, segments)).map((positive) => positive.index);
  }
}
