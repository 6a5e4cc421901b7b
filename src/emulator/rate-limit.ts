import { errors, type ServiceError } from "./errors.js";
import type { RateLimitOptions } from "./types.js";

export type RateLimitVerdict =
  | { kind: "allow"; headers: Record<string, string>; tarpitMs: number }
  | { kind: "block"; error: ServiceError };

interface Window {
  startedAt: number;
  used: number;
}

/** Maximum delay the emulator adds to a request that is close to its identity's budget. */
const MAX_TARPIT_MS = 50;

/**
 * A request budget per identity and fixed window. The last 20% of the budget is answered normally but
 * delayed a little and flagged with X-RateLimit-* headers; past the budget the answer is 429 + Retry-After.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  check(identityId: string, limit: RateLimitOptions, nowMs: number): RateLimitVerdict {
    let window = this.windows.get(identityId);
    if (!window || nowMs - window.startedAt >= limit.windowMs) {
      window = { startedAt: nowMs, used: 0 };
      this.windows.set(identityId, window);
    }
    const resetAtMs = window.startedAt + limit.windowMs;
    if (window.used >= limit.requests) {
      const retryAfter = limit.retryAfterSeconds ?? Math.max(1, Math.ceil((resetAtMs - nowMs) / 1000));
      return { kind: "block", error: errors.throttled(retryAfter) };
    }
    window.used += 1;
    const remaining = limit.requests - window.used;
    const warnFrom = Math.floor(limit.requests * 0.8);
    if (window.used <= warnFrom) return { kind: "allow", headers: {}, tarpitMs: 0 };
    const pressure = (window.used - warnFrom) / Math.max(1, limit.requests - warnFrom);
    const tarpitMs = Math.round(pressure * MAX_TARPIT_MS);
    return {
      kind: "allow",
      tarpitMs,
      headers: {
        "X-RateLimit-Resource": "ServiceHooks",
        "X-RateLimit-Delay": (tarpitMs / 1000).toFixed(3),
        "X-RateLimit-Limit": String(limit.requests),
        "X-RateLimit-Remaining": String(remaining),
        "X-RateLimit-Reset": String(Math.ceil(resetAtMs / 1000)),
      },
    };
  }

  reset(): void {
    this.windows.clear();
  }
}
