import type { AdoClient, SubscriptionBody } from "../ado/index.js";
import { HookopsError } from "../errors.js";
import type { PlannedChange } from "../reconcile/index.js";
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

export function messageOf(error: unknown, redactor: SecretRedactor): string {
  const text = error instanceof HookopsError ? error.message : error instanceof Error ? `unexpected failure: ${error.message}` : String(error);
  return redactor.redact(text);
}

/**
 * Creates the new subscription, then deletes the old one. The old one is deleted only once the new
 * one exists, so events keep flowing; a failed delete leaves both and says so. A failed create
 * throws, with nothing changed.
 */
export async function createThenDelete(
  change: PlannedChange,
  body: SubscriptionBody,
  oldId: string,
  context: ChangeContext,
  notes: string[],
): Promise<ChangeOutcomeOf> {
  const created = await createWithRecovery(context.client, body, change.host, context.ledger);
  notes.push(...created.notes);
  const newId = created.subscription.id;
  try {
    const existed = await context.client.deleteSubscription(oldId, { host: change.host });
    if (!existed) notes.push(`the old subscription ${oldId} was already gone`);
  } catch (error) {
    notes.push(`the old subscription ${oldId} still exists next to the new one; delete it by hand, or apply again to remove the duplicate`);
    return {
      outcome: "failed",
      liveId: newId,
      message: `created ${newId}, but deleting the old subscription failed: ${messageOf(error, context.redactor)}`,
      notes,
    };
  }
  return { outcome: "succeeded", liveId: newId, notes };
}
