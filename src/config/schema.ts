import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type Options, type ValidateFunction } from "ajv/dist/2020.js";
import { HookopsError } from "../errors.js";
import { didYouMean } from "../util/suggest.js";
import type { FindingSink } from "./findings.js";
import { locateNearest, scalarSource, type NodePart, type YamlPath, type YamlRef } from "./yaml-location.js";

export type SchemaName = "hookops" | "subscriptions";

const SCHEMA_FILES: Record<SchemaName, string> = {
  hookops: "hookops.schema.json",
  subscriptions: "subscriptions.schema.json",
};

/** The committed schemas live in `schemas/` at the package root; this module runs from src/, lib/ or a bundle. */
export function schemaDirectory(): string {
  let directory = path.dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 5; depth += 1) {
    const candidate = path.join(directory, "schemas");
    if (existsSync(path.join(candidate, SCHEMA_FILES.hookops))) return candidate;
    directory = path.dirname(directory);
  }
  throw new HookopsError("cannot find the hookops JSON schemas (schemas/hookops.schema.json) next to the installed package");
}

/**
 * An Ajv instance configured the way hookops validates: 2020-12, every error, editor-only keywords
 * allowed. `validateSchema: false` skips checking schemas against the meta-schema (the tests do).
 */
export function createAjv(overrides: Pick<Options, "validateSchema"> = {}): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, ...overrides });
  // Read by editors (VS Code, yaml-language-server) and by describeError below.
  ajv.addVocabulary(["patternErrorMessage", "errorMessage"]);
  return ajv;
}

const validators = new Map<SchemaName, ValidateFunction>();
/** One instance for both schemas. The committed schemas are checked against the meta-schema by the tests, not on every run. */
let sharedAjv: Ajv2020 | undefined;

export function loadSchema(name: SchemaName): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(schemaDirectory(), SCHEMA_FILES[name]), "utf8")) as Record<string, unknown>;
}

function validatorFor(name: SchemaName): ValidateFunction {
  let validate = validators.get(name);
  if (!validate) {
    sharedAjv ??= createAjv({ validateSchema: false });
    validate = sharedAjv.compile(loadSchema(name));
    validators.set(name, validate);
  }
  return validate;
}

/** Schema errors for one document's data (empty when valid). */
export function schemaErrors(name: SchemaName, data: unknown): ErrorObject[] {
  const validate = validatorFor(name);
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/** Keys people write by habit, per schema object (by its title), with what to write instead. */
const KEY_HINTS: Record<string, Record<string, string>> = {
  subscription: {
    status: ' Use "enabled: false" to disable a subscription.',
    projectId: ' Use "project" (a name or GUID).',
  },
  "hookops.yaml": {
    subscriptions: " Subscriptions belong in the files matched by include, not in hookops.yaml.",
  },
  Defaults: {
    name: " A name belongs to one subscription; set it on each subscription.",
    id: " An id pins one subscription; set it on that subscription.",
    allowInsecureUrl: " Set it on each subscription that needs an http:// URL.",
    allowUnlistedEvent: " Set it on each subscription to an event the service does not list.",
    organizationWide: " Set it on each organization-wide subscription.",
  },
};

function pathSegments(instancePath: string): string[] {
  if (instancePath === "") return [];
  return instancePath
    .slice(1)
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function toYamlPath(segments: readonly string[], data: unknown): YamlPath {
  const result: (string | number)[] = [];
  let current: unknown = data;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      const index = Number(segment);
      result.push(index);
      current = current[index];
    } else {
      result.push(segment);
      current = current !== null && typeof current === "object" ? (current as Record<string, unknown>)[segment] : undefined;
    }
  }
  return result;
}

/** "consumerInputs.url", "include[0]"; the leading "subscriptions[N]" is dropped (the location says which). */
export function displayPath(path: YamlPath): string {
  const trimmed = path[0] === "subscriptions" && typeof path[1] === "number" ? path.slice(2) : path;
  let text = "";
  for (const segment of trimmed) text += typeof segment === "number" ? `[${segment}]` : text === "" ? segment : `.${segment}`;
  return text;
}

function describeValueType(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "number") return Number.isInteger(value) ? "a whole number" : "a number";
  return typeof value === "boolean" ? "true/false" : `a ${typeof value}`;
}

const TYPE_NAMES: Record<string, string> = {
  object: "a map",
  array: "a list",
  string: "a string",
  boolean: "true or false",
  integer: "a whole number",
  number: "a number",
  null: "empty",
};

function expectedTypes(type: unknown): string {
  const names = (Array.isArray(type) ? type : [type]).map((name) => TYPE_NAMES[String(name)] ?? String(name));
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

function schemaString(schema: unknown, key: string): string | undefined {
  if (schema === null || typeof schema !== "object") return undefined;
  const value = (schema as Record<string, unknown>)[key];
  return typeof value === "string" ? value : undefined;
}

interface Described {
  rule: string;
  message: string;
  path: YamlPath;
  part: NodePart;
}

function describeError(error: ErrorObject, data: unknown, ref: YamlRef): Described {
  const path = toYamlPath(pathSegments(error.instancePath), data);
  const where = displayPath(path);
  const subject = where === "" ? (schemaString(error.parentSchema, "title") ?? "the document") : `"${where}"`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperty":
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const properties = error.parentSchema?.properties;
      const known = properties && typeof properties === "object" ? Object.keys(properties) : [];
      const hints = KEY_HINTS[schemaString(error.parentSchema, "title") ?? ""] ?? {};
      const suggestion = (Object.hasOwn(hints, key) ? hints[key] : undefined) ?? didYouMean(key, known);
      return { rule: "unknown-key", message: `unknown key "${key}" in ${subject}.${suggestion}`, path: [...path, key], part: "key" };
    }
    case "required":
      return { rule: "missing-field", message: `${subject} is missing "${String(params.missingProperty)}"`, path, part: "value" };
    case "type": {
      const source = scalarSource(ref, path);
      const wantsString = Array.isArray(error.schema) ? error.schema.includes("string") : error.schema === "string";
      const hint = wantsString && typeof error.data === "number" && source ? `; quote it: "${source}"` : "";
      return {
        rule: "wrong-type",
        message: `${subject} must be ${expectedTypes(error.schema)}, not ${describeValueType(error.data)}${hint}`,
        path,
        part: "value",
      };
    }
    case "enum": {
      const allowed = Array.isArray(params.allowedValues) ? params.allowedValues.map(String) : [];
      const suggestion = typeof error.data === "string" ? didYouMean(error.data, allowed) : "";
      return {
        rule: "invalid-value",
        message: `${subject} must be one of ${allowed.map((value) => `"${value}"`).join(", ")}.${suggestion}`,
        path,
        part: "value",
      };
    }
    case "pattern": {
      const explanation = schemaString(error.parentSchema, "patternErrorMessage") ?? `must match ${String(params.pattern)}`;
      return { rule: "invalid-value", message: `${subject} is not valid: ${explanation}`, path, part: "value" };
    }
    case "anyOf":
    case "oneOf": {
      const explanation = schemaString(error.parentSchema, "errorMessage") ?? error.message ?? "is not valid";
      return { rule: "invalid-value", message: `${subject} ${explanation}`, path, part: "value" };
    }
    case "minProperties":
      return { rule: "invalid-value", message: `${subject} must not be empty`, path, part: "value" };
    case "minItems":
      return {
        rule: "invalid-value",
        message: `${subject} must list at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}`,
        path,
        part: "value",
      };
    case "minLength":
      return {
        rule: "invalid-value",
        message: params.limit === 1 ? `${subject} must not be empty` : `${subject} must be at least ${String(params.limit)} characters long`,
        path,
        part: "value",
      };
    case "minimum":
      return { rule: "invalid-value", message: `${subject} must be at least ${String(params.limit)}`, path, part: "value" };
    case "uniqueItems":
      return {
        rule: "invalid-value",
        message: `${subject} lists the same value twice (items ${String(params.j)} and ${String(params.i)})`,
        path,
        part: "value",
      };
    default:
      return { rule: "invalid-value", message: `${subject} ${error.message ?? "is not valid"}`, path, part: "value" };
  }
}

/** Whether a schema path lies under one of the groups (checked by its prefixes: linear in the number of errors). */
function insideGroup(schemaPath: string, groups: ReadonlySet<string>): boolean {
  for (let slash = schemaPath.lastIndexOf("/"); slash > 0; slash = schemaPath.lastIndexOf("/", slash - 1)) {
    if (groups.has(schemaPath.slice(0, slash))) return true;
  }
  return false;
}

/**
 * Validates one document against a committed schema and reports each error at its YAML node.
 * Returns the paths (as ajv instance paths) that had errors, so later stages can skip them.
 */
export function checkSchema(name: SchemaName, data: unknown, ref: YamlRef, sink: FindingSink): string[] {
  const errors = schemaErrors(name, data);
  // An anyOf/oneOf error already says what was expected; its branches' own errors only add noise.
  const groups = new Set(errors.filter((error) => error.keyword === "anyOf" || error.keyword === "oneOf").map((error) => error.schemaPath));
  const kept = groups.size === 0 ? errors : errors.filter((error) => !insideGroup(error.schemaPath, groups));
  for (const error of kept) {
    const described = describeError(error, data, ref);
    sink.error(described.rule, described.message, locateNearest(ref, described.path, described.part));
  }
  return kept.map((error) => error.instancePath);
}
