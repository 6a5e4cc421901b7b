/** The emulator's own test routes under /_emulator: status changes, faults and counters. */
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from "../../ado/types.js";
import { errors } from "../errors.js";
import { recordWithStatus } from "../subscriptions/build.js";
import { isObject } from "../subscriptions/validate.js";
import { subscriptionView } from "../subscriptions/view.js";
import type { FailNextRule, FaultAnswer, FaultOptions, ListDelayOptions } from "../types.js";
import { parseBehaviour, parseIdentity } from "./control-identities.js";
import { ok, type RouteDefinition } from "./context.js";

function optionalNumber(value: unknown, name: string, range?: [number, number]): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value)) throw errors.argument(`${name} must be a number.`);
  if (range && (value < range[0] || value > range[1])) throw errors.argument(`${name} must be between ${range[0]} and ${range[1]}.`);
  return value;
}

const FAULT_ANSWERS: readonly FaultAnswer[] = ["status", "signInPage", "notJson", "reset", "late"];

function parseFailNext(value: unknown): FailNextRule[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw errors.argument("failNext must be an array.");
  return value.map((rule) => {
    if (!isObject(rule)) throw errors.argument("Each failNext rule must be an object.");
    const parsed: FailNextRule = {
      status: optionalNumber(rule.status, "failNext.status", [0, 599]) ?? 500,
      count: optionalNumber(rule.count, "failNext.count", [0, Number.MAX_SAFE_INTEGER]) ?? 1,
    };
    const retryAfterSeconds = optionalNumber(rule.retryAfterSeconds, "failNext.retryAfterSeconds", [0, 86_400]);
    if (retryAfterSeconds !== undefined) parsed.retryAfterSeconds = retryAfterSeconds;
    if (typeof rule.route === "string") parsed.route = rule.route;
    if (rule.answer !== undefined) {
      const answer = FAULT_ANSWERS.find((candidate) => candidate === rule.answer);
      if (!answer) throw errors.argument(`failNext.answer must be one of ${FAULT_ANSWERS.join(", ")}.`);
      parsed.answer = answer;
    }
    const delayMs = optionalNumber(rule.delayMs, "failNext.delayMs", [0, 600_000]);
    if (delayMs !== undefined) parsed.delayMs = delayMs;
    if (rule.afterCommit !== undefined) {
      if (typeof rule.afterCommit !== "boolean") throw errors.argument("failNext.afterCommit must be true or false.");
      parsed.afterCommit = rule.afterCommit;
    }
    return parsed;
  });
}

/** Reads FaultOptions from JSON, refusing anything that is not a number where a number belongs. */
export function parseFaultOptions(body: unknown): FaultOptions {
  if (!isObject(body)) throw errors.nullBody("faults");
  const options: FaultOptions = {};
  const latencyMs = optionalNumber(body.latencyMs, "latencyMs", [0, 60_000]);
  const jitterMs = optionalNumber(body.jitterMs, "jitterMs", [0, 60_000]);
  const errorRate = optionalNumber(body.errorRate, "errorRate", [0, 1]);
  const resetRate = optionalNumber(body.resetRate, "resetRate", [0, 1]);
  const dropPostResponseRate = optionalNumber(body.dropPostResponseRate, "dropPostResponseRate", [0, 1]);
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  if (jitterMs !== undefined) options.jitterMs = jitterMs;
  if (errorRate !== undefined) options.errorRate = errorRate;
  if (resetRate !== undefined) options.resetRate = resetRate;
  if (dropPostResponseRate !== undefined) options.dropPostResponseRate = dropPostResponseRate;
  if (body.rateLimit !== undefined && body.rateLimit !== null) {
    const limit = body.rateLimit;
    if (!isObject(limit)) throw errors.argument("rateLimit must be an object.");
    const requests = optionalNumber(limit.requests, "rateLimit.requests", [1, Number.MAX_SAFE_INTEGER]);
    const windowMs = optionalNumber(limit.windowMs, "rateLimit.windowMs", [1, Number.MAX_SAFE_INTEGER]);
    if (requests === undefined || windowMs === undefined) throw errors.argument("rateLimit needs requests and windowMs.");
    const retryAfterSeconds = optionalNumber(limit.retryAfterSeconds, "rateLimit.retryAfterSeconds", [0, 86_400]);
    options.rateLimit = retryAfterSeconds === undefined ? { requests, windowMs } : { requests, windowMs, retryAfterSeconds };
  }
  const failNext = parseFailNext(body.failNext);
  if (failNext) options.failNext = failNext;
  const listDelay = parseListDelay(body.listDelay);
  if (listDelay) options.listDelay = listDelay;
  return options;
}

function parseListDelay(value: unknown): ListDelayOptions | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw errors.argument("listDelay must be an object.");
  const delay: ListDelayOptions = {};
  const msPerItem = optionalNumber(value.msPerItem, "listDelay.msPerItem", [0, 60_000]);
  const msPerKiB = optionalNumber(value.msPerKiB, "listDelay.msPerKiB", [0, 60_000]);
  const maxMs = optionalNumber(value.maxMs, "listDelay.maxMs", [0, 3_600_000]);
  if (msPerItem !== undefined) delay.msPerItem = msPerItem;
  if (msPerKiB !== undefined) delay.msPerKiB = msPerKiB;
  if (maxMs !== undefined) delay.maxMs = maxMs;
  return delay;
}

function parseStatus(value: unknown): SubscriptionStatus {
  const status = SUBSCRIPTION_STATUSES.find((candidate) => candidate === value);
  if (!status) throw errors.argument(`status must be one of ${SUBSCRIPTION_STATUSES.join(", ")}.`);
  return status;
}

export const controlRoutes: RouteDefinition[] = [
  {
    method: "POST",
    pattern: "/_emulator/subscriptions/{subscriptionId}/status",
    handler: async (context) => {
      const { runtime } = context;
      const body = await context.readJson("status");
      if (!isObject(body)) throw errors.nullBody("status");
      const status = parseStatus(body.status);
      const probationRetries = optionalNumber(body.probationRetries, "probationRetries", [0, 255]);
      const id = context.params.subscriptionId ?? "";
      const existing = runtime.store.subscription(id);
      if (!existing) throw errors.subscriptionNotFound(id);
      const updated = recordWithStatus(existing, status, probationRetries, runtime.now());
      runtime.store.saveSubscription(updated);
      return ok(subscriptionView(updated, runtime.urls));
    },
  },
  {
    method: "GET",
    pattern: "/_emulator/faults",
    handler: (context) => ok(context.runtime.faults.current()),
  },
  {
    method: "POST",
    pattern: "/_emulator/faults",
    handler: async (context) => {
      const options = parseFaultOptions(await context.readJson("faults"));
      context.runtime.faults.set(options);
      context.runtime.rateLimiter.reset();
      return ok(context.runtime.faults.current());
    },
  },
  {
    method: "GET",
    pattern: "/_emulator/behaviour",
    handler: (context) => ok(context.runtime.behaviour),
  },
  {
    method: "POST",
    pattern: "/_emulator/behaviour",
    handler: async (context) => {
      context.runtime.setBehaviour(parseBehaviour(await context.readJson("behaviour")));
      return ok(context.runtime.behaviour);
    },
  },
  {
    method: "POST",
    pattern: "/_emulator/identities",
    handler: async (context) => {
      const { runtime } = context;
      const users = parseIdentity(await context.readJson("identity"), runtime.users);
      for (const user of users) runtime.addUser(user);
      const [user] = users;
      return ok(user ? { id: user.id, displayName: user.displayName, uniqueName: user.uniqueName, servicePrincipal: user.servicePrincipal === true } : {});
    },
  },
  {
    method: "GET",
    pattern: "/_emulator/counters",
    handler: (context) => ok(context.runtime.counters.snapshot()),
  },
  {
    method: "DELETE",
    pattern: "/_emulator/counters",
    handler: (context) => {
      context.runtime.counters.reset();
      return { status: 204 };
    },
  },
];
