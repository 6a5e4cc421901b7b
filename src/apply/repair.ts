import type { SubscriptionBody, SubscriptionStatus } from "../ado/index.js";
import { isUnhealthy, normalizeStatus } from "../compare/index.js";
import type { PlannedChange } from "../reconcile/index.js";
import { CreateOutcomeUnknownError } from "./create.js";
import { createThenDelete, messageOf, type ChangeContext, type ChangeOutcomeOf } from "./steps.js";

function whyPutFailed(status: SubscriptionStatus): string {
  return status === "onProbation"
    ? "the service does not take a subscription off probation through an update"
    : `the service did not re-enable it through the update`;
}

function howToFix(liveId: string, status: SubscriptionStatus): string {
  const wait = status === "onProbation" ? "; or wait until the service's next probation retry delivers successfully" : "";
  return (
    `To repair it, let hookops replace it — bring ${liveId} inside prune.scope (and outside every protect selector) and apply again — ` +
    `or delete it by hand and apply again to create it anew${wait}.`
  );
}

/**
 * Repairs an unhealthy subscription (onProbation, disabledBySystem, disabledByInactiveIdentity).
 * A PUT with status enabled re-enables a disabled one, but on the real service it does not clear
 * probation, and its answer may say "enabled" all the same (R6). So the status is read back with
 * a GET; a subscription still unhealthy is replaced (create, then delete the old one) when the
 * plan allows deleting it, and otherwise reported failed with what to do. Never throws: every
 * outcome says what was and was not changed, and applying again converges.
 */
export async function repairSubscription(
  change: PlannedChange,
  liveId: string,
  body: SubscriptionBody,
  context: ChangeContext,
  notes: string[],
): Promise<ChangeOutcomeOf> {
  const { client, redactor } = context;
  const before = change.liveStatus ?? "unhealthy";
  try {
    await client.replaceSubscription(liveId, body, { host: change.host });
  } catch (error) {
    notes.push(`${liveId} was not changed as far as hookops knows (it was ${before})`);
    return { outcome: "failed", liveId, message: `updating it (PUT) failed: ${messageOf(error, redactor)}`, notes };
  }

  let status: SubscriptionStatus;
  try {
    const read = await client.getSubscription(liveId, { host: change.host });
    if (read === undefined) {
      return {
        outcome: "failed",
        liveId,
        message: `the PUT was accepted, but ${liveId} was gone when read back (deleted meanwhile); apply again to create it`,
        notes,
      };
    }
    status = normalizeStatus(read.status);
  } catch (error) {
    notes.push("the PUT was accepted; nothing else was changed — run `hookops plan` to see its status");
    return {
      outcome: "failed",
      liveId,
      message: `reading ${liveId} back after the PUT failed, so its status is unknown: ${messageOf(error, redactor)}`,
      notes,
    };
  }

  if (!isUnhealthy(status)) {
    notes.unshift(`repaired by PUT: the service reports it ${status}`);
    return { outcome: "succeeded", liveId, notes };
  }
  const leftIt = `PUT left it ${status}`;
  if (change.mayRecreate !== true) {
    notes.push(`nothing else was changed: ${liveId} is still ${status}`);
    return {
      outcome: "failed",
      liveId,
      message: `${leftIt}: ${whyPutFailed(status)}, and the delete rule (prune.scope, protect) does not allow replacing it (create a new one, then delete ${liveId}). ${howToFix(liveId, status)}`,
      notes,
    };
  }

  try {
    const replaced = await createThenDelete(change, body, liveId, context, notes);
    if (replaced.outcome !== "succeeded") return { ...replaced, message: `${leftIt}; ${replaced.message ?? "replacing it failed"}` };
    notes.unshift(`replaced: ${leftIt}`);
    return replaced;
  } catch (error) {
    notes.push(
      error instanceof CreateOutcomeUnknownError
        ? `${liveId} was kept (still ${status}); whether its replacement was made is unknown — the next plan shows it`
        : `${liveId} was kept (still ${status}); no replacement was made`,
    );
    return { outcome: "failed", liveId, message: `${leftIt}, and creating its replacement failed: ${messageOf(error, redactor)}`, notes };
  }
}
