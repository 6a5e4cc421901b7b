import type { AdoClient, SubscriptionBody } from "../ado/index.js";
import { HookopsError } from "../errors.js";
import type { PlannedChange } from "../reconcile/index.js";
import { isUnhealthy, normalizeStatus } from "../identity/index.js";
import { createWithRecovery, type CreateLedger } from "./create.js";
import type { SecretRedactor } from "./secrets.js";
import type { ChangeResult } from "./types.js";

export interface ChangeContext {
  client: AdoClient;
  ledger: CreateLedger;
  redactor: SecretRedactor;
}

/** The part of a result the change runner decides; the executor adds the change itself. */
export type ChangeOutcomeOf = Omit<ChangeResult, "change">;

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

function messageOf(error: unknown, redactor: SecretRedactor): string {
  const text = error instanceof HookopsError ? error.message : error instanceof Error ? `unexpected failure: ${error.message}` : String(error);
  return redactor.redact(text);
}

/**
 * Creates the new subscription, then deletes the old one. The old one is deleted only once the new
 * one exists, so events keep flowing; a failed delete leaves both and says so.
 */
async function createThenDelete(change: PlannedChange, body: SubscriptionBody, oldId: string, context: ChangeContext, notes: string[]): Promise<ChangeOutcomeOf> {
  const created = await createWithRecovery(context.client, body, change.host, context.ledger);
  notes.push(...created.notes);
  const newId = created.subscription.id;
  try {
    const existed = await context.client.deleteSubscription(oldId, { host: change.host });
    if (!existed) notes.push(`the old subscription ${oldId} was already gone`);
  } catch (error) {
    notes.push(`the old subscription ${oldId} still exists next to the new one; delete it by hand, or let prune remove it`);
    return { outcome: "failed", liveId: newId, message: `created ${newId}, but deleting the old subscription failed: ${messageOf(error, context.redactor)}`, notes };
  }
  return { outcome: "succeeded", liveId: newId, notes };
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
    case "repair": {
      const liveId = requireLiveId(change);
      const sent = requireBody(change, body);
      const updated = await client.replaceSubscription(liveId, sent, { host: change.host });
      const status = normalizeStatus(updated.status);
      if (!isUnhealthy(status)) return { outcome: "succeeded", liveId: updated.id, notes };
      if (change.mayRecreate !== true) {
        return { outcome: "failed", liveId, message: `the service kept ${liveId} ${status} after the update, and the delete rule does not allow recreating it (create, then delete the old one)`, notes };
      }
      // Some services keep a system-disabled subscription disabled through a PUT: recreate it instead.
      notes.push(`the service kept ${liveId} ${status} after the update; it was recreated and the old one deleted`);
      return createThenDelete(change, sent, liveId, context, notes);
    }
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
