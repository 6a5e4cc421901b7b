import type { LiveSubscription, SubscriptionBody, SubscriptionHost, SubscriptionStatus, TeamProjectReference } from "../ado/types.js";
import { catalog } from "../catalog/index.js";
import type { DesiredSubscription } from "../config/types.js";
import { keyInputIds, keyPartsOfBody, labelOf, normalizeKeyInput, type KeyParts } from "../compare/index.js";
import { desiredStatus, hasReference, normalizeFilters, normalizeProjectId, normalizeStatus } from "../compare/index.js";
import { isUrlSecretByNature } from "../catalog/sensitive.js";
import { hostOf } from "../ado/release-host.js";

/**
 * What an organization-wide declaration has for a project: no id (its key and body carry no
 * projectId), and a name only for display.
 */
export const ORGANIZATION_WIDE: TeamProjectReference = { id: "", name: "(organization-wide)" };

/** A desired subscription with everything the reconciler derives from it. */
export interface DesiredEntry {
  desired: DesiredSubscription;
  /** ORGANIZATION_WIDE for an organization-wide declaration. */
  project: TeamProjectReference;
  key: KeyParts;
  /** Key inputs holding a reference that cannot be resolved here; they match any live value. */
  unresolvedKeyInputs: string[];
  /** The body to send, without the inputs in secretInputs. */
  body: SubscriptionBody;
  /** Confidential inputs and inputs holding references: apply resolves them from the configuration. */
  secretInputs: string[];
  confidentialInputs: Set<string>;
  host: SubscriptionHost;
  /** Publisher inputs whose references cannot be resolved here: the plan refuses them. */
  problems: string[];
}

/** A live subscription with its key and folded status. */
export interface LiveItem {
  live: LiveSubscription;
  key: KeyParts;
  status: SubscriptionStatus;
  host: SubscriptionHost;
  label: string;
}

/**
 * Inputs apply fills from the configuration instead of the plan: confidential ones, ones holding
 * references, and URLs whose path is their secret (incoming webhooks). Saved plans never hold them.
 */
function secretInputIdsOf(desired: DesiredSubscription, confidentialInputs: ReadonlySet<string>): string[] {
  return Object.keys(desired.consumerInputs)
    .filter((inputId) => {
      const raw = desired.consumerInputs[inputId] ?? "";
      if (confidentialInputs.has(inputId) || hasReference(raw)) return true;
      return isUrlSecretByNature(desired.consumerId, inputId, raw);
    })
    .sort();
}

/** Filters are not secrets: references in them are resolved now, so matching compares what apply sends. */
function resolvePublisherInputs(
  desired: DesiredSubscription,
  resolveReference: (value: string) => string | undefined,
  problems: string[],
): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [inputId, raw] of Object.entries(desired.publisherInputs)) {
    if (inputId === "projectId") continue;
    if (!hasReference(raw)) {
      resolved[inputId] = raw;
      continue;
    }
    const value = resolveReference(raw);
    if (value === undefined) {
      problems.push(
        `"${desired.name}": publisherInputs.${inputId} is ${JSON.stringify(raw)}, which cannot be resolved here; filters are resolved when planning, so make it available (set the variable or create the file) and plan again.`,
      );
      resolved[inputId] = raw;
    } else {
      resolved[inputId] = value;
    }
  }
  return resolved;
}

export function toDesiredEntry(
  desired: DesiredSubscription,
  project: TeamProjectReference,
  resolveReference: (value: string) => string | undefined,
): DesiredEntry {
  const { consumerId, consumerActionId } = desired;
  const confidentialInputs = catalog.confidentialInputs(consumerId, consumerActionId);
  const secretInputs = secretInputIdsOf(desired, confidentialInputs);

  const consumerInputs: Record<string, string> = {};
  for (const [inputId, value] of Object.entries(desired.consumerInputs)) {
    if (!secretInputs.includes(inputId)) consumerInputs[inputId] = value;
  }
  const problems: string[] = [];
  const filters = resolvePublisherInputs(desired, resolveReference, problems);
  const publisherInputs: Record<string, string> = desired.organizationWide === true ? { ...filters } : { projectId: project.id, ...filters };
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
    filters: normalizeFilters(desired.publisherId, desired.eventType, filters),
    consumerId,
    consumerActionId,
    keyInputs,
  };
  return {
    desired: { ...desired, publisherInputs: filters },
    project,
    key,
    unresolvedKeyInputs,
    body,
    secretInputs,
    confidentialInputs,
    host: hostOf(desired),
    problems,
  };
}

export function toLiveItem(live: LiveSubscription): LiveItem {
  return { live, key: keyPartsOfBody(live), status: normalizeStatus(live.status), host: hostOf(live), label: labelOf(live) };
}
