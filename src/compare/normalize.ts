import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from "../ado/types.js";
import { catalog, type InputSpec } from "../catalog/index.js";

/**
 * Whether a desired value must be resolved before it can be sent or compared: it holds a
 * `${env:…}` / `${file:…}` reference (and so may carry a secret) or a `$${` escape. Such values
 * are treated as sensitive and left to apply to resolve from the configuration.
 */
export function hasReference(value: string): boolean {
  return value.includes("${");
}

/**
 * publisherInputs that are not filters: the project comes from `project`, the rest the service
 * sets. `subscriberId` is added for personal, team and Teams-app subscriptions (REAL-SERVICE.md
 * R10), whatever the publisher, so it is reserved here rather than per publisher.
 */
export const RESERVED_PUBLISHER_INPUTS: ReadonlySet<string> = new Set(["projectId", "hostId", "tfsSubscriptionId", "subscriberId"]);

/** Absent status is how old servers report an enabled subscription; case is folded. */
export function normalizeStatus(status: string | undefined | null): SubscriptionStatus {
  if (status === undefined || status === null || status === "") return "enabled";
  const folded = status.toLowerCase();
  return SUBSCRIPTION_STATUSES.find((known) => known.toLowerCase() === folded) ?? (status as SubscriptionStatus);
}

export function desiredStatus(enabled: boolean): SubscriptionStatus {
  return enabled ? "enabled" : "disabledByUser";
}

/** The states the service puts a subscription in after delivery failures or an owner leaving. */
export function isUnhealthy(status: SubscriptionStatus): boolean {
  return status === "onProbation" || status === "disabledBySystem" || status === "disabledByInactiveIdentity";
}

/** The service accepts and echoes `"latest"`; it means the same as no resourceVersion (REAL-SERVICE.md R10). */
export function isLatestResourceVersion(version: string): boolean {
  return version.trim().toLowerCase() === "latest";
}

/** `null`, `""`, `"latest"` and absent all mean "latest released". */
export function normalizeResourceVersion(version: string | null | undefined): string | undefined {
  if (version === undefined || version === null) return undefined;
  const trimmed = version.trim();
  return trimmed === "" || isLatestResourceVersion(trimmed) ? undefined : trimmed;
}

/**
 * The resourceVersion worth comparing for a subscription of this action: none where the catalog
 * says the action cannot choose one, since the service picks it there and a PUT cannot change it.
 * Actions the catalog does not know keep theirs.
 */
export function comparableResourceVersion(consumerId: string, consumerActionId: string, version: string | null | undefined): string | undefined {
  const action = catalog.action(consumerId, consumerActionId);
  if (action && action.allowResourceVersionOverride !== true) return undefined;
  return normalizeResourceVersion(version);
}

/**
 * Header lists (`Name:value` per line) compare as sets: lines trimmed, blank lines dropped,
 * header names lower-cased, order ignored.
 */
export function normalizeHeaders(value: string): string {
  const lines = new Set<string>();
  for (const rawLine of value.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon < 0) lines.add(line.toLowerCase());
    else lines.add(`${line.slice(0, colon).trim().toLowerCase()}:${line.slice(colon + 1).trim()}`);
  }
  return [...lines].sort().join("\n");
}

const BOOLEAN_LITERAL = /^(true|false)$/i;
const NUMBER_LITERAL = /^-?\d+(\.\d+)?$/;

/**
 * The comparable form of one input value; undefined means "same as not set".
 * Rules: blank ≡ missing, enum values take the catalog's spelling, string booleans are
 * lower-cased, the `*ToSend` option "all" ≡ its default "", a value equal to the catalog
 * default ≡ missing, guids are lower-cased and URLs are compared in their parsed form.
 */
export function normalizeInputValue(inputId: string, value: string | undefined, spec: InputSpec | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (inputId === "httpHeaders") {
    const headers = normalizeHeaders(value);
    return headers === "" ? undefined : headers;
  }
  let normalized = value.trim();
  if (normalized === "") return undefined;
  if (inputId.endsWith("ToSend") && normalized.toLowerCase() === "all") return undefined;
  if (spec?.values) {
    const folded = normalized.toLowerCase();
    const canonical = spec.values.find((allowed) => allowed.toLowerCase() === folded);
    if (canonical !== undefined) normalized = canonical;
    if (normalized === "") return undefined;
  }
  if ((spec === undefined || spec.dataType === "boolean") && BOOLEAN_LITERAL.test(normalized)) normalized = normalized.toLowerCase();
  if (spec?.dataType === "guid") normalized = normalized.toLowerCase();
  if (spec?.dataType === "number" && NUMBER_LITERAL.test(normalized)) normalized = String(Number(normalized));
  if (spec?.dataType === "uri") normalized = normalizeUrl(normalized);
  if (spec?.default !== undefined && normalizeDefault(spec) === normalized) return undefined;
  return normalized;
}

function normalizeDefault(spec: InputSpec): string | undefined {
  const { default: defaultValue, ...rest } = spec;
  return defaultValue === undefined ? undefined : normalizeInputValue(spec.id, defaultValue, rest);
}

function normalizeUrl(value: string): string {
  try {
    return new URL(value).href;
  } catch {
    return value;
  }
}

export function filterSpec(eventType: string, inputId: string): InputSpec | undefined {
  return catalog.eventType(eventType)?.eventType.filters.find((spec) => spec.id === inputId);
}

const consumerSpecCache = new Map<string, Map<string, InputSpec>>();

export function consumerInputSpec(consumerId: string, actionId: string, inputId: string): InputSpec | undefined {
  const cacheKey = `${consumerId}/${actionId}`;
  let specs = consumerSpecCache.get(cacheKey);
  if (!specs) {
    specs = new Map(catalog.consumerInputs(consumerId, actionId).map((spec) => [spec.id, spec]));
    consumerSpecCache.set(cacheKey, specs);
  }
  return specs.get(inputId);
}

/** Whether a publisher input is an event filter (not projectId, not added by the server). */
export function isFilterInput(publisherId: string, inputId: string): boolean {
  if (RESERVED_PUBLISHER_INPUTS.has(inputId)) return false;
  return !(catalog.publisher(publisherId)?.serverAddedInputs.includes(inputId) ?? false);
}

/** The event filters of a subscription in comparable form, without empty ones. */
export function normalizeFilters(publisherId: string, eventType: string, publisherInputs: Record<string, string>): Record<string, string> {
  const filters: Record<string, string> = {};
  for (const inputId of Object.keys(publisherInputs).sort()) {
    if (!isFilterInput(publisherId, inputId)) continue;
    const normalized = normalizeInputValue(inputId, publisherInputs[inputId], filterSpec(eventType, inputId));
    if (normalized !== undefined) filters[inputId] = normalized;
  }
  return filters;
}

export function normalizeProjectId(projectId: string | undefined): string {
  return (projectId ?? "").trim().toLowerCase();
}
