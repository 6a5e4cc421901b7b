import { displayInputValue } from "../catalog/sensitive.js";
import type { Plan } from "../reconcile/types.js";
import { redactSecretUrls } from "../util/inert.js";

/** Keys in the order a reader expects them; all others follow alphabetically. */
const KEY_ORDER = [
  "formatVersion", "organization", "createdAt",
  "action", "name", "project", "projectId", "host", "liveId", "id",
  "field", "before", "after", "sensitive", "resent", "forcesReplacement",
  "publisherId", "eventType", "resourceVersion", "consumerId", "consumerActionId", "status",
  "liveStatus", "probationRetries", "lastProbationRetryDate", "managed", "protected", "createdBy", "modifiedDate",
  "reasons", "fields", "body", "secretInputs", "publisherInputs", "consumerInputs",
  "changes", "noop", "unmanaged", "unhealthy", "warnings", "refusals", "fingerprint",
];
const RANK = new Map(KEY_ORDER.map((key, index) => [key, index]));

function orderKeys(a: string, b: string): number {
  const rankA = RANK.get(a) ?? Number.MAX_SAFE_INTEGER;
  const rankB = RANK.get(b) ?? Number.MAX_SAFE_INTEGER;
  if (rankA !== rankB) return rankA - rankB;
  return a < b ? -1 : a > b ? 1 : 0;
}

function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => orderKeys(a, b));
    return Object.fromEntries(entries.map(([key, inner]) => [key, ordered(inner)]));
  }
  return value;
}

/** The plan as machine output: the Plan itself, keys in a fixed order, 2-space indent. */
export function renderJson(plan: Plan): string {
  return `${JSON.stringify(ordered(plan), null, 2)}\n`;
}

/** A single `${env:…}` / `${file:…}` reference names where a secret comes from; it is no secret itself. */
const WHOLE_REFERENCE = /^\$\{[^}]*\}$/;

/**
 * The plan as it may be shown (`plan --json`, the Action's `plan-json` output): the consumer
 * inputs a change would send are displayed as everywhere else, incoming-webhook URLs by host and
 * credential headers without their values; such URLs in warnings and reasons by host too. A saved plan (renderJson) keeps them: apply sends them.
 */
export function displayPlan(plan: Plan): Plan {
  return {
    ...plan,
    warnings: plan.warnings.map(redactSecretUrls),
    refusals: plan.refusals.map(redactSecretUrls),
    changes: plan.changes.map((change) => {
      const { body } = change;
      if (body === undefined) return { ...change, reasons: change.reasons.map(redactSecretUrls) };
      const consumerInputs = Object.fromEntries(
        Object.entries(body.consumerInputs).map(([inputId, value]) => [inputId, WHOLE_REFERENCE.test(value.trim()) ? value : displayInputValue(body.consumerId, inputId, value)]),
      );
      return { ...change, reasons: change.reasons.map(redactSecretUrls), body: { ...body, consumerInputs } };
    }),
  };
}

/** renderJson of displayPlan: the machine form of a plan for logs, outputs and people. */
export function renderDisplayJson(plan: Plan): string {
  return renderJson(displayPlan(plan));
}
