/** The wire form of stored subscriptions: urls, links and masked secrets. */
import { MASKED_VALUE } from "../../ado/types.js";
import { catalog } from "../../catalog/index.js";
import type { SubscriptionRecord } from "../state/records.js";
import { sortedInputs } from "./build.js";
import type { HostKind, StoredSubscription, WireSubscription } from "../types.js";

export interface HostUrls {
  url: string;
  releaseUrl: string;
}

export function hostBaseUrl(urls: HostUrls, host: HostKind): string {
  return host === "release" ? urls.releaseUrl : urls.url;
}

const confidentialByAction = new Map<string, Set<string>>();

function confidentialInputs(consumerId: string, actionId: string): Set<string> {
  const key = `${consumerId}/${actionId}`;
  let inputs = confidentialByAction.get(key);
  if (!inputs) {
    inputs = catalog.confidentialInputs(consumerId, actionId);
    confidentialByAction.set(key, inputs);
  }
  return inputs;
}

/** Replaces every confidential consumer input with the mask, as every read from the service does. */
export function maskConsumerInputs(consumerId: string, actionId: string, inputs: Record<string, string>): Record<string, string> {
  const confidential = confidentialInputs(consumerId, actionId);
  if (confidential.size === 0) return { ...inputs };
  const masked: Record<string, string> = {};
  for (const [id, value] of Object.entries(inputs)) masked[id] = confidential.has(id) ? MASKED_VALUE : value;
  return masked;
}

/** What the service shows for a date that was never set (.NET DateTime.MinValue). */
export const NEVER = "0001-01-01T00:00:00";

export interface ViewOptions {
  /**
   * The organization id to show as publisherInputs.hostId, for api-versions that still carried it
   * (the 2014 recordings, 1.0); modern answers have none.
   */
  legacyHostId?: string;
}

function publisherInputsView(record: SubscriptionRecord, options: ViewOptions): Record<string, string> {
  // State files written before hostId stopped being stored may still hold it.
  const { hostId: _stored, ...inputs } = record.publisherInputs;
  const { legacyHostId } = options;
  if (legacyHostId === undefined || !catalog.publisher(record.publisherId)?.serverAddedInputs.includes("hostId")) return inputs;
  return sortedInputs({ ...inputs, hostId: legacyHostId });
}

function wire(record: SubscriptionRecord, baseUrl: string, consumerInputs: Record<string, string>, options: ViewOptions): WireSubscription {
  const url = `${baseUrl}/_apis/hooks/subscriptions/${record.id}`;
  const consumerUrl = `${baseUrl}/_apis/hooks/consumers/${record.consumerId}`;
  return {
    id: record.id,
    url,
    status: record.status,
    publisherId: record.publisherId,
    eventType: record.eventType,
    resourceVersion: record.resourceVersion,
    eventDescription: record.eventDescription,
    consumerId: record.consumerId,
    consumerActionId: record.consumerActionId,
    actionDescription: record.actionDescription,
    ...(record.probationRetries ? { probationRetries: record.probationRetries } : {}),
    lastProbationRetryDate: record.lastProbationRetryDate ?? NEVER,
    // The service clears createdBy on reads when a service principal created the subscription (R2).
    createdBy: record.createdByServicePrincipal ? null : { ...record.createdBy },
    createdDate: record.createdDate,
    modifiedBy: { ...record.modifiedBy },
    modifiedDate: record.modifiedDate,
    subscriber: null,
    publisherInputs: publisherInputsView(record, options),
    consumerInputs,
    _links: {
      self: { href: url },
      consumer: { href: consumerUrl },
      actions: { href: `${consumerUrl}/actions` },
      notifications: { href: `${url}/notifications` },
      publisher: { href: `${baseUrl}/_apis/hooks/publishers/${record.publisherId}` },
    },
  };
}

export function subscriptionView(record: SubscriptionRecord, urls: HostUrls, options: ViewOptions = {}): WireSubscription {
  const inputs = maskConsumerInputs(record.consumerId, record.consumerActionId, record.consumerInputs);
  return wire(record, hostBaseUrl(urls, record.host), inputs, options);
}

/** Stored records are never changed in place (every write stores a new object), so their JSON can be cached. */
const serialized = new WeakMap<SubscriptionRecord, { key: string; json: Buffer }>();

/** The masked wire form as UTF-8 JSON; lists concatenate these instead of serializing every subscription again. */
export function subscriptionJson(record: SubscriptionRecord, urls: HostUrls, options: ViewOptions = {}): Buffer {
  const key = `${hostBaseUrl(urls, record.host)} ${options.legacyHostId ?? ""}`;
  const cached = serialized.get(record);
  if (cached?.key === key) return cached.json;
  const json = Buffer.from(JSON.stringify(subscriptionView(record, urls, options)), "utf8");
  serialized.set(record, { key, json });
  return json;
}

const COMMA = Buffer.from(",");

/** `{"count":N,"value":[…]}` from already serialized items. */
export function jsonList(items: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`{"count":${items.length},"value":[`)];
  items.forEach((item, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(Buffer.from("]}"));
  return Buffer.concat(parts);
}

/** subscriptionsquery's answer: the query as understood, with its results. */
export function jsonQueryAnswer(query: object, items: readonly Buffer[]): Buffer {
  const head = JSON.stringify({ ...query, results: [] });
  const parts: Buffer[] = [Buffer.from(`${head.slice(0, -"[]}".length)}[`)];
  items.forEach((item, index) => {
    if (index > 0) parts.push(COMMA);
    parts.push(item);
  });
  parts.push(Buffer.from("]}"));
  return Buffer.concat(parts);
}

/** The unmasked form tests read through `state` (never served over HTTP): the real creator, no subscriber. */
export function storedView(record: SubscriptionRecord, urls: HostUrls): StoredSubscription {
  const { createdBy: _shown, subscriber: _subscriber, ...rest } = wire(record, hostBaseUrl(urls, record.host), { ...record.consumerInputs }, {});
  return {
    ...rest,
    createdBy: { ...record.createdBy },
    host: record.host,
    ...(record.createdByServicePrincipal ? { createdByServicePrincipal: true } : {}),
  };
}
