/**
 * Compares a JSON answer with a recorded one by shape: the same keys at every level and the same JSON
 * types, with per-context exceptions. A context is the name of the property that holds an object or
 * array ("(root)" at the top), so rules read like "inside `createdBy` the emulator may add displayName".
 */
export interface ShapeRules {
  /** Keys that may be missing on either side (data-driven descriptor fields). */
  optional?: Record<string, readonly string[]>;
  /** Keys the emulator adds that the recording lacks; each use needs a reason at the call site. */
  extra?: Record<string, readonly string[]>;
  /** Arrays of objects paired by `id`; the emulator may list more items than the recording. */
  matchById?: readonly string[];
  /** Arrays of objects whose length is data: every emulator item is compared with the first recorded one. */
  anyLength?: readonly string[];
  /** Objects whose keys are data (maps): only the types of shared keys are compared. */
  maps?: readonly string[];
  /** Keys whose values must be equal, not only of the same type. */
  exactKeys?: readonly string[];
  /** Recorded values that must come back literally wherever they appear (e.g. the secret mask). */
  literals?: readonly unknown[];
}

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean" | "undefined";

function jsonType(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  const type = typeof value;
  if (type === "string" || type === "number" || type === "boolean" || type === "object") return type;
  return "undefined";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return jsonType(value) === "object";
}

function idOf(value: unknown): unknown {
  return isRecord(value) ? value.id : undefined;
}

class ShapeComparison {
  readonly differences: string[] = [];

  constructor(private readonly rules: ShapeRules) {}

  compare(actual: unknown, recorded: unknown, path: string, context: string): void {
    const recordedType = jsonType(recorded);
    const actualType = jsonType(actual);
    if (this.rules.literals?.some((literal) => literal === recorded) && actual !== recorded) {
      this.differences.push(`${path}: recorded ${JSON.stringify(recorded)}, emulator ${JSON.stringify(actual)}`);
      return;
    }
    if (recordedType !== actualType) {
      this.differences.push(`${path}: recorded ${recordedType}, emulator ${actualType}`);
      return;
    }
    if (Array.isArray(recorded) && Array.isArray(actual)) this.compareArrays(actual, recorded, path, context);
    else if (isRecord(recorded) && isRecord(actual)) this.compareObjects(actual, recorded, path, context);
  }

  private compareObjects(actual: Record<string, unknown>, recorded: Record<string, unknown>, path: string, context: string): void {
    const isMap = this.rules.maps?.includes(context) ?? false;
    const optional = new Set(this.rules.optional?.[context] ?? []);
    const extra = new Set(this.rules.extra?.[context] ?? []);
    if (!isMap) {
      for (const key of Object.keys(recorded)) {
        if (!(key in actual) && !optional.has(key)) this.differences.push(`${path}: missing key "${key}"`);
      }
      for (const key of Object.keys(actual)) {
        if (!(key in recorded) && !optional.has(key) && !extra.has(key)) this.differences.push(`${path}: unexpected key "${key}"`);
      }
    }
    for (const key of Object.keys(recorded)) {
      if (!(key in actual)) continue;
      const childPath = `${path}.${key}`;
      if (this.rules.exactKeys?.includes(key) && JSON.stringify(actual[key]) !== JSON.stringify(recorded[key])) {
        this.differences.push(`${childPath}: recorded ${JSON.stringify(recorded[key])}, emulator ${JSON.stringify(actual[key])}`);
        continue;
      }
      this.compare(actual[key], recorded[key], childPath, key);
    }
  }

  private compareArrays(actual: unknown[], recorded: unknown[], path: string, context: string): void {
    if (recorded.length === 0) return;
    const [template] = recorded;
    if (!isRecord(template) && !Array.isArray(template)) {
      // Arrays of plain values: the values are data, only their type is part of the shape.
      actual.forEach((item, index) => this.compare(item, template, `${path}[${index}]`, context));
      return;
    }
    if (this.rules.matchById?.includes(context)) {
      for (const item of recorded) {
        const id = idOf(item);
        const match = actual.find((candidate) => idOf(candidate) === id);
        if (match === undefined) this.differences.push(`${path}: no item with id ${JSON.stringify(id)}`);
        else this.compare(match, item, `${path}[id=${String(id)}]`, context);
      }
      return;
    }
    if (this.rules.anyLength?.includes(context)) {
      actual.forEach((item, index) => this.compare(item, template, `${path}[${index}]`, context));
      return;
    }
    if (actual.length !== recorded.length) {
      this.differences.push(`${path}: recorded ${recorded.length} items, emulator ${actual.length}`);
      return;
    }
    recorded.forEach((item, index) => this.compare(actual[index], item, `${path}[${index}]`, context));
  }
}

export function shapeDifferences(actual: unknown, recorded: unknown, rules: ShapeRules = {}): string[] {
  const comparison = new ShapeComparison(rules);
  comparison.compare(actual, recorded, "$", "(root)");
  return comparison.differences;
}

/** Throws with one line per difference, so a failing contract test says exactly what drifted. */
export function expectSameShape(actual: unknown, recorded: unknown, rules: ShapeRules = {}): void {
  const differences = shapeDifferences(actual, recorded, rules);
  if (differences.length > 0) {
    throw new Error(`the emulator's answer differs from the recording:\n  ${differences.join("\n  ")}`);
  }
}
