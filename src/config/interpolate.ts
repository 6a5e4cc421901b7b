import { readFileSync, realpathSync } from "node:fs";
import path from "node:path";
import { HookopsError } from "../errors.js";
import { isInside } from "../util/paths.js";

/**
 * `${env:NAME}` and `${file:relative/path}` references inside input values. `$${` writes a
 * literal `${`. Values are resolved only where they must be sent; nothing here logs a value.
 */
export interface Reference {
  kind: "env" | "file";
  /** Variable name or file path as written. */
  target: string;
  /** The reference as written, e.g. "${env:TOKEN}". */
  text: string;
  start: number;
  end: number;
}

/** A `${` that does not start a valid reference. */
export interface ReferenceSyntaxProblem {
  text: string;
  start: number;
  message: string;
}

interface Token {
  literal: string;
  reference?: Reference;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function tokenize(value: string): { tokens: Token[]; problems: ReferenceSyntaxProblem[] } {
  // Most values hold no reference at all.
  if (!value.includes("${")) return { tokens: [{ literal: value }], problems: [] };
  const tokens: Token[] = [];
  const problems: ReferenceSyntaxProblem[] = [];
  let literal = "";
  let index = 0;
  while (index < value.length) {
    if (value.startsWith("$${", index)) {
      literal += "${";
      index += 3;
      continue;
    }
    if (!value.startsWith("${", index)) {
      literal += value[index];
      index += 1;
      continue;
    }
    const close = value.indexOf("}", index + 2);
    if (close < 0) {
      problems.push({ text: value.slice(index), start: index, message: 'unclosed "${" (write "$${" for a literal "${")' });
      literal += value.slice(index);
      break;
    }
    const text = value.slice(index, close + 1);
    const body = value.slice(index + 2, close);
    const colon = body.indexOf(":");
    const kind = colon < 0 ? body : body.slice(0, colon);
    const target = colon < 0 ? "" : body.slice(colon + 1);
    if (kind === "env" && ENV_NAME.test(target)) {
      tokens.push({ literal, reference: { kind, target, text, start: index, end: close + 1 } });
      literal = "";
    } else if (kind === "file" && target.trim() !== "") {
      tokens.push({ literal, reference: { kind, target, text, start: index, end: close + 1 } });
      literal = "";
    } else {
      // The text is not echoed: a malformed reference in a confidential input may be the secret itself.
      const message =
        kind === "env"
          ? 'a "${env:…}" reference needs a variable name made of letters, digits and "_"'
          : kind === "file"
            ? 'a "${file:…}" reference needs a path'
            : 'only "${env:NAME}" and "${file:path}" references exist (write "$${" for a literal "${")';
      problems.push({ text, start: index, message });
      literal += text;
    }
    index = close + 1;
  }
  tokens.push({ literal });
  return { tokens, problems };
}

/** Every well-formed reference in the value, in order. */
export function findReferences(value: string): Reference[] {
  if (!value.includes("${")) return [];
  return tokenize(value).tokens.flatMap((token) => (token.reference ? [token.reference] : []));
}

/** Malformed `${…}` sequences in the value. */
export function referenceProblems(value: string): ReferenceSyntaxProblem[] {
  if (!value.includes("${")) return [];
  return tokenize(value).problems;
}

/** Whether the whole value is exactly one reference (what confidential inputs require). */
export function isReference(value: string): boolean {
  const { tokens, problems } = tokenize(value);
  return problems.length === 0 && tokens.length === 2 && tokens[0]?.literal === "" && tokens[0].reference !== undefined && tokens[1]?.literal === "";
}

/** A `${file:}` path that is absolute, climbs out of the repo root, or resolves outside it through a symlink. */
export class ReferenceOutsideRootError extends HookopsError {}

export interface ResolveContext {
  /** Absolute repo root; `${file:}` paths are relative to it and may not leave it. */
  root: string;
  env: NodeJS.ProcessEnv;
}

export type FilePathCheck = { ok: true; absolute: string; exists: boolean } | { ok: false; reason: string };

/** Where a `${file:}` path points, refusing anything outside the repo root. Reads no content. */
export function checkFilePath(target: string, root: string): FilePathCheck {
  if (path.isAbsolute(target) || path.win32.isAbsolute(target) || target.startsWith("~")) {
    return { ok: false, reason: `"${target}" is absolute; \${file:} paths are relative to the repo root` };
  }
  const absolute = path.resolve(root, target);
  if (!isInside(root, absolute)) return { ok: false, reason: `"${target}" leaves the repo root` };
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    return { ok: true, absolute, exists: false };
  }
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  if (!isInside(realRoot, real)) return { ok: false, reason: `"${target}" resolves outside the repo root through a symbolic link` };
  return { ok: true, absolute: real, exists: true };
}

/** An environment variable, never something inherited from Object.prototype ("constructor"). */
export function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return Object.hasOwn(env, name) ? env[name] : undefined;
}

/** Human description of what a reference needs, e.g. "environment variable WEBSITE_HOOK_PASSWORD". */
export function describeReference(reference: Reference): string {
  return reference.kind === "env" ? `environment variable ${reference.target}` : `file ${reference.target}`;
}

/**
 * Substitutes every reference. `missing` lists what was unavailable (an unset or empty variable —
 * CI systems pass an empty string for an absent secret — or a missing file); `value` is set only
 * when nothing was missing. Throws ReferenceOutsideRootError for a file path that escapes the root.
 */
export function resolveValue(value: string, context: ResolveContext): { value?: string; missing: string[] } {
  const { tokens, problems } = tokenize(value);
  const first = problems[0];
  if (first) throw new HookopsError(`invalid reference: ${first.message}`);
  const missing: string[] = [];
  let result = "";
  for (const token of tokens) {
    result += token.literal;
    const reference = token.reference;
    if (!reference) continue;
    if (reference.kind === "env") {
      const variable = envValue(context.env, reference.target);
      if (variable === undefined || variable === "") missing.push(describeReference(reference));
      else result += variable;
      continue;
    }
    const check = checkFilePath(reference.target, context.root);
    if (!check.ok) throw new ReferenceOutsideRootError(`\${file:} reference ${check.reason}`);
    if (!check.exists) {
      missing.push(describeReference(reference));
      continue;
    }
    try {
      result += readFileSync(check.absolute, "utf8").replace(/\r?\n$/, "");
    } catch {
      missing.push(describeReference(reference));
    }
  }
  return missing.length > 0 ? { missing } : { value: result, missing };
}
