export interface RetryOptions {
  /** Retries after the first attempt (so at most maxRetries + 1 requests). */
  maxRetries: number;
  /** Backoff ceiling of the first retry; doubles per retry. */
  baseDelayMs: number;
  /** Backoff ceiling of any retry. */
  maxDelayMs: number;
  /** A 429's Retry-After further away than this is not waited for: the request fails (ThrottledError). */
  maxRetryAfterMs: number;
  /**
   * Longest pause after an answer the service says it delayed (X-RateLimit-Delay); the pause
   * equals the reported delay up to this cap. X-RateLimit-Reset is never waited for.
   */
  maxPaceMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxRetries: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  maxPaceMs: 3_000,
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
