/** Test notifications, delivery history and subscription diagnostics. */
import { HOOKS_VERSIONS } from "../api-version.js";
import { errors } from "../errors.js";
import { buildEvent, queuedNotification } from "../notifications/event.js";
import { listHistory, parseListFilters, parseNotificationsQuery, runNotificationsQuery } from "../notifications/query.js";
import { notificationView } from "../notifications/view.js";
import { DIAGNOSTICS_KINDS, NO_SUBSCRIPTION_ID, type NotificationRecord, type SubscriptionDiagnostics, type SubscriptionRecord } from "../state/records.js";
import { isObject, type ValidSubscription, validateSubscription } from "../subscriptions/validate.js";
import { hostBaseUrl, subscriptionView } from "../subscriptions/view.js";
import { list, ok, queryValue, type RouteContext, type RouteDefinition } from "./context.js";
import { findSubscription, viewOptions } from "./subscriptions.js";

const TRACING_WINDOW_MS = 60 * 60 * 1000;
const DEFAULT_TRACED_ENTRIES = 25;

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
  const added = runtime.store.addNotification(queuedNotification(subscription, { subscriptionId: owner, subscriberId: context.user.id, eventId }, date));
  const event = buildEvent({
    ...subscription,
    test: true,
    subscriptionId: owner,
    notificationId: added.id,
    eventId,
    hostId: runtime.hostId,
    baseUrl: hostBaseUrl(runtime.urls, context.host),
    createdDate: date,
  });
  const record: NotificationRecord = { ...added, details: { ...added.details, event } };
  runtime.store.updateNotification(record);
  const view = notificationView(record);
  void runtime.deliveries.start(record.id, "test");
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
      const filters = parseListFilters({
        maxResults: queryValue(context.query, "maxResults"),
        status: queryValue(context.query, "status"),
        result: queryValue(context.query, "result"),
      });
      return ok(list(listHistory(context.runtime.store.notificationsFor(owner), filters).map(notificationView)));
    },
  },
  {
    method: "POST",
    pattern: "/_apis/hooks/notificationsquery",
    versions: HOOKS_VERSIONS,
    handler: async (context) => {
      const { runtime } = context;
      const query = parseNotificationsQuery(await context.readJson("query"));
      const subscriptions = runtime.store.allSubscriptions().filter((record) => record.host === context.host);
      const outcome = runNotificationsQuery(query, subscriptions, (id) => runtime.store.notificationsFor(id));
      const options = viewOptions(context);
      return ok({
        ...query,
        results: outcome.results.map(notificationView),
        summary: outcome.summary,
        associatedSubscriptions: outcome.associatedSubscriptions.map((record) => subscriptionView(record, runtime.urls, options)),
      });
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
