/** /_apis/hooks/subscriptions and /_apis/hooks/subscriptionsquery. */
import { HOOKS_VERSIONS } from "../api-version.js";
import { errors } from "../errors.js";
import { identityOf } from "../runtime.js";
import type { SubscriptionRecord } from "../state/records.js";
import { createRecord, replaceRecord } from "../subscriptions/build.js";
import { matchesIds, matchesQuery, parseSubscriptionsQuery } from "../subscriptions/query.js";
import { validateSubscription } from "../subscriptions/validate.js";
import { jsonList, subscriptionJson, subscriptionView } from "../subscriptions/view.js";
import { ok, queryValue, type RouteContext, type RouteDefinition } from "./context.js";

/** The subscription with this id on the host the request came to; each host keeps its own. */
export function findSubscription(context: RouteContext, id: string): SubscriptionRecord {
  const record = context.runtime.store.subscription(id);
  if (!record || record.host !== context.host) throw errors.subscriptionNotFound(id);
  return record;
}

function hostSubscriptions(context: RouteContext): SubscriptionRecord[] {
  return context.runtime.store.allSubscriptions().filter((record) => record.host === context.host);
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
      const records = hostSubscriptions(context).filter((record) => matchesIds(record, filters));
      return { status: 200, json: jsonList(records.map((record) => subscriptionJson(record, context.runtime.urls))) };
    },
  },
  {
    method: "POST",
    pattern: "/_apis/hooks/subscriptions",
    versions: HOOKS_VERSIONS,
    createsSubscription: true,
    handler: async (context) => {
      const { runtime } = context;
      const valid = validateSubscription(await context.readJson("subscription"), { host: context.host, maskedEchoMode: runtime.maskedEchoMode });
      const record = createRecord(valid, context.host, runtime.writeContext(identityOf(context.user)));
      runtime.store.saveSubscription(record);
      return ok(subscriptionView(record, runtime.urls));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}",
    versions: HOOKS_VERSIONS,
    handler: (context) => ({ status: 200, json: subscriptionJson(findSubscription(context, context.params.subscriptionId ?? ""), context.runtime.urls) }),
  },
  {
    method: "PUT",
    pattern: "/_apis/hooks/subscriptions/{subscriptionId}",
    versions: HOOKS_VERSIONS,
    handler: async (context) => {
      const { runtime } = context;
      const existing = findSubscription(context, context.params.subscriptionId ?? "");
      const body = await context.readJson("subscription");
      const valid = validateSubscription(body, { host: context.host, maskedEchoMode: runtime.maskedEchoMode, existing });
      const record = replaceRecord(existing, valid, runtime.writeContext(identityOf(context.user)));
      runtime.store.saveSubscription(record);
      return ok(subscriptionView(record, runtime.urls));
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
      const results = hostSubscriptions(context)
        .filter((record) => matchesQuery(record, query))
        .map((record) => subscriptionView(record, context.runtime.urls));
      return ok({ ...query, results });
    },
  },
];
