/** The wire form of stored subscriptions: urls, links and masked secrets. */
import { type LiveSubscription, MASKED_VALUE } from "../../ado/types.js";
import { catalog } from "../../catalog/index.js";
import type { SubscriptionRecord } from "../state/records.js";
import type { HostKind, StoredSubscription } from "../types.js";

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

function wire(record: SubscriptionRecord, baseUrl: string, consumerInputs: Record<string, string>): LiveSubscription {
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
    ...(record.probationRetries === undefined ? {} : { probationRetries: record.probationRetries }),
    ...(record.lastProbationRetryDate === undefined ? {} : { lastProbationRetryDate: record.lastProbationRetryDate }),
    createdBy: { ...record.createdBy },
    createdDate: record.createdDate,
    modifiedBy: { ...record.modifiedBy },
    modifiedDate: record.modifiedDate,
    publisherInputs: { ...record.publisherInputs },
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

export function subscriptionView(record: SubscriptionRecord, urls: HostUrls): LiveSubscription {
  const inputs = maskConsumerInputs(record.consumerId, record.consumerActionId, record.consumerInputs);
  return wire(record, hostBaseUrl(urls, record.host), inputs);
}

/** Stored records are never changed in place (every write stores a new object), so their JSON can be cached. */
const serialized = new WeakMap<SubscriptionRecord, { baseUrl: string; json: Buffer }>();

/** The masked wire form as UTF-8 JSON; lists concatenate these instead of serializing every subscription again. */
export function subscriptionJson(record: SubscriptionRecord, urls: HostUrls): Buffer {
  const baseUrl = hostBaseUrl(urls, record.host);
  const cached = serialized.get(record);
  if (cached?.baseUrl === baseUrl) return cached.json;
  const json = Buffer.from(JSON.stringify(subscriptionView(record, urls)), "utf8");
  serialized.set(record, { baseUrl, json });
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

/** The unmasked form tests read through `state` (never served over HTTP). */
export function storedView(record: SubscriptionRecord, urls: HostUrls): StoredSubscription {
  return { ...wire(record, hostBaseUrl(urls, record.host), { ...record.consumerInputs }), host: record.host };
}
