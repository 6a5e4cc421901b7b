import type { LiveSubscription, SubscriptionBody, SubscriptionStatus, TeamProjectReference } from "../ado/types.js";
import { catalog } from "../catalog/index.js";
import type { DesiredSubscription } from "../config/types.js";
import { keyInputIds, keyPartsOfBody, labelOf, normalizeKeyInput, type KeyParts } from "../identity/index.js";
import { desiredStatus, hasReference, normalizeFilters, normalizeProjectId, normalizeStatus } from "../identity/index.js";
import type { Host } from "./types.js";

/** A desired subscription with everything the reconciler derives from it. */
export interface DesiredEntry {
  desired: DesiredSubscription;
  project: TeamProjectReference;
  key: KeyParts;
  /** Key inputs holding a reference that cannot be resolved here; they match any live value. */
  unresolvedKeyInputs: string[];
  /** The body to send, without the inputs in secretInputs. */
  body: SubscriptionBody;
  /** Confidential inputs and inputs holding references: apply resolves them from the configuration. */
  secretInputs: string[];
  confidentialInputs: Set<string>;
  host: Host;
}

/** A live subscription with its key and folded status. */
export interface LiveItem {
  live: LiveSubscription;
  key: KeyParts;
  status: SubscriptionStatus;
  host: Host;
  label: string;
}

export function hostOf(publisherId: string): Host {
  return catalog.isReleasePublisher(publisherId) ? "release" : "default";
}

export function toDesiredEntry(
  desired: DesiredSubscription,
  project: TeamProjectReference,
  resolveReference: (value: string) => string | undefined,
): DesiredEntry {
  const { consumerId, consumerActionId } = desired;
  const confidentialInputs = catalog.confidentialInputs(consumerId, consumerActionId);
  const secretInputs = Object.keys(desired.consumerInputs)
    .filter((inputId) => confidentialInputs.has(inputId) || hasReference(desired.consumerInputs[inputId] ?? ""))
    .sort();

  const consumerInputs: Record<string, string> = {};
  for (const [inputId, value] of Object.entries(desired.consumerInputs)) {
    if (!secretInputs.includes(inputId)) consumerInputs[inputId] = value;
  }
  const publisherInputs: Record<string, string> = { projectId: project.id };
  for (const [inputId, value] of Object.entries(desired.publisherInputs)) {
    if (inputId !== "projectId") publisherInputs[inputId] = value;
  }
  const body: SubscriptionBody = {
    publisherId: desired.publisherId,
    eventType: desired.eventType,
    ...(desired.resourceVersion === undefined ? {} : { resourceVersion: desired.resourceVersion }),
    consumerId,
    consumerActionId,
    publisherInputs,
    consumerInputs,
    status: desiredStatus(desired.enabled),
  };

  const keyInputs: Record<string, string> = {};
  const unresolvedKeyInputs: string[] = [];
  for (const inputId of keyInputIds(consumerId, consumerActionId)) {
    const raw = desired.consumerInputs[inputId];
    const value = raw !== undefined && hasReference(raw) ? resolveReference(raw) : raw;
    if (raw !== undefined && value === undefined) unresolvedKeyInputs.push(inputId);
    keyInputs[inputId] = normalizeKeyInput(consumerId, consumerActionId, inputId, value);
  }
  const key: KeyParts = {
    projectId: normalizeProjectId(project.id),
    publisherId: desired.publisherId,
    eventType: desired.eventType,
    filters: normalizeFilters(desired.publisherId, desired.eventType, desired.publisherInputs),
    consumerId,
    consumerActionId,
    keyInputs,
  };
  return { desired, project, key, unresolvedKeyInputs, body, secretInputs, confidentialInputs, host: hostOf(desired.publisherId) };
}

export function toLiveItem(live: LiveSubscription): LiveItem {
  return { live, key: keyPartsOfBody(live), status: normalizeStatus(live.status), host: hostOf(live.publisherId), label: labelOf(live) };
}
