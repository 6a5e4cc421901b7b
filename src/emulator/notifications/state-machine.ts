/**
 * What a delivery does to its subscription (GOTCHAS G3): 410 disables it, an enduring failure puts an
 * enabled one on probation and keeps that notification for the probation schedule, a success ends
 * probation, and the last failed probation retry disables it.
 *
 * probationRetries is the number of the probation retry that comes next (1 when probation starts),
 * and lastProbationRetryDate the moment its wait began: when probation started or the last retry ran.
 */
import type { EmulatorRuntime } from "../runtime.js";
import type { NotificationRecord, SubscriptionRecord } from "../state/records.js";
import { recordWithStatus } from "../subscriptions/build.js";
import { MAX_PROBATION_RETRIES, probationRetryDue } from "./schedule.js";
import type { DeliveryVerdict } from "./send.js";

/** A delivery of a newly published event, or a probation retry of the failed one. */
export type ChangingDelivery = "event" | "probationRetry";

function setAwaiting(runtime: EmulatorRuntime, record: NotificationRecord, awaiting: boolean): void {
  if ((record.awaitingProbationRetry === true) === awaiting) return;
  const { awaitingProbationRetry: _flag, ...rest } = record;
  runtime.store.updateNotification(awaiting ? { ...rest, awaitingProbationRetry: true } : rest);
}

/** Probation retries only one notification per subscription: the latest enduring failure. */
function awaitOnly(runtime: EmulatorRuntime, subscriptionId: string, notificationId: number | undefined): void {
  for (const record of runtime.store.notificationsFor(subscriptionId)) setAwaiting(runtime, record, record.id === notificationId);
}

function save(runtime: EmulatorRuntime, record: SubscriptionRecord): void {
  runtime.store.saveSubscription(record);
}

export function applyVerdict(runtime: EmulatorRuntime, notificationId: number, delivery: ChangingDelivery, verdict: DeliveryVerdict): void {
  // The emulator could not call the consumer, or stopped: nothing was learnt about it.
  if (verdict === "notCalled" || verdict === "aborted") return;
  const notification = runtime.store.notification(notificationId);
  const subscription = notification ? runtime.store.subscription(notification.subscriptionId) : undefined;
  if (!notification || !subscription) return;
  const now = runtime.now();
  // Disabled meanwhile (by a user or the system): a late answer changes nothing.
  if (subscription.status !== "enabled" && subscription.status !== "onProbation") {
    awaitOnly(runtime, subscription.id, undefined);
    return;
  }
  switch (verdict) {
    case "succeeded": {
      if (subscription.status === "onProbation") {
        const enabled = recordWithStatus(subscription, "enabled", undefined, now);
        save(runtime, delivery === "probationRetry" ? { ...enabled, lastProbationRetryDate: now.toISOString() } : enabled);
      }
      awaitOnly(runtime, subscription.id, undefined);
      return;
    }
    case "terminal": {
      const disabled = recordWithStatus(subscription, "disabledBySystem", undefined, now);
      save(runtime, delivery === "probationRetry" ? { ...disabled, lastProbationRetryDate: now.toISOString() } : disabled);
      awaitOnly(runtime, subscription.id, undefined);
      return;
    }
    case "enduring": {
      if (delivery === "event") {
        // A second failure while already on probation (two events delivered at once) is not retried: only one notification is.
        if (subscription.status !== "enabled") return;
        save(runtime, recordWithStatus(subscription, "onProbation", 1, now));
        awaitOnly(runtime, subscription.id, notification.id);
        return;
      }
      const retry = subscription.probationRetries ?? 1;
      if (retry >= MAX_PROBATION_RETRIES) {
        save(runtime, { ...recordWithStatus(subscription, "disabledBySystem", undefined, now), lastProbationRetryDate: now.toISOString() });
        awaitOnly(runtime, subscription.id, undefined);
        return;
      }
      save(runtime, recordWithStatus(subscription, "onProbation", retry + 1, now));
    }
  }
}

export interface DueRetry {
  notificationId: number;
  due: number;
}

/**
 * The probation retry that is due first, at or before `until` (epoch ms); ties go to the older
 * notification. A notification whose subscription is no longer on probation is not retried.
 */
export function nextDueRetry(runtime: EmulatorRuntime, until: number): DueRetry | undefined {
  let next: DueRetry | undefined;
  for (const record of runtime.store.allNotifications()) {
    if (record.awaitingProbationRetry !== true) continue;
    const subscription = runtime.store.subscription(record.subscriptionId);
    if (subscription?.status !== "onProbation") {
      setAwaiting(runtime, record, false);
      continue;
    }
    const due = probationRetryDue(subscription.lastProbationRetryDate ?? record.modifiedDate, subscription.probationRetries ?? 1);
    if (due <= until && (next === undefined || due < next.due)) next = { notificationId: record.id, due };
  }
  return next;
}

/** How many notifications wait for a probation retry: bounds the clock's retry loop. */
export function awaitingCount(runtime: EmulatorRuntime): number {
  return runtime.store.allNotifications().filter((record) => record.awaitingProbationRetry === true).length;
}
