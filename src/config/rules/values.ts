import type { InputSpec } from "../../catalog/types.js";
import { didYouMean } from "../../util/suggest.js";
import { quoted } from "./context.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMBER = /^-?\d+(\.\d+)?$/;

/** Whether the value (without references) is http(s) and parses as an absolute URL. */
function urlProblem(value: string): string | undefined {
  if (!/^https?:\/\//i.test(value)) return "must be an http(s) URL";
  try {
    new URL(value);
    return undefined;
  } catch {
    return "is not a valid URL";
  }
}

/**
 * What is wrong with a literal input value against its catalog spec, or undefined. Values with
 * references are not checked (they are only known where they are sent). Allowed values compare
 * case-insensitively; "" is fine for an optional input.
 */
export function valueProblem(spec: InputSpec, value: string, kind: "filter" | "input"): string | undefined {
  // Every reference contains "${"; so does a malformed one, which checkReferences reports.
  if (value.includes("${")) return undefined;
  if (value === "") return spec.required ? "must not be empty" : undefined;
  if (spec.values && spec.values.length > 0) {
    const allowed = spec.values.filter((candidate) => candidate !== "");
    if (!spec.values.some((candidate) => candidate.toLowerCase() === value.toLowerCase())) {
      const empty = spec.values.includes("") || !spec.required ? (kind === "filter" ? ' (or "" for any)' : ' (or "" for the default)') : "";
      return `must be one of ${quoted(allowed)}${empty}.${didYouMean(value, allowed)}`;
    }
    return undefined;
  }
  switch (spec.dataType) {
    case "number": {
      if (!NUMBER.test(value)) return "must be a number";
      const number = Number(value);
      if (spec.minValue !== undefined && number < spec.minValue) return `must be at least ${spec.minValue}`;
      if (spec.maxValue !== undefined && number > spec.maxValue) return `must be at most ${spec.maxValue}`;
      break;
    }
    case "boolean":
      if (!/^(true|false)$/i.test(value)) return 'must be "true" or "false"';
      break;
    case "guid":
      if (!GUID.test(value)) return "must be a GUID (the id, not the name)";
      break;
    case "uri": {
      const problem = urlProblem(value);
      if (problem) return problem;
      break;
    }
    default:
      break;
  }
  if (spec.minLength !== undefined && value.length < spec.minLength) return `must be at least ${spec.minLength} characters long`;
  if (spec.maxLength !== undefined && value.length > spec.maxLength) return `must be at most ${spec.maxLength} characters long`;
  if (spec.pattern !== undefined && !new RegExp(spec.pattern).test(value)) {
    return spec.default === undefined ? `does not have the expected form (${spec.pattern})` : `does not have the expected form, for example "${spec.default}"`;
  }
  return undefined;
}
