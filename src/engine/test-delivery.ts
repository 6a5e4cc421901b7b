import { setTimeout as delay } from "node:timers/promises";
import type { AdoClient, Notification, SubscriptionBody, SubscriptionHost } from "../ado/index.js";
import { hasErrors, type RepositoryLoad } from "../config/index.js";
import { HookopsError } from "../errors.js";
import type { TestDeliveryReport, TestDeliveryResult, TestOutcome } from "../report/test-delivery.js";
import { mapBounded } from "../util/concurrency.js";
import { didYouMean } from "../util/suggest.js";
import { readRepositoryAndLive, type PlanOptions } from "./plan.js";
import { fillBodies, matchDeclarations } from "./status/declared.js";
import { durationMsOf, errorOf, httpStatusOf, makeRedact, responseExcerpt, type Redact } from "./status/facts.js";

/** The name matches no declared subscription. */
export class UnknownSubscriptionError extends HookopsError {}
/** The test cannot be sent as declared (a secret not set, a project that does not exist); nothing was sent. */
export class TestRefusedError extends HookopsError {}

/** The owner the service gives a test notification of a subscription that is not saved. */
const NO_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
const DEFAULT_CONCURRENCY = 8;
const FIRST_POLL_MS = 250;
const LONGEST_POLL_MS = 2000;

export interface TestDeliveryOptions extends PlanOptions {
  /** A declared name; a fanned-out name without `@project` selects every project's. */
  name?: string;
  /** Every declared subscription. */
  all?: boolean;
  timeoutMs: number;
  /** First wait between polls (doubling up to 2 s); tests shorten it. */
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  onLoad?: (load: RepositoryLoad) => void;
}

export type TestDeliveryRun = { kind: "invalid"; load: RepositoryLoad } | { kind: "tested"; report: TestDeliveryReport };

/** The declared names a test is for: the exact name, else every `name@project` of a fan-out. */
export function selectDeclared(declared: readonly string[], options: Pick<TestDeliveryOptions, "name" | "all">): string[] {
  if (options.all) return [...declared];
  const name = options.name ?? "";
  if (declared.includes(name)) return [name];
  const fannedOut = declared.filter((candidate) => candidate.startsWith(`${name}@`));
  if (fannedOut.length > 0) return fannedOut;
  if (declared.length === 0) throw new UnknownSubscriptionError(`No subscription named "${name}": the repository declares none.`);
  const bases = declared.map((candidate) => candidate.replace(/@[^@]*$/, ""));
  const known = [...new Set(bases)].sort();
  // Nothing close: a short list of what there is helps more than silence.
  const hint = didYouMean(name, new Set([...declared, ...bases])) || (known.length <= 10 ? ` Declared: ${known.join(", ")}.` : "");
  throw new UnknownSubscriptionError(`No subscription named "${name}" is declared.${hint}`);
}

interface Pending {
  name: string;
  project: string;
  host: SubscriptionHost;
  body: SubscriptionBody;
}

interface PollContext {
  client: AdoClient;
  redact: Redact;
  timeoutMs: number;
  pollIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
}

function messageOf(error: unknown, redact: Redact): string {
  if (!(error instanceof HookopsError)) throw error;
  return redact(error.message);
}

function finished(pending: Pending, notification: Notification, redact: Redact): TestDeliveryResult {
  const outcome: TestOutcome = notification.result === "succeeded" ? "succeeded" : "failed";
  const httpStatus = httpStatusOf(notification);
  const durationMs = durationMsOf(notification);
  const error = errorOf(notification, redact) ?? (outcome === "failed" ? `the service reports the result "${notification.result ?? "unknown"}"` : undefined);
  const response = responseExcerpt(notification, redact);
  return {
    name: pending.name,
    project: pending.project,
    host: pending.host,
    outcome,
    notificationId: notification.id,
    ...(notification.status === undefined ? {} : { notificationStatus: notification.status }),
    ...(httpStatus === undefined ? {} : { httpStatus }),
    ...(durationMs === undefined ? {} : { durationMs }),
    ...(error === undefined ? {} : { error }),
    ...(response === undefined ? {} : { response }),
  };
}

/** Queues the test notification, then polls it until it completes or the time is up. Never sends it twice. */
async function sendAndWait(pending: Pending, context: PollContext): Promise<TestDeliveryResult> {
  const base = { name: pending.name, project: pending.project, host: pending.host };
  const { body } = pending;
  let current: Notification;
  try {
    current = await context.client.sendTestNotification(
      {
        details: {
          publisherId: body.publisherId,
          eventType: body.eventType,
          consumerId: body.consumerId,
          consumerActionId: body.consumerActionId,
          publisherInputs: body.publisherInputs,
          consumerInputs: body.consumerInputs,
        },
      },
      { host: pending.host },
    );
  } catch (error) {
    return { ...base, outcome: "error", error: messageOf(error, context.redact) };
  }
  const owner = current.subscriptionId ?? NO_SUBSCRIPTION_ID;
  const deadline = context.now() + context.timeoutMs;
  let wait = context.pollIntervalMs;
  // Bounded by the deadline; the count is a second bound should a clock stand still.
  const maxPolls = Math.ceil(context.timeoutMs / context.pollIntervalMs) + 1;
  for (let poll = 0; current.status !== "completed"; poll++) {
    const left = deadline - context.now();
    if (left <= 0 || poll >= maxPolls) {
      return { ...base, outcome: "timedOut", notificationId: current.id, ...(current.status === undefined ? {} : { notificationStatus: current.status }) };
    }
    await context.sleep(Math.min(wait, left));
    wait = Math.min(wait * 2, LONGEST_POLL_MS);
    try {
      const next = await context.client.getNotification(owner, current.id, { host: pending.host });
      if (next === undefined) return { ...base, outcome: "error", notificationId: current.id, error: `the service no longer knows notification ${current.id}` };
      current = next;
    } catch (error) {
      return { ...base, outcome: "error", notificationId: current.id, error: messageOf(error, context.redact) };
    }
  }
  return finished(pending, current, context.redact);
}

/**
 * Sends a test delivery of declared subscriptions (`POST testnotifications` with the inputs apply
 * would send, secrets resolved the same way) and waits for each to complete. Creates nothing.
 * An unknown name fails before anything is contacted; a secret that cannot be resolved, before
 * anything is sent.
 */
export async function testDeliveries(options: TestDeliveryOptions): Promise<TestDeliveryRun> {
  const onLoad = (load: RepositoryLoad) => {
    options.onLoad?.(load);
    if (load.config !== undefined && !hasErrors(load.findings))
      selectDeclared(
        load.subscriptions.map((subscription) => subscription.name),
        options,
      );
  };
  const read = await readRepositoryAndLive(options, onLoad);
  if (!("connection" in read)) return { kind: "invalid", load: read.load };
  const { connection, load } = read;
  try {
    const selected = selectDeclared(
      load.subscriptions.map((subscription) => subscription.name),
      options,
    );
    const { plan, matches } = matchDeclarations(read, options);
    const unplaced = selected.filter((name) => !matches.has(name));
    if (unplaced.length > 0) {
      const reasons = unplaced.map((name) => plan.refusals.find((refusal) => refusal.includes(`"${name}"`)) ?? `"${name}" could not be planned`);
      throw new TestRefusedError(`nothing was sent:\n${reasons.map((reason) => `  - ${reason}`).join("\n")}`);
    }
    const chosen = selected.flatMap((name) => matches.get(name) ?? []);
    const filled = fillBodies(chosen, read, options.env);
    if (filled.problems.length > 0) {
      throw new TestRefusedError(`secret inputs cannot be filled, so nothing was sent:\n${filled.problems.map((problem) => `  - ${problem}`).join("\n")}`);
    }
    const pending = chosen.flatMap((match): Pending[] => {
      const body = filled.bodies.get(match.name);
      return body === undefined ? [] : [{ name: match.name, project: match.project.name, host: match.host, body }];
    });
    const context: PollContext = {
      client: connection.client,
      redact: makeRedact((text) => filled.redactor.redact(text)),
      timeoutMs: options.timeoutMs,
      pollIntervalMs: Math.max(1, options.pollIntervalMs ?? FIRST_POLL_MS),
      sleep: options.sleep ?? ((ms) => delay(ms)),
      now: options.now ?? Date.now,
    };
    const results = await mapBounded(pending, options.concurrency ?? DEFAULT_CONCURRENCY, (item) => sendAndWait(item, context));
    const summary: Record<TestOutcome, number> = { succeeded: 0, failed: 0, timedOut: 0, error: 0 };
    for (const result of results) summary[result.outcome] += 1;
    return {
      kind: "tested",
      report: { formatVersion: 1, organization: connection.organization, timeoutSeconds: options.timeoutMs / 1000, results, summary },
    };
  } finally {
    await connection.close();
  }
}
