/** /_apis/hooks/subscriptions and /_apis/hooks/subscriptionsquery. */
import { HOOKS_VERSIONS } from "../api-version.js";
import { errors } from "../errors.js";
import { identityOf } from "../runtime.js";
import type { SubscriptionRecord } from "../state/records.js";
import { answeredRecord, createRecord, replaceRecord } from "../subscriptions/build.js";
import { isListed, matchesIds, matchesQuery, parseSubscriptionsQuery } from "../subscriptions/query.js";
import { validateSubscription } from "../subscriptions/validate.js";
import { jsonList, jsonQueryAnswer, subscriptionJson, subscriptionView, type ViewOptions } from "../subscriptions/view.js";
import { ok, queryValue, type RouteContext, type RouteDefinition, type RouteResponse } from "./context.js";

/** The subscription with this id on the host the request came to; each host keeps its own. */
export function findSubscription(context: RouteContext, id: string): SubscriptionRecord {
  const record = context.runtime.store.subscription(id);
  if (!record || record.host !== context.host) throw errors.subscriptionNotFound(id);
  return record;
}

/** What list and query may return: this host's subscriptions, less the event types the service never lists. */
function listedSubscriptions(context: RouteContext): SubscriptionRecord[] {
  const { listUnlistedEvents } = context.runtime.behaviour;
  return context.runtime.store.allSubscriptions().filter((record) => record.host === context.host && isListed(record, listUnlistedEvents));
}

/** The 2014 recordings (api-version 1.0) show publisherInputs.hostId; modern answers do not. */
export function viewOptions(context: RouteContext): ViewOptions {
  return context.apiVersion !== undefined && context.apiVersion.major < 2 ? { legacyHostId: context.runtime.hostId } : {};
}

/** A list-shaped answer, delayed in proportion to its size when the emulator is told to (R1). */
function slowList(context: RouteContext, items: readonly Buffer[], json: Buffer): RouteResponse {
  const delayMs = context.runtime.faults.listDelayMs(items.length, json.length);
  return delayMs > 0 ? { status: 200, json, delayMs } : { status: 200, json };
}

function writeContext(context: RouteContext) {
  return context.runtime.writeContext(identityOf(context.user), context.user.servicePrincipal === true);
}

export const subscriptionRoutes: RouteDefinition[] = [
  {
    method: "GET",
    pattern: "/_apis/hooks/subscriptions",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const filters = {
        publisherId: queryValue(context.query, "publisherId"),
        eventType: queryValue(context.query, "eventType"),
        consumerId: queryValue(context.query, "consumerId"),
        consumerActionId: queryValue(context.query, "consumerActionId"),
      };
      const options = viewOptions(context);
      const items = listedSubscriptions(context)
        .filter((record) => matchesIds(record, filters))
        .map((record) => subscriptionJson(record, context.runtime.urls, options));
      return slowList(context, items, jsonList(items));
    },
  },
  {
    method: "POST",
    pattern: "/_apis/hooks/subscriptions",
    versions: HOOKS_VERSIONS,
    createsSubscription: true,
    handler: async (context) => {
      const { runtime } = context;
      const valid = validateSubscription(await context.readJson("subscription"), {
        host: context.host,
        maskedEchoMode: runtime.behaviour.maskedEchoMode,
        projects: runtime.projects,
      });
      const record = createRecord(valid, context.host, writeContext(context));
      runtime.store.saveSubscription(record);
      return ok(subscriptionView(record, runtime.urls, viewOptions(context)));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}",
    versions: HOOKS_VERSIONS,
    handler: (context) => ({
      status: 200,
      json: subscriptionJson(findSubscription(context, context.params.subscriptionId ?? ""), context.runtime.urls, viewOptions(context)),
    }),
  },
  {
    method: "PUT",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}",
    versions: HOOKS_VERSIONS,
    handler: async (context) => {
      const { runtime } = context;
      const existing = findSubscription(context, context.params.subscriptionId ?? "");
      const body = await context.readJson("subscription");
      const valid = validateSubscription(body, { host: context.host, maskedEchoMode: runtime.behaviour.maskedEchoMode, existing, projects: runtime.projects });
      const record = replaceRecord(existing, valid, writeContext(context), runtime.behaviour.putClearsProbation);
      runtime.store.saveSubscription(record);
      // The answer says what the request asked for; a subscription on probation stays on it (R6).
      return ok(subscriptionView(answeredRecord(record, valid.status), runtime.urls, viewOptions(context)));
    },
  },
  {
    method: "DELETE",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const record = findSubscription(context, context.params.subscriptionId ?? "");
      context.runtime.store.deleteSubscription(record.id);
      return { status: 204 };
    },
  },
  {
    method: "POST",
    pattern: "/_apis/hooks/subscriptionsquery",
    versions: HOOKS_VERSIONS,
    handler: async (context) => {
      const query = parseSubscriptionsQuery(await context.readJson("query"));
      const options = viewOptions(context);
      // Filtered before any per-item work, so a query scoped to a project stays fast on a large organization (R1).
      const items = listedSubscriptions(context)
        .filter((record) => matchesQuery(record, query))
        .map((record) => subscriptionJson(record, context.runtime.urls, options));
      return slowList(context, items, jsonQueryAnswer(query, items));
    },
  },
];
