import { MASKED_VALUE } from "../ado/types.js";
import { catalog, type InputSpec } from "../catalog/index.js";
import type { DesiredEntry, LiveItem } from "./entries.js";
import { keyInputIds } from "../compare/index.js";
import {
  consumerInputSpec,
  desiredStatus,
  filterSpec,
  hasReference,
  isFilterInput,
  normalizeInputValue,
  comparableResourceVersion,
  normalizeResourceVersion,
} from "../compare/index.js";
import { hideCredentialHeaders, isUrlSecretByNature, urlHostOnly } from "../catalog/sensitive.js";
import type { ProjectIndex } from "./ownership.js";
import type { FieldChange } from "./types.js";

export interface DiffContext {
  projects: ProjectIndex;
  resolveReference: (value: string) => string | undefined;
}

export interface PairDiff {
  /** Differences in keyed fields; any of them makes the change a replace. */
  keyFields: FieldChange[];
  /** Differences fixable in place. */
  fields: FieldChange[];
  /** Inputs holding references that could not be compared (value unavailable or masked). */
  uncompared: number;
}

function valueChange(field: string, before: string | undefined, after: string | undefined, forcesReplacement = false): FieldChange {
  return {
    field,
    ...(before === undefined ? {} : { before }),
    ...(after === undefined ? {} : { after }),
    ...(forcesReplacement ? { forcesReplacement: true } : {}),
  };
}

function unionOfKeys(...records: Record<string, string>[]): string[] {
  return [...new Set(records.flatMap((record) => Object.keys(record)))].sort();
}

/**
 * URLs are shown without credentials and query values: webhook URLs often carry a token there,
 * and plans end up in pull request comments.
 */
export function redactUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  if (url.username === "" && url.password === "" && url.search === "" && url.hash === "") return value;
  const credentials = url.username !== "" || url.password !== "" ? "***@" : "";
  const query = [...url.searchParams.keys()].map((name) => `${encodeURIComponent(name)}=***`).join("&");
  return `${url.protocol}//${credentials}${url.host}${url.pathname}${query === "" ? "" : `?${query}`}${url.hash === "" ? "" : "#***"}`;
}

/** What a plan may show of a consumer input: webhook URLs whose path is a secret as host only, credential headers hidden. */
function displayValue(consumerId: string, inputId: string, value: string | undefined, spec: InputSpec | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (isUrlSecretByNature(consumerId, inputId, value)) return urlHostOnly(value);
  if (inputId === "httpHeaders") return hideCredentialHeaders(value);
  return spec?.dataType === "uri" || inputId === "url" ? redactUrl(value) : value;
}

type InputComparison = { kind: "same" } | { kind: "uncompared" } | { kind: "changed"; change: FieldChange };

/** Compares one consumer input; secrets are never compared, references only when resolvable. */
function compareConsumerInput(entry: DesiredEntry, item: LiveItem, inputId: string, context: DiffContext, forcesReplacement: boolean): InputComparison {
  const { desired } = entry;
  const { live } = item;
  if (entry.confidentialInputs.has(inputId) || catalog.confidentialInputs(live.consumerId, live.consumerActionId).has(inputId)) {
    return { kind: "same" };
  }
  const field = `consumerInputs.${inputId}`;
  const spec = consumerInputSpec(desired.consumerId, desired.consumerActionId, inputId);
  const desiredRaw = desired.consumerInputs[inputId];
  const liveRaw = live.consumerInputs[inputId];
  if (desiredRaw !== undefined && hasReference(desiredRaw)) {
    if (liveRaw === MASKED_VALUE) return { kind: "uncompared" };
    const resolved = context.resolveReference(desiredRaw);
    if (resolved === undefined) return { kind: "uncompared" };
    if (normalizeInputValue(inputId, resolved, spec) === normalizeInputValue(inputId, liveRaw, spec)) return { kind: "same" };
    return { kind: "changed", change: { field, sensitive: true, ...(forcesReplacement ? { forcesReplacement: true } : {}) } };
  }
  // The service masked a value the catalog does not call confidential: nothing to compare with.
  if (liveRaw === MASKED_VALUE) return { kind: "same" };
  if (normalizeInputValue(inputId, desiredRaw, spec) === normalizeInputValue(inputId, liveRaw, spec)) return { kind: "same" };
  const before = displayValue(live.consumerId, inputId, liveRaw, spec);
  const after = displayValue(desired.consumerId, inputId, desiredRaw, spec);
  if (before === after) return { kind: "changed", change: { field, sensitive: true, ...(forcesReplacement ? { forcesReplacement: true } : {}) } };
  return { kind: "changed", change: valueChange(field, before, after, forcesReplacement) };
}

/** Field-level differences between a desired subscription and the live one it matched. */
export function diffPair(entry: DesiredEntry, item: LiveItem, context: DiffContext): PairDiff {
  const { desired } = entry;
  const { live } = item;
  const diff: PairDiff = { keyFields: [], fields: [], uncompared: 0 };

  if (entry.key.projectId !== item.key.projectId) {
    const liveProject = context.projects.nameOf(item.key.projectId) ?? (item.key.projectId || undefined);
    diff.keyFields.push(valueChange("project", liveProject, entry.project.name, true));
  }
  for (const field of ["publisherId", "eventType", "consumerId", "consumerActionId"] as const) {
    if (desired[field] !== live[field]) diff.keyFields.push(valueChange(field, live[field], desired[field], true));
  }
  const liveFilters = Object.fromEntries(Object.entries(live.publisherInputs).filter(([inputId]) => isFilterInput(live.publisherId, inputId)));
  for (const inputId of unionOfKeys(desired.publisherInputs, liveFilters)) {
    if (!isFilterInput(desired.publisherId, inputId)) continue;
    const spec = filterSpec(desired.eventType, inputId);
    const before = liveFilters[inputId];
    const after = desired.publisherInputs[inputId];
    if (normalizeInputValue(inputId, before, spec) !== normalizeInputValue(inputId, after, spec)) {
      diff.keyFields.push(valueChange(`publisherInputs.${inputId}`, before, after, true));
    }
  }

  const keyInputs = new Set([...keyInputIds(desired.consumerId, desired.consumerActionId), ...keyInputIds(live.consumerId, live.consumerActionId)]);
  for (const inputId of unionOfKeys(desired.consumerInputs, live.consumerInputs, Object.fromEntries([...keyInputs].map((id) => [id, ""])))) {
    const isKey = keyInputs.has(inputId);
    if (isKey && entry.unresolvedKeyInputs.includes(inputId)) {
      diff.uncompared += 1;
      continue;
    }
    const comparison = compareConsumerInput(entry, item, inputId, context, isKey);
    if (comparison.kind === "uncompared") diff.uncompared += 1;
    else if (comparison.kind === "changed") (isKey ? diff.keyFields : diff.fields).push(comparison.change);
  }

  // Where the action cannot choose a version the service picks it, and no PUT could change it.
  const desiredVersion = comparableResourceVersion(desired.consumerId, desired.consumerActionId, desired.resourceVersion);
  const liveVersion = comparableResourceVersion(live.consumerId, live.consumerActionId, live.resourceVersion);
  if (desiredVersion !== liveVersion) diff.fields.push(valueChange("resourceVersion", liveVersion, desiredVersion));

  const wantedStatus = desiredStatus(desired.enabled);
  if (wantedStatus !== item.status) diff.fields.push(valueChange("status", item.status, wantedStatus));
  return diff;
}

/** Every field a create sets; secret inputs appear only as sensitive. */
export function createFields(entry: DesiredEntry): FieldChange[] {
  const { desired } = entry;
  const fields: FieldChange[] = [
    valueChange("project", undefined, entry.project.name),
    valueChange("publisherId", undefined, desired.publisherId),
    valueChange("eventType", undefined, desired.eventType),
  ];
  if (normalizeResourceVersion(desired.resourceVersion) !== undefined) fields.push(valueChange("resourceVersion", undefined, desired.resourceVersion));
  for (const inputId of Object.keys(desired.publisherInputs).sort()) {
    if (isFilterInput(desired.publisherId, inputId)) fields.push(valueChange(`publisherInputs.${inputId}`, undefined, desired.publisherInputs[inputId]));
  }
  fields.push(valueChange("consumerId", undefined, desired.consumerId), valueChange("consumerActionId", undefined, desired.consumerActionId));
  for (const inputId of Object.keys(desired.consumerInputs).sort()) {
    const field = `consumerInputs.${inputId}`;
    const raw = desired.consumerInputs[inputId];
    const shown = displayValue(desired.consumerId, inputId, raw, consumerInputSpec(desired.consumerId, desired.consumerActionId, inputId));
    const hidden = entry.confidentialInputs.has(inputId) || (raw !== undefined && hasReference(raw));
    fields.push(hidden ? { field, sensitive: true } : valueChange(field, undefined, shown));
  }
  fields.push(valueChange("status", undefined, desiredStatus(desired.enabled)));
  return fields;
}
