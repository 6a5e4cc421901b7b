/**
 * Checks one input value against its catalog spec, with the service's messages: required, pattern,
 * length and data type only. Possible values are never checked, as the service does not (R7).
 */
import type { InputSpec } from "../../catalog/index.js";
import { isGuid } from "../random.js";

function isNumber(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value.trim());
}

function matchesDataType(spec: InputSpec, value: string): boolean {
  switch (spec.dataType) {
    case "guid":
      return isGuid(value);
    case "number":
      return isNumber(value);
    case "boolean":
      return /^(true|false)$/i.test(value);
    case "uri":
      return URL.canParse(value);
    default:
      return true;
  }
}

function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true;
  }
}

/** The reason `value` is not acceptable for `spec`, or undefined when it is. "" is "any" and always fine. */
export function inputProblem(spec: InputSpec, value: string, options: { skipPattern?: boolean } = {}): string | undefined {
  if (value === "" || spec.uncertain) return undefined;
  const id = spec.id;
  if (!matchesDataType(spec, value)) return `Subscription input '${id}' does not match the required data type '${spec.dataType ?? "string"}'.`;
  if (spec.minLength !== undefined && value.length < spec.minLength) {
    return `Subscription input '${id}' has a length of ${value.length} that is less than the allowed minimum ${spec.minLength}.`;
  }
  if (spec.maxLength !== undefined && value.length > spec.maxLength) {
    return `Subscription input '${id}' has a length of ${value.length} that is greater than the allowed maximum ${spec.maxLength}.`;
  }
  if (spec.pattern !== undefined && options.skipPattern !== true && !matchesPattern(spec.pattern, value)) {
    return `The value of subscription input '${id}' does not match the required pattern '${spec.pattern}'.`;
  }
  if (spec.dataType === "number") {
    const number = Number(value);
    if (spec.minValue !== undefined && number < spec.minValue) {
      return `Subscription input '${id}' has a value of ${value} that is less than the allowed minimum ${spec.minValue}.`;
    }
    if (spec.maxValue !== undefined && number > spec.maxValue) {
      return `Subscription input '${id}' has a value of ${value} that is greater than the allowed maximum ${spec.maxValue}.`;
    }
  }
  return undefined;
}
