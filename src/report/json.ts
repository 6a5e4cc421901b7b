import { planSummary } from "../reconcile/index.js";
import type { Plan } from "../reconcile/types.js";

/** Keys in the order a reader expects them; all others follow alphabetically. */
const KEY_ORDER = [
  "formatVersion",
  "organization",
  "createdAt",
  "expansions",
  "summary",
  "action",
  "name",
  "project",
  "projectId",
  "organizationWide",
  "host",
  "liveId",
  "id",
  "field",
  "before",
  "after",
  "sensitive",
  "resent",
  "forcesReplacement",
  "publisherId",
  "eventType",
  "resourceVersion",
  "consumerId",
  "consumerActionId",
  "status",
  "liveStatus",
  "probationRetries",
  "lastProbationRetryDate",
  "managed",
  "protected",
  "createdBy",
  "modifiedDate",
  "reasons",
  "fields",
  "body",
  "secretInputs",
  "publisherInputs",
  "consumerInputs",
  "changes",
  "noop",
  "unmanaged",
  "unhealthy",
  "warnings",
  "refusals",
  "fingerprint",
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

/**
 * The plan as machine output (`plan --json`, saved plans, the Action's `plan-json`): the Plan itself
 * plus `summary` (changes by action, and noop), keys in a fixed order, 2-space indent; described by
 * schemas/plan.schema.json. It holds no secret: the reconciler leaves confidential,
 * referenced and secret-by-nature inputs out of bodies and shows them by host or not at all.
 */
export function renderJson(plan: Plan): string {
  // Counts for readers that need no more than a word: in the order a plan is read, not alphabetical.
  const document = ordered({ ...plan, summary: undefined }) as Record<string, unknown>;
  document.summary = { ...planSummary(plan), noop: plan.noop };
  return `${JSON.stringify(document, null, 2)}\n`;
}
