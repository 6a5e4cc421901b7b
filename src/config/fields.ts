import { scalarSource, type YamlRef } from "./yaml-location.js";
import { isRecord } from "../util/records.js";

/** Input maps while merging: null removes a value inherited from defaults. */
export type RawInputs = Record<string, string | null>;

/** Subscription fields as written (in an entry or in defaults), wrong-typed values left out. */
export interface WrittenFields {
  name?: string;
  project?: string;
  /** `"*"` is read as `["*"]`. */
  projects?: string[];
  excludeProjects?: string[];
  organizationWide?: boolean;
  publisherId?: string;
  eventType?: string;
  resourceVersion?: string;
  publisherInputs?: RawInputs;
  consumerId?: string;
  consumerActionId?: string;
  consumerInputs?: RawInputs;
  enabled?: boolean;
  id?: string;
  allowInsecureUrl?: boolean;
  allowUnlistedEvent?: boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function flag(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === "string" && item !== "") ? (value as string[]) : undefined;
}

/**
 * Input values are strings on the wire. A number or boolean keeps its source text
 * (`ttl: 604800`, `resourceVersion`-like "1.0"), so YAML's typing never changes what is sent.
 */
function inputs(value: unknown, ref: YamlRef, key: "publisherInputs" | "consumerInputs"): RawInputs | undefined {
  if (!isRecord(value)) return undefined;
  const entries: [string, string | null][] = [];
  for (const [inputId, inputValue] of Object.entries(value)) {
    if (inputValue === null || typeof inputValue === "string") entries.push([inputId, inputValue]);
    else if (typeof inputValue === "number" || typeof inputValue === "boolean")
      entries.push([inputId, scalarSource(ref, [key, inputId]) ?? String(inputValue)]);
  }
  // fromEntries defines own properties, so an input named "__proto__" stays an input.
  return Object.fromEntries(entries);
}

/** Reads the subscription fields of a map; values of the wrong type are left out (the schema reported them). */
export function readWrittenFields(raw: Record<string, unknown>, ref: YamlRef): WrittenFields {
  const fields: WrittenFields = {};
  const assign = <K extends keyof WrittenFields>(key: K, value: WrittenFields[K] | undefined): void => {
    if (value !== undefined) fields[key] = value;
  };
  assign("name", text(raw.name));
  assign("project", text(raw.project));
  assign("projects", raw.projects === "*" ? ["*"] : stringList(raw.projects));
  assign("excludeProjects", stringList(raw.excludeProjects));
  assign("organizationWide", flag(raw.organizationWide));
  assign("publisherId", text(raw.publisherId));
  assign("eventType", text(raw.eventType));
  assign("resourceVersion", text(raw.resourceVersion));
  assign("publisherInputs", inputs(raw.publisherInputs, ref, "publisherInputs"));
  assign("consumerId", text(raw.consumerId));
  assign("consumerActionId", text(raw.consumerActionId));
  assign("consumerInputs", inputs(raw.consumerInputs, ref, "consumerInputs"));
  assign("enabled", flag(raw.enabled));
  assign("id", text(raw.id));
  assign("allowInsecureUrl", flag(raw.allowInsecureUrl));
  assign("allowUnlistedEvent", flag(raw.allowUnlistedEvent));
  return fields;
}

/** Drops the null markers once merging is done. */
export function presentInputs(values: RawInputs | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(values ?? {}).filter((entry): entry is [string, string] => entry[1] !== null));
}

/**
 * Defaults under an entry: the entry's own scalars win; input maps merge key by key; an entry
 * naming `project` or `projects`, or organization-wide, takes none of project, projects and
 * excludeProjects from defaults.
 */
export function mergeFields(defaults: WrittenFields, entry: WrittenFields): { merged: WrittenFields; inherited: Set<keyof WrittenFields> } {
  const merged: WrittenFields = { ...entry };
  const inherited = new Set<keyof WrittenFields>();
  const entryNamesProject = entry.project !== undefined || entry.projects !== undefined || entry.organizationWide === true;
  for (const key of Object.keys(defaults) as (keyof WrittenFields)[]) {
    if ((key === "project" || key === "projects" || key === "excludeProjects") && entryNamesProject) continue;
    if (key === "publisherInputs" || key === "consumerInputs") {
      const combined = { ...defaults[key], ...entry[key] };
      merged[key] = combined;
      if (Object.keys(defaults[key] ?? {}).some((inputId) => !(inputId in (entry[key] ?? {})))) inherited.add(key);
      continue;
    }
    if (merged[key] === undefined) {
      Object.assign(merged, { [key]: defaults[key] });
      inherited.add(key);
    }
  }
  return { merged, inherited };
}
