import type { SubscriptionBody } from "../ado/types.js";
import { catalog } from "../catalog/index.js";
import { HIDDEN, isUrlSecretByNature } from "../catalog/sensitive.js";
import { consumerInputSpec, normalizeFilters, normalizeInputValue, normalizeProjectId } from "./normalize.js";

/** What identifies a subscription when no id is pinned: where events come from and where they go. */
export interface KeyParts {
  projectId: string;
  publisherId: string;
  eventType: string;
  filters: Record<string, string>;
  consumerId: string;
  consumerActionId: string;
  /** Normalized values of the consumer action's key inputs ("" when not set). */
  keyInputs: Record<string, string>;
}

/** The consumer inputs that say where events go; the url when the catalog does not know the action. */
export function keyInputIds(consumerId: string, consumerActionId: string): readonly string[] {
  return catalog.action(consumerId, consumerActionId)?.keyInputs ?? ["url"];
}

export function normalizeKeyInput(consumerId: string, consumerActionId: string, inputId: string, value: string | undefined): string {
  return normalizeInputValue(inputId, value, consumerInputSpec(consumerId, consumerActionId, inputId)) ?? "";
}

/** Key of everything but the key inputs: used to find candidates when a key input cannot be resolved. */
export function baseKey(parts: KeyParts): string {
  const filters = Object.keys(parts.filters)
    .sort()
    .map((id) => [id, parts.filters[id]]);
  return JSON.stringify([parts.projectId, parts.publisherId, parts.eventType, filters, parts.consumerId, parts.consumerActionId]);
}

export function naturalKey(parts: KeyParts): string {
  const keyInputs = Object.keys(parts.keyInputs)
    .sort()
    .map((id) => [id, parts.keyInputs[id]]);
  return `${baseKey(parts)}|${JSON.stringify(keyInputs)}`;
}

/** Key parts of a body as sent or as read back (live subscriptions are bodies too). */
export function keyPartsOfBody(body: SubscriptionBody): KeyParts {
  const keyInputs: Record<string, string> = {};
  for (const inputId of keyInputIds(body.consumerId, body.consumerActionId)) {
    keyInputs[inputId] = normalizeKeyInput(body.consumerId, body.consumerActionId, inputId, body.consumerInputs[inputId]);
  }
  return {
    projectId: normalizeProjectId(body.publisherInputs.projectId),
    publisherId: body.publisherId,
    eventType: body.eventType,
    filters: normalizeFilters(body.publisherId, body.eventType, body.publisherInputs),
    consumerId: body.consumerId,
    consumerActionId: body.consumerActionId,
    keyInputs,
  };
}

/**
 * The natural key of a subscription body, equal for a body and the live subscription it created.
 * Apply uses it to find a created subscription whose response was lost.
 */
export function naturalKeyOfBody(body: SubscriptionBody): string {
  return naturalKey(keyPartsOfBody(body));
}

/**
 * A readable label for a live subscription without a desired name, e.g.
 * `build.complete -> webHooks (hooks.example.com)`. URLs show only their host: a path or
 * query string may embed a token.
 */
export function labelOf(body: SubscriptionBody): string {
  const targets: string[] = [];
  for (const inputId of keyInputIds(body.consumerId, body.consumerActionId)) {
    const value = body.consumerInputs[inputId]?.trim();
    if (!value) continue;
    // A chat tool's webhook address is its secret, with or without a scheme.
    if (isUrlSecretByNature(body.consumerId, inputId, value)) targets.push(hostInUrl(value) ?? HIDDEN);
    else targets.push(hostInUrl(value) ?? value);
  }
  const target = targets.length > 0 ? ` (${targets.join(", ")})` : "";
  return `${body.eventType} -> ${body.consumerId}${target}`;
}

/** The host (and port) of a value that is a URL; undefined for any other text. */
function hostInUrl(value: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  try {
    return new URL(value).host || undefined;
  } catch {
    return "(unparsable url)";
  }
}
