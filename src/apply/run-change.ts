import type { SubscriptionBody } from "../ado/index.js";
import { HookopsError } from "../errors.js";
import type { PlannedChange } from "../reconcile/index.js";
import { createWithRecovery } from "./create.js";
import { repairSubscription } from "./repair.js";
import { createThenDelete, messageOf, type ChangeContext, type ChangeOutcomeOf } from "./steps.js";

export type { ChangeContext, ChangeOutcomeOf } from "./steps.js";

/** A planned change that cannot be carried out as written (a hand-edited saved plan, say). */
class MalformedChangeError extends HookopsError {}

function requireBody(change: PlannedChange, body: SubscriptionBody | undefined): SubscriptionBody {
  if (body === undefined) throw new MalformedChangeError(`the plan carries no subscription body for this ${change.action}`);
  return body;
}

function requireLiveId(change: PlannedChange): string {
  if (change.liveId === undefined) throw new MalformedChangeError(`the plan names no live subscription for this ${change.action}`);
  return change.liveId;
}

async function runAction(change: PlannedChange, body: SubscriptionBody | undefined, context: ChangeContext, notes: string[]): Promise<ChangeOutcomeOf> {
  const { client } = context;
  switch (change.action) {
    case "create": {
      const created = await createWithRecovery(client, requireBody(change, body), change.host, context.ledger);
      notes.push(...created.notes);
      return { outcome: "succeeded", liveId: created.subscription.id, notes };
    }
    case "update": {
      const updated = await client.replaceSubscription(requireLiveId(change), requireBody(change, body), { host: change.host });
      return { outcome: "succeeded", liveId: updated.id, notes };
    }
    case "replace":
      return createThenDelete(change, requireBody(change, body), requireLiveId(change), context, notes);
    case "repair":
      return repairSubscription(change, requireLiveId(change), requireBody(change, body), context, notes);
    case "delete": {
      const liveId = requireLiveId(change);
      const existed = await client.deleteSubscription(liveId, { host: change.host });
      if (!existed) notes.push("it was already gone");
      return { outcome: "succeeded", liveId, notes };
    }
  }
}

/** Carries out one change. Never throws: a failure becomes a "failed" result with a message free of secrets. */
export async function runChange(change: PlannedChange, body: SubscriptionBody | undefined, context: ChangeContext): Promise<ChangeOutcomeOf> {
  const notes: string[] = [];
  try {
    return await runAction(change, body, context, notes);
  } catch (error) {
    // Thrown only before a replace's old subscription was touched.
    if (change.action === "replace" && change.liveId !== undefined) notes.push(`the old subscription ${change.liveId} was left as it was`);
    return { outcome: "failed", message: messageOf(error, context.redactor), notes: notes.map((note) => context.redactor.redact(note)) };
  }
}
