import { locateField, type Entry } from "./entries.js";
import type { ProjectSelector } from "./types.js";

/**
 * Project patterns in `projects` and `excludeProjects`: `*` (any run of characters) and `?` (one
 * character), matched case-insensitively against project names. Azure DevOps project names cannot
 * contain `*` or `?`, so a value holding one is always a pattern, never a name.
 */

/** Whether a `projects` or `excludeProjects` item is a pattern rather than a project name or GUID. */
export function isProjectPattern(text: string): boolean {
  return /[*?]/.test(text);
}

/** Characters of other glob dialects, which project names cannot contain either. */
const UNSUPPORTED = /[[\]{}\\/]/;

/**
 * What is wrong with a pattern written in `projects` or `excludeProjects`, or undefined. `index` is
 * the offending character's position in the text.
 */
export function projectPatternProblem(text: string, list: "projects" | "excludeProjects"): { message: string; index: number } | undefined {
  if (text.startsWith("!")) {
    const hint = list === "projects" ? `; list "${text.slice(1)}" under excludeProjects instead` : "; write the pattern without it";
    return { message: `"${text}": "!" does not negate here${hint}`, index: 0 };
  }
  const bad = UNSUPPORTED.exec(text);
  if (bad !== null) {
    return {
      message: `"${text}": "${bad[0]}" is not allowed; only * (any run of characters) and ? (one character) are wildcards, and project names cannot contain ${bad[0]}`,
      index: bad.index,
    };
  }
  if (text.trim() === "") return { message: "a project pattern cannot be blank", index: 0 };
  return undefined;
}

/** A case-insensitive matcher for one pattern; a plain name matches only itself (any case). */
export function projectMatcher(pattern: string): (name: string) => boolean {
  const source = [...pattern].map((char) => (char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
  const expression = new RegExp(`^${source}$`, "isu");
  return (name) => expression.test(name);
}

function selectors(entry: Entry, key: "projects" | "excludeProjects", items: readonly string[]): ProjectSelector[] {
  return items.map((text, index) => ({ text, pattern: isProjectPattern(text), source: locateField(entry, [key, index]) }));
}

/**
 * The project list of an entry whose projects are known only online: `projects` holds a pattern,
 * or `excludeProjects` is set. Undefined for a plain fan-out.
 */
export function projectSelectorsOf(entry: Entry): { include: ProjectSelector[]; exclude: ProjectSelector[] } | undefined {
  const projects = entry.fields.projects ?? [];
  const exclude = entry.fields.excludeProjects;
  if (exclude === undefined && !projects.some(isProjectPattern)) return undefined;
  return { include: selectors(entry, "projects", projects), exclude: selectors(entry, "excludeProjects", exclude ?? []) };
}
