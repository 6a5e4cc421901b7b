import type { InputDescriptor } from "../../ado/types.js";
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
