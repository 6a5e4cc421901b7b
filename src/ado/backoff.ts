import type { HeaderMap } from "./errors.js";

export interface RetryOptions {
  /** Retries after the first attempt (so at most maxRetries + 1 requests). */
  maxRetries: number;
  /** Backoff ceiling of the first retry; doubles per retry. */
  baseDelayMs: number;
  /** Backoff ceiling of any retry. */
  maxDelayMs: number;
  /** A Retry-After (or rate-limit reset) further away than this is not waited for: the request fails. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

/** "Full jitter": uniformly random between 0 and the exponential ceiling. */
export function backoffDelay(retryIndex: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** Retry-After as milliseconds from now: delta seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

export type Sleep = (ms: number) => Promise<void>;

/**
 * Per-host pause shared by every request to that host. Azure DevOps budgets per identity and
 * warns before it blocks: X-RateLimit-Delay on ordinary responses, X-RateLimit-Remaining reaching 0,
 * and finally 429 with Retry-After. Each of these pauses the whole host, not just one request.
 */
export class HostThrottle {
  private readonly resumeAt = new Map<string, number>();

  constructor(
    private readonly sleep: Sleep,
    private readonly now: () => number,
    private readonly maxPauseMs: number,
  ) {}

  /** Waits until the host may be called again. */
  async wait(host: string): Promise<void> {
    // Bounded: another response may extend the pause while we sleep, but not forever.
    for (let round = 0; round < 8; round++) {
      const until = this.resumeAt.get(host);
      if (until === undefined) return;
      const remaining = until - this.now();
      if (remaining <= 0) {
        if (this.resumeAt.get(host) === until) this.resumeAt.delete(host);
        return;
      }
      await this.sleep(remaining);
      if (this.resumeAt.get(host) === until) {
        this.resumeAt.delete(host);
        return;
      }
    }
  }

  /** Nobody calls the host for `ms` from now (longer pauses already set are kept). */
  pause(host: string, ms: number): void {
    const until = this.now() + Math.min(ms, this.maxPauseMs);
    if (until > (this.resumeAt.get(host) ?? 0)) this.resumeAt.set(host, until);
  }

  /** Reads the rate-limit headers of any response. */
  observe(host: string, headers: HeaderMap): void {
    const delaySeconds = Number(headers["x-ratelimit-delay"]);
    if (Number.isFinite(delaySeconds) && delaySeconds > 0) this.pause(host, delaySeconds * 1000);

    const remaining = headers["x-ratelimit-remaining"];
    const resetSeconds = Number(headers["x-ratelimit-reset"]);
    if (remaining !== undefined && Number(remaining) <= 0 && Number.isFinite(resetSeconds)) {
      const untilReset = resetSeconds * 1000 - this.now();
      if (untilReset > 0) this.pause(host, untilReset);
    }
  }

  /** Milliseconds until the host may be called again (0 when free). */
  pausedFor(host: string): number {
    return Math.max(0, (this.resumeAt.get(host) ?? 0) - this.now());
  }
}

/** Caps how many requests run at once across every host. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
