/** Control routes that make things happen: publishing an event, and moving the emulator's clock. */
import { errors } from "../errors.js";
import { parsePublishedEvent, publishEvent } from "../notifications/publish.js";
import { isObject } from "../subscriptions/validate.js";
import { ok, queryValue, type RouteDefinition } from "./context.js";

/** A year: enough for any schedule the service has, small enough that dates stay readable. */
const MAX_ADVANCE_SECONDS = 366 * 24 * 60 * 60;

function parseAdvance(body: unknown): number {
  if (!isObject(body)) throw errors.nullBody("clock");
  const seconds = body.advanceSeconds;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0 || seconds > MAX_ADVANCE_SECONDS)
    throw errors.argument(`advanceSeconds must be a number from 0 to ${MAX_ADVANCE_SECONDS}.`);
  return seconds;
}

export const controlEventRoutes: RouteDefinition[] = [
  {
    method: "POST",
    pattern: "/_emulator/events",
    handler: async (context) => {
      const { runtime } = context;
      const event = parsePublishedEvent(await context.readJson("event"), runtime);
      const wait = (queryValue(context.query, "wait") ?? "").toLowerCase() === "true";
      const outcome = publishEvent(runtime, event);
      const deliveries = outcome.notifications.map((notification) => runtime.deliveries.start(notification.id, "event"));
      if (wait) await Promise.all(deliveries);
      const value = outcome.notifications.map((notification) => ({
        subscriptionId: notification.subscriptionId,
        notificationId: notification.id,
        result: runtime.store.notification(notification.id)?.result ?? notification.result,
      }));
      return ok({ count: value.length, value, eventId: outcome.eventId, dropped: outcome.dropped });
    },
  },
  {
    method: "GET",
    pattern: "/_emulator/clock",
    handler: (context) => ok({ now: context.runtime.now().toISOString() }),
  },
  {
    method: "POST",
    pattern: "/_emulator/clock",
    handler: async (context) => {
      const { runtime } = context;
      const seconds = parseAdvance(await context.readJson("clock"));
      const retried = await runtime.deliveries.advanceClock(seconds * 1000);
      return ok({ now: runtime.now().toISOString(), retried });
    },
  },
];
