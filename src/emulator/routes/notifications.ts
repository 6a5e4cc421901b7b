/** Test notifications, delivery history and subscription diagnostics. */
import { HOOKS_VERSIONS } from "../api-version.js";
import { errors } from "../errors.js";
import { buildTestEvent } from "../notifications/event.js";
import { DIAGNOSTICS_KINDS, NO_SUBSCRIPTION_ID, type NotificationRecord, type SubscriptionDiagnostics, type SubscriptionRecord } from "../state/records.js";
import { isObject, type ValidSubscription, validateSubscription } from "../subscriptions/validate.js";
import { hostBaseUrl, maskConsumerInputs } from "../subscriptions/view.js";
import { list, ok, queryValue, type RouteContext, type RouteDefinition } from "./context.js";
import { findSubscription } from "./subscriptions.js";

const TRACING_WINDOW_MS = 60 * 60 * 1000;
const DEFAULT_TRACED_ENTRIES = 25;

function notificationView(record: NotificationRecord): Record<string, unknown> {
  const { details } = record;
  return {
    ...record,
    details: { ...details, consumerInputs: maskConsumerInputs(details.consumerId, details.consumerActionId, details.consumerInputs) },
  };
}

/** A saved subscription's history, or the history of ad-hoc test notifications (the all-zero id). */
function historyOwner(context: RouteContext): string {
  const id = context.params.subscriptionId ?? "";
  if (id === NO_SUBSCRIPTION_ID) return id;
  return findSubscription(context, id).id;
}

function fromStored(record: SubscriptionRecord): ValidSubscription {
  return { ...record, publisherInputs: { ...record.publisherInputs }, consumerInputs: { ...record.consumerInputs } };
}

async function createTestNotification(context: RouteContext) {
  const { runtime } = context;
  const body = await context.readJson("notification");
  if (!isObject(body)) throw errors.nullBody("notification");
  const useRealData = (queryValue(context.query, "useRealData") ?? "").toLowerCase() === "true";
  const subscriptionId = typeof body.subscriptionId === "string" && body.subscriptionId !== "" ? body.subscriptionId : undefined;
  const stored = subscriptionId === undefined || subscriptionId === NO_SUBSCRIPTION_ID ? undefined : findSubscription(context, subscriptionId);
  if (useRealData && !stored) throw errors.argument("useRealData is only allowed for an existing subscription.");
  const subscription =
    stored && (useRealData || body.details === undefined || body.details === null)
      ? fromStored(stored)
      : validateSubscription(body.details, {
          host: context.host,
          maskedEchoMode: "keep",
          projects: context.runtime.projects,
          ...(stored ? { existing: stored } : {}),
        });

  const date = runtime.now().toISOString();
  const owner = stored?.id ?? NO_SUBSCRIPTION_ID;
  const eventId = runtime.newId();
  const draft: Omit<NotificationRecord, "id"> = {
    subscriptionId: owner,
    subscriberId: context.user.id,
    eventId,
    createdDate: date,
    modifiedDate: date,
    status: "queued",
    result: "pending",
    details: {
      publisherId: subscription.publisherId,
      eventType: subscription.eventType,
      publisherInputs: subscription.publisherInputs,
      consumerId: subscription.consumerId,
      consumerActionId: subscription.consumerActionId,
      consumerInputs: subscription.consumerInputs,
      event: {},
      requestAttempts: 0,
      queuedDate: date,
    },
  };
  const record = runtime.store.addNotification(draft);
  record.details.event = buildTestEvent({
    ...subscription,
    subscriptionId: owner,
    notificationId: record.id,
    eventId,
    hostId: runtime.hostId,
    baseUrl: hostBaseUrl(runtime.urls, context.host),
    createdDate: date,
  });
  runtime.store.updateNotification(record);
  const view = notificationView(record);
  runtime.deliveries.start(record);
  return ok(view);
}

function parseDiagnosticsUpdate(body: unknown): Partial<Record<(typeof DIAGNOSTICS_KINDS)[number], boolean>> {
  if (!isObject(body)) throw errors.nullBody("updateParameters");
  const update: Partial<Record<(typeof DIAGNOSTICS_KINDS)[number], boolean>> = {};
  for (const kind of DIAGNOSTICS_KINDS) {
    const value = body[kind];
    if (value === undefined || value === null) continue;
    if (!isObject(value) || typeof value.enabled !== "boolean") throw errors.argument(`${kind} must be an object with a boolean 'enabled'.`);
    update[kind] = value.enabled;
  }
  return update;
}

export const notificationRoutes: RouteDefinition[] = [
  {
    method: "POST",
    pattern: "/_apis/hooks/testnotifications",
    versions: HOOKS_VERSIONS,
    handler: createTestNotification,
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}/notifications",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const owner = historyOwner(context);
      const maxResults = Number(queryValue(context.query, "maxResults") ?? 100);
      const status = queryValue(context.query, "status");
      const result = queryValue(context.query, "result");
      const records = context.runtime.store
        .notificationsFor(owner)
        .filter((record) => (status === undefined || record.status === status) && (result === undefined || record.result === result))
        .reverse()
        .slice(0, Number.isFinite(maxResults) && maxResults >= 0 ? maxResults : 100);
      return ok(list(records.map(notificationView)));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}/notifications/{notificationId}",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const owner = historyOwner(context);
      const id = context.params.notificationId ?? "";
      const record = context.runtime.store.notificationsFor(owner).find((candidate) => String(candidate.id) === id);
      if (!record) throw errors.notificationNotFound(id);
      return ok(notificationView(record));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}/diagnostics",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const record = findSubscription(context, context.params.subscriptionId ?? "");
      return ok(context.runtime.store.diagnosticsFor(record.id));
    },
  },
  {
    method: "PUT",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}/diagnostics",
    versions: HOOKS_VERSIONS,
    handler: async (context) => {
      const { runtime } = context;
      const record = findSubscription(context, context.params.subscriptionId ?? "");
      const update = parseDiagnosticsUpdate(await context.readJson("updateParameters"));
      const now = runtime.now();
      const diagnostics: SubscriptionDiagnostics = { ...runtime.store.diagnosticsFor(record.id) };
      for (const kind of DIAGNOSTICS_KINDS) {
        const enabled = update[kind];
        if (enabled === undefined) continue;
        diagnostics[kind] = {
          enabled,
          endDate: new Date(now.getTime() + TRACING_WINDOW_MS).toISOString(),
          startDate: now.toISOString(),
          maxTracedEntries: DEFAULT_TRACED_ENTRIES,
        };
      }
      runtime.store.saveDiagnostics(record.id, diagnostics);
      return ok(diagnostics);
    },
  },
];
