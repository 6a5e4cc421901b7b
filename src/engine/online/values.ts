import type { InputDescriptor } from "../../ado/types.js";
import type { InputSpec } from "../../catalog/types.js";
import { isRecord } from "../../util/records.js";

/**
 * The values a live descriptor limits an input to; undefined when it lists none or when they
 * depend on the organization (definitions, repositories: listed only by inputValuesQuery).
 */
export function possibleValues(descriptor: InputDescriptor): string[] | undefined {
  const values = descriptor.values;
  if (descriptor.hasDynamicValueInformation === true || !values || values.isLimitedToPossibleValues !== true) return undefined;
  const listed = Array.isArray(values.possibleValues) ? values.possibleValues : [];
  const found = listed.flatMap((item: unknown) => (isRecord(item) && typeof item.value === "string" ? [item.value] : []));
  return found.length > 0 ? found : undefined;
}

/**
 * Whether a written value lies outside both the live list and the catalog's (which knows real
 * values the descriptors leave out, such as "all"). Like the service, the value is trimmed and
 * compared case-insensitively; references and blanks are not checked.
 */
export function isUnknownValue(value: string, live: readonly string[], spec: InputSpec | undefined): boolean {
  const folded = value.trim().toLowerCase();
  if (folded === "" || value.includes("${")) return false;
  return ![...live, ...(spec?.values ?? [])].some((candidate) => candidate.toLowerCase() === folded);
}
