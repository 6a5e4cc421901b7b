/**
 * Publishing an event (POST /_emulator/events): which subscriptions it reaches, and the queued
 * notifications it leaves in their history.
 *
 * Matching is deliberately simple: same publisher and event type (ids compared ignoring case); a
 * subscription with a projectId only hears events of that project (an event without a project
 * reaches only subscriptions without one); and for every publisher input the event names with a
 * non-empty value, a subscription whose own value for it is non-empty must hold the same value
 * (ignoring case). An empty or missing subscription value means "any", as on the service. The
 * service's richer filters (area paths under a path, branches, changed fields) are not modelled.
 */
import { catalog } from "../../catalog/index.js";
import { errors } from "../errors.js";
import type { EmulatorRuntime } from "../runtime.js";
import { findProject } from "../state/projects.js";
import type { NotificationRecord, SubscriptionRecord } from "../state/records.js";
import { isObject } from "../subscriptions/validate.js";
import { hostBaseUrl } from "../subscriptions/view.js";
import { buildEvent, queuedNotification } from "./event.js";

export interface PublishedEvent {
  publisherId: string;
  eventType: string;
  /** The project's GUID, resolved from a GUID or a name. */
  projectId?: string;
  resource?: Record<string, unknown>;
  publisherInputs: Record<string, string>;
}

/** Inputs the server adds or that identify rather than filter: never compared. */
const NOT_FILTERS = new Set(["projectid", "tfssubscriptionid", "hostid", "subscriberid"]);

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== "string" || value.trim() === "") throw errors.argument(`${name} is required and must be a string.`);
  return value.trim();
}

function stringMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw errors.argument(`${name} must be an object of strings.`);
  const map: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== "string") throw errors.argument(`${name}.${key} must be a string.`);
    map[key] = entry;
  }
  return map;
}

export function parsePublishedEvent(body: unknown, runtime: EmulatorRuntime): PublishedEvent {
  if (!isObject(body)) throw errors.nullBody("event");
  const publisherId = requiredString(body, "publisherId");
  const eventType = requiredString(body, "eventType");
  if (!catalog.publisher(publisherId)) throw errors.publisherNotFound(publisherId);
  const known = catalog.eventType(eventType);
  if (!known || known.publisher.id !== publisherId) throw errors.invalidEventType(eventType, publisherId);
  const event: PublishedEvent = { publisherId, eventType, publisherInputs: stringMap(body.publisherInputs, "publisherInputs") };
  if (body.projectId !== undefined && body.projectId !== null) {
    if (typeof body.projectId !== "string") throw errors.argument("projectId must be a project's GUID or name.");
    const project = findProject(body.projectId, runtime.projects);
    if (!project) throw errors.projectNotFound(body.projectId, 404);
    event.projectId = project.id;
  }
  if (body.resource !== undefined && body.resource !== null) {
    if (!isObject(body.resource)) throw errors.argument("resource must be an object.");
    event.resource = body.resource;
  }
  return event;
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function eventMatches(subscription: SubscriptionRecord, event: PublishedEvent): boolean {
  if (!same(subscription.publisherId, event.publisherId) || !same(subscription.eventType, event.eventType)) return false;
  const project = subscription.publisherInputs.projectId ?? "";
  if (project !== "" && (event.projectId === undefined || !same(project, event.projectId))) return false;
  for (const [id, value] of Object.entries(event.publisherInputs)) {
    if (value === "" || NOT_FILTERS.has(id.toLowerCase())) continue;
    const wanted = subscription.publisherInputs[id] ?? "";
    if (wanted !== "" && !same(wanted, value)) return false;
  }
  return true;
}

export interface PublishOutcome {
  eventId: string;
  /** Queued notifications, one per enabled matching subscription, in the order the subscriptions were created. */
  notifications: NotificationRecord[];
  /** Matching subscriptions that got nothing: disabled ones, and those on probation (the service drops their new events). */
  dropped: { subscriptionId: string; status: SubscriptionRecord["status"] }[];
}

/** Creates the notifications of one event; the caller starts their deliveries. */
export function publishEvent(runtime: EmulatorRuntime, event: PublishedEvent): PublishOutcome {
  const eventId = runtime.newId();
  const date = runtime.now().toISOString();
  const outcome: PublishOutcome = { eventId, notifications: [], dropped: [] };
  const matching = runtime.store.allSubscriptions().filter((subscription) => eventMatches(subscription, event));
  for (const subscription of matching) {
    if (subscription.status !== "enabled") {
      outcome.dropped.push({ subscriptionId: subscription.id, status: subscription.status });
      continue;
    }
    // The last identity that touched the subscription (REAL-SERVICE R2: modifiedBy shows the subscriber).
    const ids = { subscriptionId: subscription.id, subscriberId: subscription.modifiedBy.id, eventId };
    const record = runtime.store.addNotification(queuedNotification(subscription, ids, date));
    const withEvent: NotificationRecord = {
      ...record,
      details: {
        ...record.details,
        event: buildEvent({
          test: false,
          subscriptionId: subscription.id,
          notificationId: record.id,
          eventId,
          publisherId: subscription.publisherId,
          eventType: subscription.eventType,
          resourceVersion: subscription.resourceVersion,
          publisherInputs: subscription.publisherInputs,
          consumerInputs: subscription.consumerInputs,
          hostId: runtime.hostId,
          baseUrl: hostBaseUrl(runtime.urls, subscription.host),
          createdDate: date,
          ...(event.projectId === undefined ? {} : { projectId: event.projectId }),
          ...(event.resource === undefined ? {} : { resource: event.resource }),
        }),
      },
    };
    runtime.store.updateNotification(withEvent);
    outcome.notifications.push(withEvent);
  }
  return outcome;
}
