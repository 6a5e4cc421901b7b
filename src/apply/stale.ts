import type { LiveSubscription, SubscriptionBody } from "../ado/index.js";
import type { DesiredSubscription } from "../config/types.js";
import { naturalKeyOfBody, staleReasons, type Plan, type PlannedChange } from "../reconcile/index.js";

export interface SavedPlanContext {
  /** The organization apply is connected to, named as plans name it. */
  organization: string;
  live: readonly LiveSubscription[];
  desired: readonly DesiredSubscription[];
  /** Bodies with secrets filled (from prepareChanges); a change missing here is keyed by its planned body. */
  bodies: ReadonlyMap<PlannedChange, SubscriptionBody>;
}

function sameOrganization(a: string, b: string): boolean {
  const normal = (value: string) => value.trim().replace(/\/+$/, "").toLowerCase();
  return normal(a) === normal(b);
}

/**
 * Why a saved plan may not be applied any more: it was made for another organization, a live
 * subscription it decided about changed or vanished, a subscription it creates exists by now, or
 * the configuration no longer declares a subscription it changes. Empty when it still holds.
 */
export function savedPlanProblems(plan: Plan, context: SavedPlanContext): string[] {
  if (!sameOrganization(plan.organization, context.organization)) {
    return [`the plan was made for ${plan.organization}, but apply is connected to ${context.organization}`];
  }
  const problems = [...staleReasons(plan, context.live)];
  const names = new Set(context.desired.map((subscription) => subscription.name));
  const liveByKey = new Map<string, string>();
  for (const subscription of context.live) liveByKey.set(naturalKeyOfBody(subscription), subscription.id);

  for (const change of plan.changes) {
    if (change.action === "delete") continue;
    if (!names.has(change.name)) {
      problems.push(`"${change.name}" is in the plan but no longer in the configuration`);
      continue;
    }
    if (change.action !== "create" && change.action !== "replace") continue;
    const body = context.bodies.get(change) ?? change.body;
    if (body === undefined) continue;
    const existing = liveByKey.get(naturalKeyOfBody(body));
    if (existing !== undefined && existing !== change.liveId) {
      problems.push(`"${change.name}" would be created, but live subscription ${existing} with the same key exists now`);
    }
  }
  return problems;
}
