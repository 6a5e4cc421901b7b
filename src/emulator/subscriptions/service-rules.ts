/**
 * Input checks the service makes that the catalog's descriptors do not carry (REAL-SERVICE.md R8),
 * and which secrets a masked PUT may keep.
 */
import type { InputSpec } from "../../catalog/index.js";

const NO_WHITESPACE = "^[\\S]+$";

/** Patterns by "consumerId/actionId/inputId", applied on top of the catalog's own. */
const PATTERNS: Readonly<Record<string, string>> = {
  "webHooks/httpRequest/basicAuthUsername": NO_WHITESPACE,
  "webHooks/httpRequest/basicAuthPassword": NO_WHITESPACE,
};

/**
 * Inputs whose service rule replaces the catalog pattern. The 2014 descriptor pattern of httpHeaders
 * refuses any value containing a space ("Authorization: Bearer x"); R8 describes the rule as lines of
 * `Name: value`, so that is what the emulator checks.
 */
const REPLACES_CATALOG_PATTERN: ReadonlySet<string> = new Set(["webHooks/httpRequest/httpHeaders"]);

/** Confidential inputs the service ties to other inputs, where the catalog names no dependsOn. */
const SECRET_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  "webHooks/httpRequest/basicAuthPassword": ["url"],
};

function key(consumerId: string, actionId: string, inputId: string): string {
  return `${consumerId}/${actionId}/${inputId}`;
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true;
  }
}

/** Never quotes the value: header lines and passwords are secrets. */
function headerLinesProblem(value: string): string | undefined {
  const lines = value.split(/[\r\n\f]+/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    if (!/^[^\s:]+\s*:\s*\S/.test(line)) {
      return `Subscription input 'httpHeaders' has a line (${index + 1}) that is not of the form 'Name: value'.`;
    }
  }
  return undefined;
}

export function replacesCatalogPattern(consumerId: string, actionId: string, inputId: string): boolean {
  return REPLACES_CATALOG_PATTERN.has(key(consumerId, actionId, inputId));
}

/** The service's own objection to a (trimmed, non-empty) consumer input value, if any. */
export function serviceRuleProblem(consumerId: string, actionId: string, inputId: string, value: string): string | undefined {
  const pattern = PATTERNS[key(consumerId, actionId, inputId)];
  if (pattern !== undefined && !matches(pattern, value)) {
    return `The value of subscription input '${inputId}' does not match the required pattern '${pattern}'.`;
  }
  if (consumerId === "webHooks" && inputId === "httpHeaders") return headerLinesProblem(value);
  return undefined;
}

/** The inputs a confidential input depends on: a masked PUT keeps the secret only while they are unchanged. */
export function secretDependencies(consumerId: string, actionId: string, spec: InputSpec): readonly string[] {
  return spec.dependsOn ?? SECRET_DEPENDENCIES[key(consumerId, actionId, spec.id)] ?? [];
}
