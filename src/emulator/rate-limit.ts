import { errors, type ServiceError } from "./errors.js";
import type { RateLimitOptions } from "./types.js";

export type RateLimitVerdict = { kind: "allow"; headers: Record<string, string>; tarpitMs: number } | { kind: "block"; error: ServiceError };

/** Maximum delay the emulator adds to a request that is close to its identity's budget. */
const MAX_TARPIT_MS = 50;
/** The share of the budget answered without delay; the rest is delayed, then blocked. */
const UNDELAYED_SHARE = 0.8;

/**
 * A request budget per identity over a sliding window, as Azure DevOps counts usage (R9, G10).
 * Past 80% of the budget requests are answered normally but held back a little, and the answer
 * says so in the documented headers: X-RateLimit-Delay is how long this request was delayed,
 * X-RateLimit-Remaining is 0 (delays apply), X-RateLimit-Limit is the identity's budget (the
 * service documents it as the usage allowed before delays; kept as the budget for existing
 * callers), and X-RateLimit-Reset is when usage would decay to zero if the identity stopped (epoch seconds).
 * Past the budget the answer is 429 with Retry-After: the time until the oldest counted request
 * leaves the window, so a request sent then is accepted.
 */
export class RateLimiter {
  /** Per identity: times (ms) of the requests still inside the window, oldest first. */
  private readonly usage = new Map<string, number[]>();

  check(identityId: string, limit: RateLimitOptions, nowMs: number): RateLimitVerdict {
    const times = this.usage.get(identityId) ?? [];
    while (times.length > 0 && (times[0] ?? 0) <= nowMs - limit.windowMs) times.shift();
    this.usage.set(identityId, times);

    if (times.length >= limit.requests) {
      const freesAt = (times[0] ?? nowMs) + limit.windowMs;
      const retryAfter = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((freesAt - nowMs) / 1000));
      return { kind: "block", error: errors.throttled(retryAfter) };
    }
    times.push(nowMs);
    const used = times.length;
    const undelayed = Math.floor(limit.requests * UNDELAYED_SHARE);
    if (used <= undelayed) return { kind: "allow", headers: {}, tarpitMs: 0 };

    const pressure = (used - undelayed) / Math.max(1, limit.requests - undelayed);
    const tarpitMs = Math.max(1, Math.round(pressure * MAX_TARPIT_MS));
    const decayedAtMs = nowMs + limit.windowMs;
    return {
      kind: "allow",
      tarpitMs,
      headers: {
        "X-RateLimit-Resource": "ServiceHooks",
        "X-RateLimit-Delay": (tarpitMs / 1000).toFixed(3),
        "X-RateLimit-Limit": String(limit.requests),
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": String(Math.ceil(decayedAtMs / 1000)),
      },
    };
  }

  reset(): void {
    this.usage.clear();
  }
}
