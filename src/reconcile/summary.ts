import type { LiveSubscription } from "../ado/types.js";
import type { Plan, PlanSummary } from "./types.js";

export function planSummary(plan: Plan): PlanSummary {
  const summary: PlanSummary = { create: 0, update: 0, replace: 0, delete: 0, repair: 0 };
  for (const change of plan.changes) summary[change.action] += 1;
  return summary;
}

export function hasChanges(plan: Plan): boolean {
  return plan.changes.length > 0;
}

/**
 * Why a saved plan no longer fits the live state: a subscription it decided about is gone or
 * was modified since. Empty when the plan is still current.
 */
export function staleReasons(plan: Plan, live: readonly LiveSubscription[]): string[] {
  const modifiedById = new Map(live.map((subscription) => [subscription.id.toLowerCase(), subscription.modifiedDate]));
  const reasons: string[] = [];
  for (const entry of plan.fingerprint) {
    const key = entry.id.toLowerCase();
    if (!modifiedById.has(key)) reasons.push(`live subscription ${entry.id} no longer exists`);
    else if (modifiedById.get(key) !== entry.modifiedDate) reasons.push(`live subscription ${entry.id} was modified since the plan was made`);
  }
  return reasons;
}

export function isStale(plan: Plan, live: readonly LiveSubscription[]): boolean {
  return staleReasons(plan, live).length > 0;
}
