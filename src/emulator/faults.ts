import { errors, type ServiceError } from "./errors.js";
import { newGuid, type SeededRandom } from "./random.js";
import type { FailNextRule, FaultOptions, RateLimitOptions } from "./types.js";

const DEFAULT_MAX_LIST_DELAY_MS = 600_000;

/** What the fault layer does with one request before it reaches a handler. */
export type FaultDecision =
  | { kind: "pass"; delayMs: number }
  | { kind: "reset"; delayMs: number; afterCommit?: boolean }
  | { kind: "error"; delayMs: number; error: ServiceError; afterCommit?: boolean }
  | { kind: "signInPage"; delayMs: number; afterCommit?: boolean }
  | { kind: "notJson"; delayMs: number; afterCommit?: boolean }
  | { kind: "late"; delayMs: number; lateMs: number; afterCommit?: boolean };

function routeMatches(rule: FailNextRule, routeKey: string): boolean {
  if (rule.route === undefined) return true;
  const wanted = rule.route.trim().toLowerCase();
  const key = routeKey.toLowerCase();
  if (wanted === key) return true;
  return !wanted.includes(" ") && key.slice(key.indexOf(" ") + 1) === wanted;
}

/** Seeded fault injection: latency with jitter, error rates, connection resets, deterministic failNext. */
export class FaultInjector {
  private options: FaultOptions = {};
  private failNext: FailNextRule[] = [];

  constructor(
    private readonly random: SeededRandom,
    options: FaultOptions | undefined,
  ) {
    this.set(options ?? {});
  }

  set(options: FaultOptions): void {
    this.options = { ...options };
    this.failNext = (options.failNext ?? []).map((rule) => ({ ...rule }));
  }

  current(): FaultOptions {
    return { ...this.options, failNext: this.failNext.filter((rule) => rule.count > 0).map((rule) => ({ ...rule })) };
  }

  get rateLimit(): RateLimitOptions | undefined {
    return this.options.rateLimit;
  }

  decide(routeKey: string): FaultDecision {
    const delayMs = this.delay();
    const { resetRate = 0, errorRate = 0 } = this.options;
    if (resetRate > 0 && this.random.chance(resetRate)) return { kind: "reset", delayMs };
    const rule = this.failNext.find((candidate) => candidate.count > 0 && routeMatches(candidate, routeKey));
    if (rule) {
      rule.count -= 1;
      const afterCommit = rule.afterCommit === true ? { afterCommit: true } : {};
      const answer = rule.answer ?? (rule.status === 0 ? "reset" : "status");
      switch (answer) {
        case "reset":
          return { kind: "reset", delayMs, ...afterCommit };
        case "signInPage":
          return { kind: "signInPage", delayMs, ...afterCommit };
        case "notJson":
          return { kind: "notJson", delayMs, ...afterCommit };
        case "late":
          return { kind: "late", delayMs, lateMs: rule.delayMs ?? 0, ...afterCommit };
        case "status":
          return { kind: "error", delayMs, error: injectedError(rule.status, rule.retryAfterSeconds), ...afterCommit };
      }
    }
    if (errorRate > 0 && this.random.chance(errorRate)) {
      const error = this.random.chance(0.5) ? errors.internal(newGuid(this.random)) : errors.unavailable();
      return { kind: "error", delayMs, error };
    }
    return { kind: "pass", delayMs };
  }

  /** How long a list or query answer of this size is held back (listDelay). */
  listDelayMs(items: number, bytes: number): number {
    const delay = this.options.listDelay;
    if (!delay) return 0;
    const ms = items * (delay.msPerItem ?? 0) + (bytes / 1024) * (delay.msPerKiB ?? 0);
    return Math.max(0, Math.round(Math.min(ms, delay.maxMs ?? DEFAULT_MAX_LIST_DELAY_MS)));
  }

  /** Whether a committed create should lose its response. */
  dropResponse(): boolean {
    const rate = this.options.dropPostResponseRate ?? 0;
    return rate > 0 && this.random.chance(rate);
  }

  private delay(): number {
    const { latencyMs = 0, jitterMs = 0 } = this.options;
    if (latencyMs <= 0 && jitterMs <= 0) return 0;
    const jitter = jitterMs > 0 ? (this.random.next() * 2 - 1) * jitterMs : 0;
    return Math.max(0, Math.round(latencyMs + jitter));
  }
}

function injectedError(status: number, retryAfterSeconds: number | undefined): ServiceError {
  if (status === 429) return errors.throttled(retryAfterSeconds ?? 1);
  if (status === 500 && retryAfterSeconds === undefined) return errors.internal("00000000-0000-0000-0000-000000000000");
  if (status === 503 && retryAfterSeconds === undefined) return errors.unavailable();
  return errors.injected(status, retryAfterSeconds);
}
