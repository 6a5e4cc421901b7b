import { MASKED_VALUE, type HostedSubscription } from "../ado/types.js";
import { catalog, type InputSpec } from "../catalog/index.js";
import { isUrlSecretByNature } from "../catalog/sensitive.js";
import type { SubscriptionDefaults } from "../config/types.js";
import { comparableResourceVersion, isUnhealthy, normalizeInputValue, normalizeStatus, RESERVED_PUBLISHER_INPUTS } from "../compare/index.js";
import { escapeLiteral, exportHeaders, exportUrl, secretValue, type ExportedValue } from "./secrets.js";
import type { ExportedInputs, ExportedSubscription, ExportFilterNamer } from "./types.js";

/** What converting one live subscription needs besides the subscription itself. */
export interface ConvertContext {
  name: string;
  projectName: string;
  /** No project (written as `organizationWide: true`). */
  organizationWide?: boolean;
  /** `defaults` of the hookops.yaml the export lands next to: what they would add must be cancelled. */
  defaults?: SubscriptionDefaults;
  /** Names for filters holding ids, where they resolve back to exactly that id. */
  filterName?: ExportFilterNamer;
}

export interface Converted {
  subscription: ExportedSubscription;
  /** Environment variables the placeholders refer to, with the input holding each. */
  variables: { name: string; input: string }[];
  warnings: string[];
}

/** Wire values are strings; anything else the service sends is read as its text, null as absent. */
function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Inputs in the catalog's order (the order the UI shows them), unknown ones after, alphabetically. */
function orderedIds(inputs: Record<string, unknown>, specs: readonly InputSpec[]): string[] {
  const known = specs.map((spec) => spec.id).filter((id) => id in inputs);
  const unknown = Object.keys(inputs)
    .filter((id) => !specs.some((spec) => spec.id === id))
    .sort();
  return [...new Set([...known, ...unknown])];
}

/** A value that reads the same as leaving the input out ("" filters, the `*ToSend` "all", a catalog default) is dropped, unless the input is required. */
function isDroppable(inputId: string, value: string, spec: InputSpec | undefined): boolean {
  return normalizeInputValue(inputId, value, spec) === undefined && spec?.required !== true;
}

function exportFilters(live: HostedSubscription, filterName: ExportFilterNamer | undefined): ExportedInputs {
  const event = catalog.eventType(live.eventType);
  const publisher = catalog.publisher(live.publisherId);
  const specs = [...(event?.eventType.filters ?? []), ...(publisher?.inputs ?? [])];
  const serverAdded = new Set([...RESERVED_PUBLISHER_INPUTS, ...(publisher?.serverAddedInputs ?? [])]);
  const filters: ExportedInputs = {};
  for (const inputId of orderedIds(live.publisherInputs, specs)) {
    const value = text(live.publisherInputs[inputId]);
    if (value === undefined || serverAdded.has(inputId)) continue;
    const spec = specs.find((candidate) => candidate.id === inputId);
    if (isDroppable(inputId, value, spec)) continue;
    filters[inputId] = escapeLiteral(filterName?.(live, inputId, value) ?? value);
  }
  return filters;
}

function exportConsumerInput(
  live: HostedSubscription,
  name: string,
  inputId: string,
  value: string,
  spec: InputSpec | undefined,
  confidential: boolean,
): ExportedValue | undefined {
  if (confidential) return value.trim() === "" ? undefined : secretValue(name, inputId);
  // The service reads these back in clear, but the address itself is the credential (Slack, Teams, Discord, ...).
  if (value === MASKED_VALUE || (value.trim() !== "" && isUrlSecretByNature(live.consumerId, inputId, value))) return secretValue(name, inputId);
  if (isDroppable(inputId, value, spec)) return undefined;
  if (inputId === "httpHeaders") return exportHeaders(name, inputId, value);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value.trim())) return exportUrl(name, inputId, value);
  return { value: escapeLiteral(value), variables: [] };
}

function isInsecureUrl(inputId: string, value: string, spec: InputSpec | undefined): boolean {
  const isUrl = spec === undefined ? inputId === "url" : spec.dataType === "uri";
  return isUrl && /^http:\/\//i.test(value.trim());
}

/** Inputs a `defaults` map would add to this entry are written as null, which cancels them. */
function cancelInherited(inputs: ExportedInputs, inherited: Record<string, string> | undefined): ExportedInputs {
  const result = { ...inputs };
  for (const inputId of Object.keys(inherited ?? {}).sort()) {
    if (!(inputId in result) && !RESERVED_PUBLISHER_INPUTS.has(inputId)) result[inputId] = null;
  }
  return result;
}

function statusNote(status: string): string {
  return `Live status was ${status} (unhealthy). "enabled: true" asks hookops to repair it on apply; write "enabled: false" to keep it off.`;
}

/**
 * One live subscription in the repository format: server-added and default-valued fields
 * dropped, the project by name, secrets as `${env:…}` placeholders, status as `enabled`.
 */
export function convertSubscription(live: HostedSubscription, context: ConvertContext): Converted {
  const { name, defaults } = context;
  const warnings: string[] = [];
  const variables: { name: string; input: string }[] = [];
  const confidential = catalog.confidentialInputs(live.consumerId, live.consumerActionId);
  const specs = catalog.consumerInputs(live.consumerId, live.consumerActionId);

  const consumerInputs: ExportedInputs = {};
  let insecure = false;
  for (const inputId of orderedIds(live.consumerInputs, specs)) {
    const value = text(live.consumerInputs[inputId]);
    if (value === undefined) continue;
    const spec = specs.find((candidate) => candidate.id === inputId);
    const exported = exportConsumerInput(live, name, inputId, value, spec, confidential.has(inputId));
    if (!exported) continue;
    consumerInputs[inputId] = exported.value;
    for (const variable of exported.variables) variables.push({ name: variable, input: inputId });
    if (!confidential.has(inputId) && isInsecureUrl(inputId, value, spec)) insecure = true;
  }

  const inferredPublisher = catalog.eventType(live.eventType)?.publisher.id;
  const status = normalizeStatus(live.status);
  const subscription: ExportedSubscription = {
    name,
    id: live.id,
    project: context.organizationWide ? "" : context.projectName,
    ...(context.organizationWide ? { organizationWide: true as const } : {}),
    ...(inferredPublisher === live.publisherId && defaults?.publisherId === undefined ? {} : { publisherId: live.publisherId }),
    eventType: live.eventType,
    publisherInputs: cancelInherited(exportFilters(live, context.filterName), defaults?.publisherInputs),
    consumerId: live.consumerId,
    consumerActionId: live.consumerActionId,
    consumerInputs: cancelInherited(consumerInputs, defaults?.consumerInputs),
    notes: [],
    host: live.host,
  };
  const resourceVersion = comparableResourceVersion(live.consumerId, live.consumerActionId, text(live.resourceVersion));
  const action = catalog.action(live.consumerId, live.consumerActionId);
  const choosesVersion = action === undefined || action.allowResourceVersionOverride === true;
  if (resourceVersion !== undefined) subscription.resourceVersion = resourceVersion;
  else if (defaults?.resourceVersion !== undefined && choosesVersion) {
    warnings.push(
      `"${name}" uses the latest resource version, which the file cannot say while hookops.yaml sets defaults.resourceVersion "${defaults.resourceVersion}"; plan will show that change.`,
    );
  }
  if (status === "disabledByUser") subscription.enabled = false;
  else if (isUnhealthy(status)) {
    subscription.enabled = true;
    subscription.statusNote = statusNote(status);
  } else if (defaults?.enabled === false) subscription.enabled = true;
  if (insecure) {
    subscription.allowInsecureUrl = true;
    subscription.notes.push("Its URL uses http://, so events travel unencrypted; allowInsecureUrl keeps that as it is live.");
  }
  return { subscription, variables, warnings };
}
