/**
 * The service's delivery failure rules (GOTCHAS G3; the "Troubleshoot service hooks" page), in one
 * place: which answers are terminal, transient or enduring, and when each retry comes.
 */

/** The only terminal failure: the subscription is disabled at once. */
export const TERMINAL_STATUS = 410;

/** Answers retried at once, a few times, before they count as an enduring failure. */
export const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 502, 503, 504]);

/**
 * The waits before each quick resend after a transient failure (about 183 s in all). The service
 * resends up to eight times, so a consumer that keeps failing sees nine requests. The emulator
 * resends without waiting: these only document the schedule.
 */
export const TRANSIENT_RETRY_DELAYS_SECONDS: readonly number[] = [1, 2, 4, 8, 16, 32, 60, 60];

/** The most requests one delivery makes: the first plus every quick resend. */
export const MAX_REQUESTS_PER_DELIVERY = 1 + TRANSIENT_RETRY_DELAYS_SECONDS.length;

const MINUTE_MS = 60_000;

/**
 * The waits before each probation retry of the failed notification (about 36 h in all); when the
 * last one fails the subscription is disabled by the system.
 */
export const PROBATION_RETRY_DELAYS_MS: readonly number[] = [20, 40, 80, 160, 320, 640, 900].map((minutes) => minutes * MINUTE_MS);

export const MAX_PROBATION_RETRIES = PROBATION_RETRY_DELAYS_MS.length;

/**
 * When probation retry number `retry` (1-based: the subscription's probationRetries) is due, counted
 * from the subscription's lastProbationRetryDate.
 */
export function probationRetryDue(lastProbationRetryDate: string, retry: number): number {
  const index = Math.min(Math.max(retry, 1), MAX_PROBATION_RETRIES) - 1;
  return Date.parse(lastProbationRetryDate) + (PROBATION_RETRY_DELAYS_MS[index] ?? 0);
}

export type FailureClass = "terminal" | "transient" | "enduring";

/** How the service classes one failed request: by its HTTP status, or enduring when there was no answer (refused, TLS, timeout). */
export function failureClass(status: number | undefined): FailureClass {
  if (status === TERMINAL_STATUS) return "terminal";
  if (status !== undefined && TRANSIENT_STATUSES.has(status)) return "transient";
  return "enduring";
}
