import type { AdoClient, Notification, NotificationsQuery, SubscriptionHost } from "../../ado/index.js";
import { HookopsError } from "../../errors.js";
import type { DeliveryCounts } from "../../report/status-model.js";
import { mapBounded } from "../../util/concurrency.js";
import { errorOf, finishedAt, httpStatusOf, type Redact } from "./facts.js";

/** Notifications per subscription the query returns with details: the newest few are enough to find the last failure and success. */
export const RESULTS_PER_SUBSCRIPTION = 10;
/** Subscriptions per query: keeps one answer to a few hundred notifications. */
export const SUBSCRIPTIONS_PER_QUERY = 50;

export interface DeliveryTarget {
  id: string;
  host: SubscriptionHost;
}

export interface DeliveryRead {
  /** By live id, lower case. */
  counts: Map<string, DeliveryCounts>;
  /** By live id, lower case: why its history could not be read. */
  failures: Map<string, string>;
  /** notificationsquery requests sent (retries not counted). */
  requests: number;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

function rate(succeeded: number, failed: number): number | null {
  const completed = succeeded + failed;
  return completed === 0 ? null : Math.round((failed / completed) * 1000) / 10;
}

/** Newest first by creation, then id: the order the service returns, restored whatever the answer's order. */
function newestFirst(a: Notification, b: Notification): number {
  const byDate = Date.parse(b.createdDate ?? "") - Date.parse(a.createdDate ?? "");
  return Number.isFinite(byDate) && byDate !== 0 ? byDate : b.id - a.id;
}

/** Counts from the answer's summary (over the whole window); from the returned notifications when the service sent none. */
function countsOf(id: string, answer: NotificationsQuery, notifications: readonly Notification[], redact: Redact): DeliveryCounts {
  let succeeded = 0;
  let failed = 0;
  let pending = 0;
  const summary = Array.isArray(answer.summary) ? answer.summary.find((entry) => entry.subscriptionId?.toLowerCase() === id) : undefined;
  const tally = (result: string | undefined, count: number) => {
    if (result === "succeeded") succeeded += count;
    else if (result === "failed") failed += count;
    else if (result === "pending") pending += count;
  };
  if (Array.isArray(answer.summary)) for (const entry of summary?.results ?? []) tally(entry.result, entry.notificationCount);
  else for (const notification of notifications) tally(notification.result, 1);

  const counts: DeliveryCounts = { succeeded, failed, pending, failureRate: rate(succeeded, failed) };
  const lastFailure = notifications.find((notification) => notification.result === "failed");
  const lastSuccess = notifications.find((notification) => notification.result === "succeeded");
  if (lastFailure !== undefined) {
    const httpStatus = httpStatusOf(lastFailure);
    const error = errorOf(lastFailure, redact);
    counts.lastFailure = {
      at: finishedAt(lastFailure) ?? "",
      notificationId: lastFailure.id,
      ...(httpStatus === undefined ? {} : { httpStatus }),
      ...(error === undefined ? {} : { error }),
    };
  }
  if (lastSuccess !== undefined) counts.lastSuccess = { at: finishedAt(lastSuccess) ?? "", notificationId: lastSuccess.id };
  return counts;
}

/**
 * The delivery history since `since` of the given live subscriptions: one `notificationsquery`
 * per host and 50 subscriptions, run within `concurrency`. A query that fails marks its
 * subscriptions' history unread; it never throws.
 */
export async function readDeliveries(
  client: Pick<AdoClient, "queryNotifications">,
  targets: readonly DeliveryTarget[],
  options: { since: string; concurrency: number; redact: Redact },
): Promise<DeliveryRead> {
  const read: DeliveryRead = { counts: new Map(), failures: new Map(), requests: 0 };
  const batches: { host: SubscriptionHost; ids: string[] }[] = [];
  for (const host of ["default", "release"] as const) {
    const ids = [...new Set(targets.filter((target) => target.host === host).map((target) => target.id.toLowerCase()))];
    for (const batch of chunks(ids, SUBSCRIPTIONS_PER_QUERY)) batches.push({ host, ids: batch });
  }
  await mapBounded(batches, options.concurrency, async ({ host, ids }) => {
    const query: NotificationsQuery = {
      subscriptionIds: ids,
      minCreatedDate: options.since,
      includeDetails: true,
      maxResultsPerSubscription: RESULTS_PER_SUBSCRIPTION,
      maxResults: RESULTS_PER_SUBSCRIPTION * ids.length,
    };
    read.requests += 1;
    try {
      const answer = await client.queryNotifications(query, { host });
      const bySubscription = new Map<string, Notification[]>();
      for (const notification of Array.isArray(answer.results) ? answer.results : []) {
        const owner = notification.subscriptionId?.toLowerCase() ?? "";
        bySubscription.set(owner, [...(bySubscription.get(owner) ?? []), notification]);
      }
      for (const id of ids) read.counts.set(id, countsOf(id, answer, (bySubscription.get(id) ?? []).sort(newestFirst), options.redact));
    } catch (error) {
      if (!(error instanceof HookopsError)) throw error;
      const reason = options.redact(error.message);
      for (const id of ids) read.failures.set(id, reason);
    }
  });
  return read;
}
