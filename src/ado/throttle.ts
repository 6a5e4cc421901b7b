import type { Sleep } from "./backoff.js";
import type { HeaderMap } from "./errors.js";

export interface ThrottleOptions {
  /** Longest pause taken after an answer the service says it delayed (X-RateLimit-Delay). */
  maxPaceMs: number;
  /** Longest pause a 429's Retry-After may impose (the transport fails requests asking for more). */
  maxPauseMs: number;
}

/** What one response said about the identity's budget, for callers that report it. */
export interface RateLimitSignal {
  /** X-RateLimit-Delay: how long the service held this request back. */
  delayedMs: number;
  /** The pause now applied to the host (0 when none). */
  pauseMs: number;
  /** X-RateLimit-Reset: when usage decays to zero (epoch ms); informational only. */
  resetAt?: number;
}

interface HostState {
  resumeAt: number;
  /** Delays apply: at most one request to the host at a time. */
  pressured: boolean;
  inFlight: number;
  waiting: (() => void)[];
}

/**
 * Per-host pacing. Azure DevOps's rate-limit headers describe the past (R9): X-RateLimit-Delay is
 * how long this request was already held back, X-RateLimit-Remaining is 0 whenever delays apply,
 * and X-RateLimit-Reset is when usage would decay to zero — not a time to wait for. So a delayed
 * answer only makes the host go one request at a time with a short pause proportional to the
 * delay (capped); a reset far away never stalls a run. Only a 429's Retry-After pauses the host
 * for as long as the service asks.
 */
export class HostThrottle {
  private readonly hosts = new Map<string, HostState>();

  constructor(
    private readonly sleep: Sleep,
    private readonly now: () => number,
    private readonly options: ThrottleOptions,
  ) {}

  /** Takes a slot to call the host (one at a time while delays apply); call the returned function when done. */
  async acquire(host: string): Promise<() => void> {
    const state = this.state(host);
    // Every release or relief wakes the waiters, which check again.
    while (state.pressured && state.inFlight >= 1) await new Promise<void>((resolve) => state.waiting.push(resolve));
    state.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.inFlight -= 1;
      this.wake(state);
    };
  }

  /** Waits until the host may be called again. */
  async wait(host: string): Promise<void> {
    const state = this.hosts.get(host);
    if (state === undefined) return;
    // Bounded: another response may extend the pause while we sleep, but not forever.
    for (let round = 0; round < 8; round++) {
      const remaining = state.resumeAt - this.now();
      if (remaining <= 0) return;
      await this.sleep(remaining);
    }
  }

  /** Nobody calls the host for `ms` from now (a longer pause already set is kept). */
  pause(host: string, ms: number): void {
    const state = this.state(host);
    state.resumeAt = Math.max(state.resumeAt, this.now() + Math.min(Math.max(0, ms), this.options.maxPauseMs));
  }

  /** Reads the rate-limit headers of any response; undefined when it carried none. */
  observe(host: string, headers: HeaderMap): RateLimitSignal | undefined {
    const delaySeconds = Number(headers["x-ratelimit-delay"]);
    const delayedMs = Number.isFinite(delaySeconds) && delaySeconds > 0 ? Math.round(delaySeconds * 1000) : 0;
    const remainingText = headers["x-ratelimit-remaining"];
    const exhausted = remainingText !== undefined && remainingText.trim() !== "" && Number(remainingText) <= 0;
    const resetSeconds = Number(headers["x-ratelimit-reset"]);
    const resetAt = headers["x-ratelimit-reset"] !== undefined && Number.isFinite(resetSeconds) ? resetSeconds * 1000 : undefined;

    const state = this.state(host);
    if (delayedMs === 0 && !exhausted) {
      if (state.pressured) {
        state.pressured = false;
        this.wake(state);
      }
      return resetAt === undefined && remainingText === undefined ? undefined : { delayedMs: 0, pauseMs: 0, resetAt };
    }
    state.pressured = true;
    const pauseMs = Math.min(delayedMs, this.options.maxPaceMs);
    if (pauseMs > 0) state.resumeAt = Math.max(state.resumeAt, this.now() + pauseMs);
    return { delayedMs, pauseMs, ...(resetAt === undefined ? {} : { resetAt }) };
  }

  /** Milliseconds until the host may be called again (0 when free). */
  pausedFor(host: string): number {
    return Math.max(0, (this.hosts.get(host)?.resumeAt ?? 0) - this.now());
  }

  /** Whether requests to the host currently go one at a time. */
  isPaced(host: string): boolean {
    return this.hosts.get(host)?.pressured ?? false;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (state === undefined) {
      state = { resumeAt: 0, pressured: false, inFlight: 0, waiting: [] };
      this.hosts.set(host, state);
    }
    return state;
  }

  private wake(state: HostState): void {
    for (const resolve of state.waiting.splice(0)) resolve();
  }
}
