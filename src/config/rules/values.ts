import type { InputSpec } from "../../catalog/types.js";
import { didYouMean } from "../../util/suggest.js";
import { quotedList } from "../../util/text.js";

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

/** What is wrong with a value: `error` the service refuses; `unknown` it accepts but may not understand. */
export interface ValueProblems {
  error?: string;
  /** Outside the catalog's list of values, which the service never checks (REAL-SERVICE.md R7). */
  unknown?: string;
}

function unknownValue(spec: InputSpec, value: string, kind: "filter" | "input"): string | undefined {
  if (!spec.values || spec.values.length === 0) return undefined;
  const folded = value.toLowerCase();
  if (spec.values.some((candidate) => candidate.toLowerCase() === folded)) return undefined;
  const allowed = spec.values.filter((candidate) => candidate !== "");
  const empty = spec.values.includes("") || !spec.required ? (kind === "filter" ? ' (or "" for any)' : ' (or "" for the default)') : "";
  const consequence = kind === "filter" ? "but an event may never match it" : "but may not understand it";
  // Codes (release statuses) that are close in spelling are not close in meaning.
  const suggestion = NUMBER.test(value) ? "" : didYouMean(value, allowed);
  return `is not one of ${quotedList(allowed)}${empty}.${suggestion} The service accepts any value here, ${consequence}`;
}

function formError(spec: InputSpec, value: string): string | undefined {
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
      // Anything but a GUID is a name that plan looks up (engine/names).
      if (!GUID.test(value) && spec.names === undefined) return "must be a GUID (the id, not the name)";
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

/**
 * What is wrong with a literal input value against its catalog spec. Like the service, the value
 * is trimmed first and only its type, length and pattern can make it an error; a value outside
 * the listed ones (compared case-insensitively) is only unknown. Values with references are not
 * checked (they are only known where they are sent); "" is fine for an optional input.
 */
export function valueProblems(spec: InputSpec, value: string, kind: "filter" | "input"): ValueProblems {
  // Every reference contains "${"; so does a malformed one, which checkReferences reports.
  if (value.includes("${")) return {};
  const trimmed = value.trim();
  if (trimmed === "") return spec.required ? { error: "must not be empty" } : {};
  const problems: ValueProblems = {};
  const error = formError(spec, trimmed);
  if (error !== undefined) problems.error = error;
  const unknown = unknownValue(spec, trimmed, kind);
  if (unknown !== undefined) problems.unknown = unknown;
  return problems;
}
