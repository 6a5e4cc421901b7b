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

/** Replaces every confidential consumer input with the mask, as every read from the service does. */
export function maskConsumerInputs(consumerId: string, actionId: string, inputs: Record<string, string>): Record<string, string> {
  const confidential = catalog.confidentialInputs(consumerId, actionId);
  if (confidential.size === 0) return { ...inputs };
  const masked: Record<string, string> = {};
  for (const [id, value] of Object.entries(inputs)) masked[id] = confidential.has(id) ? MASKED_VALUE : value;
  return masked;
}

function wire(record: SubscriptionRecord, baseUrl: string, consumerInputs: Record<string, string>): LiveSubscription {
  const url = `${baseUrl}/_apis/hooks/subscriptions/${record.id}`;
  const consumerUrl = `${baseUrl}/_apis/hooks/consumers/${record.consumerId}`;
  const view: LiveSubscription = {
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
  };
  if (record.probationRetries !== undefined) view.probationRetries = record.probationRetries;
  if (record.lastProbationRetryDate !== undefined) view.lastProbationRetryDate = record.lastProbationRetryDate;
  Object.assign(view, {
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
  });
  return view;
}

export function subscriptionView(record: SubscriptionRecord, urls: HostUrls): LiveSubscription {
  const inputs = maskConsumerInputs(record.consumerId, record.consumerActionId, record.consumerInputs);
  return wire(record, hostBaseUrl(urls, record.host), inputs);
}

/** The unmasked form tests read through `state` (never served over HTTP). */
export function storedView(record: SubscriptionRecord, urls: HostUrls): StoredSubscription {
  return { ...wire(record, hostBaseUrl(urls, record.host), { ...record.consumerInputs }), host: record.host };
}
