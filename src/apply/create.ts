import { OutcomeUnknownError, type AdoClient, type LiveSubscription, type SubscriptionBody, type SubscriptionHost } from "../ado/index.js";
import { HookopsError } from "../errors.js";
import { naturalKeyOfBody } from "../reconcile/index.js";

/** A create may have happened but hookops could not find out; nothing was sent again. */
export class CreateOutcomeUnknownError extends HookopsError {}

/** What creates in one apply run share, so a lost response is never answered by a blind second POST. */
export class CreateLedger {
  /** Lower-cased ids known before apply started, plus every id a create of this run produced or claimed. */
  private readonly taken: Set<string>;

  constructor(existingIds: Iterable<string>) {
    this.taken = new Set([...existingIds].map((id) => id.toLowerCase()));
  }

  isTaken(id: string): boolean {
    return this.taken.has(id.toLowerCase());
  }

  take(id: string): void {
    this.taken.add(id.toLowerCase());
  }
}

export interface CreateResult {
  subscription: LiveSubscription;
  notes: string[];
}

/**
 * After a lost or garbled answer: the subscriptions on that host which did not exist before apply
 * and have the body's natural key. Only these can be the one the POST created.
 */
async function findCreated(client: AdoClient, body: SubscriptionBody, host: SubscriptionHost, ledger: CreateLedger): Promise<LiveSubscription | undefined> {
  const key = naturalKeyOfBody(body);
  let listed: LiveSubscription[];
  const filters = { publisherId: body.publisherId, eventType: body.eventType, consumerId: body.consumerId, consumerActionId: body.consumerActionId };
  const projectId = body.publisherInputs.projectId;
  try {
    // Only the candidates, filtered by the service: never the whole organization per lost response.
    listed =
      projectId !== undefined && projectId !== ""
        ? await client.listProjectSubscriptions(projectId, filters, { host })
        : await client.listSubscriptions(filters, { host });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CreateOutcomeUnknownError(
      `the response to the create was lost and listing the subscriptions to look for it failed (${reason}); nothing was sent again — run \`hookops plan\` to see whether it exists`,
    );
  }
  const found = listed.find((subscription) => !ledger.isTaken(subscription.id) && naturalKeyOfBody(subscription) === key);
  if (found !== undefined) ledger.take(found.id);
  return found;
}

/**
 * POSTs a subscription, once. When the answer is lost or garbled (the service may or may not have
 * made it), the candidates are listed: a new subscription with the same natural key is the one
 * made. When none is found the create is reported failed and NOT sent again: a slow service could
 * still make the first one, and a second POST would then be a duplicate. The next apply creates
 * it if it is still missing.
 */
export async function createWithRecovery(client: AdoClient, body: SubscriptionBody, host: SubscriptionHost, ledger: CreateLedger): Promise<CreateResult> {
  try {
    const subscription = await client.createSubscription(body, { host });
    ledger.take(subscription.id);
    return { subscription, notes: [] };
  } catch (error) {
    if (!(error instanceof OutcomeUnknownError)) throw error;
    const found = await findCreated(client, body, host, ledger);
    if (found !== undefined) {
      return { subscription: found, notes: ["the answer to the create was lost or unreadable; the subscription it made was found by listing again"] };
    }
    throw new CreateOutcomeUnknownError(
      "the answer to the create was lost or unreadable and listing again found no subscription it made; it was not sent again (a slow service could still make it, and a second one would be a duplicate) — run `hookops plan` or apply again",
    );
  }
}
