/** Builds the stored form of a subscription: what the server fills in on create, replace and status changes. */
import type { IdentityRef, SubscriptionStatus } from "../../ado/types.js";
import type { SubscriptionRecord } from "../state/records.js";
import type { HostKind } from "../types.js";
import { describeAction, describeEvent } from "./describe.js";
import type { ValidSubscription } from "./validate.js";

export interface WriteContext {
  now: Date;
  identity: IdentityRef;
  /** The identity is a service principal (reads will answer createdBy null for what it creates). */
  servicePrincipal: boolean;
  newId: () => string;
}

/** The identity the service records when it changes a subscription's status by itself. */
export const SERVICE_IDENTITY: IdentityRef = {
  id: "00000002-0000-8888-8000-000000000000",
  displayName: "Azure DevOps Services",
  uniqueName: "service-hooks@emulator.invalid",
};

/** The service returns publisher inputs sorted by id. */
export function sortedInputs(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).sort(([a], [b]) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)));
}

/**
 * Every contributed publisher (tfs, rm, pipelines, ...) gets a tfsSubscriptionId that a replace keeps.
 * hostId is not stored: only old api-versions show it, so the view adds it (view.ts).
 */
function withServerInputs(inputs: Record<string, string>, context: WriteContext, previous?: Record<string, string>): Record<string, string> {
  const { hostId: _hostId, ...result } = inputs;
  result.tfsSubscriptionId = previous?.tfsSubscriptionId || context.newId();
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
    ...(context.servicePrincipal ? { createdByServicePrincipal: true } : {}),
    createdDate: date,
    modifiedBy: context.identity,
    modifiedDate: date,
    publisherInputs: withServerInputs(subscription.publisherInputs, context),
  };
}

/**
 * PUT: everything the client owns is replaced; id, creation and server-added inputs stay. Status
 * enabled re-enables a disabled subscription, but an onProbation one stays on probation (R6) unless
 * `putClearsProbation`.
 */
export function replaceRecord(
  existing: SubscriptionRecord,
  subscription: ValidSubscription,
  context: WriteContext,
  putClearsProbation: boolean,
): SubscriptionRecord {
  const staysOnProbation = existing.status === "onProbation" && subscription.status === "enabled" && !putClearsProbation;
  return {
    id: existing.id,
    host: existing.host,
    ...clientFields(subscription),
    ...(staysOnProbation ? { status: existing.status, probationRetries: existing.probationRetries ?? 1 } : {}),
    ...(existing.lastProbationRetryDate === undefined ? {} : { lastProbationRetryDate: existing.lastProbationRetryDate }),
    createdBy: existing.createdBy,
    ...(existing.createdByServicePrincipal ? { createdByServicePrincipal: true } : {}),
    createdDate: existing.createdDate,
    modifiedBy: context.identity,
    modifiedDate: context.now.toISOString(),
    publisherInputs: withServerInputs(subscription.publisherInputs, context, existing.publisherInputs),
  };
}

/** What a PUT answers: the subscription as the request left it, even when the stored one stays on probation. */
export function answeredRecord(record: SubscriptionRecord, requested: SubscriptionStatus): SubscriptionRecord {
  if (record.status === requested) return record;
  const { probationRetries: _retries, ...rest } = record;
  return { ...rest, status: requested };
}

export function recordWithStatus(
  existing: SubscriptionRecord,
  status: SubscriptionStatus,
  probationRetries: number | undefined,
  now: Date,
): SubscriptionRecord {
  const { probationRetries: _retries, ...rest } = existing;
  const date = now.toISOString();
  const bySystem = status === "onProbation" || status === "disabledBySystem" || status === "disabledByInactiveIdentity";
  const updated: SubscriptionRecord = { ...rest, status, modifiedDate: date, modifiedBy: bySystem ? SERVICE_IDENTITY : existing.modifiedBy };
  if (status === "onProbation") {
    updated.probationRetries = probationRetries ?? 1;
    updated.lastProbationRetryDate = date;
  }
  return updated;
}
