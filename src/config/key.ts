import { catalog } from "../catalog/index.js";

/** The fields that decide whether two subscriptions are "the same one". */
export interface NaturalKeyFields {
  project: string;
  publisherId: string;
  eventType: string;
  publisherInputs: Record<string, string>;
  consumerId: string;
  consumerActionId: string;
  consumerInputs: Record<string, string>;
}

/** publisherInputs keys that never describe what is filtered: the project comes from `project`, the rest the service adds. */
export const RESERVED_PUBLISHER_INPUTS: ReadonlySet<string> = new Set(["projectId", "hostId", "tfsSubscriptionId"]);

/** Used when the catalog does not know the action: the webhook-style target. */
const FALLBACK_KEY_INPUTS: readonly string[] = ["url"];

/**
 * Filters as compared: reserved keys dropped, "" treated as missing, values case-folded,
 * keys sorted.
 */
export function normalizedFilters(publisherInputs: Record<string, string>): [string, string][] {
  return Object.entries(publisherInputs)
    .filter(([key, value]) => !RESERVED_PUBLISHER_INPUTS.has(key) && value.trim() !== "")
    .map(([key, value]): [string, string] => [key, value.trim().toLowerCase()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The consumer inputs that say where events go, from the catalog (`keyInputs`). */
export function keyInputIds(consumerId: string, consumerActionId: string): readonly string[] {
  return catalog.action(consumerId, consumerActionId)?.keyInputs ?? FALLBACK_KEY_INPUTS;
}

function normalizedKeyInput(value: string): string {
  const trimmed = value.trim();
  if (!/^https?:\/\//i.test(trimmed) || trimmed.includes("${")) return trimmed;
  try {
    // Scheme and host are case-insensitive and a default port is noise; the path is kept as written.
    return new URL(trimmed).href;
  } catch {
    return trimmed;
  }
}

/**
 * A stable string identifying a subscription: project, publisher, event, normalized filters,
 * consumer, action and the action's key inputs. Equal keys mean "the same subscription".
 */
export function naturalKey(subscription: NaturalKeyFields): string {
  const keyInputs = keyInputIds(subscription.consumerId, subscription.consumerActionId).map((id): [string, string] => [
    id,
    normalizedKeyInput(subscription.consumerInputs[id] ?? ""),
  ]);
  return JSON.stringify([
    subscription.project.trim().toLowerCase(),
    subscription.publisherId.toLowerCase(),
    subscription.eventType.toLowerCase(),
    normalizedFilters(subscription.publisherInputs),
    subscription.consumerId.toLowerCase(),
    subscription.consumerActionId.toLowerCase(),
    keyInputs,
  ]);
}
