/** Builds the stored form of a subscription: what the server fills in on create, replace and status changes. */
import type { IdentityRef, SubscriptionStatus } from "../../ado/types.js";
import { catalog } from "../../catalog/index.js";
import type { SubscriptionRecord } from "../state/records.js";
import type { HostKind } from "../types.js";
import { describeAction, describeEvent } from "./describe.js";
import type { ValidSubscription } from "./validate.js";

export interface WriteContext {
  now: Date;
  identity: IdentityRef;
  /** The organization's instance id, which the service adds to tfs subscriptions as `hostId`. */
  hostId: string;
  newId: () => string;
}

/** The identity the service records when it changes a subscription's status by itself. */
export const SERVICE_IDENTITY: IdentityRef = {
  id: "00000002-0000-8888-8000-000000000000",
  displayName: "Azure DevOps Services",
  uniqueName: "service-hooks@emulator.invalid",
};

/** The service returns publisher inputs sorted by id. */
function sortedInputs(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
}

function withServerInputs(publisherId: string, inputs: Record<string, string>, context: WriteContext, previous?: Record<string, string>): Record<string, string> {
  const result = { ...inputs };
  for (const id of catalog.publisher(publisherId)?.serverAddedInputs ?? []) {
    if (id === "hostId") result.hostId = context.hostId;
    else result[id] = previous?.[id] || context.newId();
  }
  return sortedInputs(result);
}

/** The fields that follow from what the client sent. */
function clientFields(subscription: ValidSubscription) {
  return {
    status: subscription.status,
    publisherId: subscription.publisherId,
    eventType: subscription.eventType,
    resourceVersion: subscription.resourceVersion,
    eventDescription: describeEvent(subscription.eventType, subscription.publisherInputs),
    consumerId: subscription.consumerId,
    consumerActionId: subscription.consumerActionId,
    actionDescription: describeAction(subscription.consumerId, subscription.consumerActionId, subscription.consumerInputs),
    consumerInputs: { ...subscription.consumerInputs },
  };
}

export function createRecord(subscription: ValidSubscription, host: HostKind, context: WriteContext): SubscriptionRecord {
  const date = context.now.toISOString();
  return {
    id: context.newId(),
    host,
    ...clientFields(subscription),
    createdBy: context.identity,
    createdDate: date,
    modifiedBy: context.identity,
    modifiedDate: date,
    publisherInputs: withServerInputs(subscription.publisherId, subscription.publisherInputs, context),
  };
}

/** PUT: everything the client owns is replaced; id, creation and server-added inputs stay. */
export function replaceRecord(existing: SubscriptionRecord, subscription: ValidSubscription, context: WriteContext): SubscriptionRecord {
  return {
    id: existing.id,
    host: existing.host,
    ...clientFields(subscription),
    createdBy: existing.createdBy,
    createdDate: existing.createdDate,
    modifiedBy: context.identity,
    modifiedDate: context.now.toISOString(),
    publisherInputs: withServerInputs(subscription.publisherId, subscription.publisherInputs, context, existing.publisherInputs),
  };
}

export function recordWithStatus(
  existing: SubscriptionRecord,
  status: SubscriptionStatus,
  probationRetries: number | undefined,
  now: Date,
): SubscriptionRecord {
  const { probationRetries: _retries, lastProbationRetryDate: _lastRetry, ...rest } = existing;
  const date = now.toISOString();
  const bySystem = status === "onProbation" || status === "disabledBySystem" || status === "disabledByInactiveIdentity";
  const updated: SubscriptionRecord = { ...rest, status, modifiedDate: date, modifiedBy: bySystem ? SERVICE_IDENTITY : existing.modifiedBy };
  if (status === "onProbation") {
    updated.probationRetries = probationRetries ?? 1;
    updated.lastProbationRetryDate = date;
  }
  return updated;
}
