import { describe, expect, it } from "vitest";
import { backoffDelay, ConcurrencyLimit, DEFAULT_RETRY, HostThrottle, parseRetryAfter } from "../../src/ado/backoff.js";
import { fakeClock } from "./helpers.js";

describe("backoff", () => {
  it("draws full jitter below an exponential ceiling capped at maxDelayMs", () => {
    const options = { ...DEFAULT_RETRY, baseDelayMs: 500, maxDelayMs: 3_000 };
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(retry, options, () => 0.999999))).toEqual([499, 999, 1999, 2999, 2999]);
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    expect(backoffDelay(1, options, () => 0.5)).toBe(500);
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(parseRetryAfter("1", now)).toBe(1000);
    expect(parseRetryAfter(" 2.5 ", now)).toBe(2500);
    expect(parseRetryAfter("Wed, 01 Jan 2025 12:00:07 GMT", now)).toBe(7000);
    expect(parseRetryAfter("Wed, 01 Jan 2025 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe("HostThrottle", () => {
  it("pauses only the host whose responses asked for it", async () => {
    const clock = fakeClock();
    const throttle = new HostThrottle(clock.sleep, clock.now, 60_000);
    throttle.observe("a:1", { "x-ratelimit-delay": "0.25", "x-ratelimit-remaining": "100" });
    await throttle.wait("b:1");
    expect(clock.sleeps).toEqual([]);
    await throttle.wait("a:1");
    expect(clock.sleeps).toEqual([250]);
    await throttle.wait("a:1");
    expect(clock.sleeps).toEqual([250]);
  });

  it("waits for the reset when no budget remains, capped at the longest pause", async () => {
    const clock = fakeClock();
    const throttle = new HostThrottle(clock.sleep, clock.now, 60_000);
    throttle.observe("a", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(clock.now() / 1000 + 4) });
    expect(throttle.pausedFor("a")).toBe(4000);
    throttle.observe("b", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(clock.now() / 1000 + 3600) });
    expect(throttle.pausedFor("b")).toBe(60_000);
    throttle.pause("a", 1000); // a shorter pause does not shorten a longer one
    expect(throttle.pausedFor("a")).toBe(4000);
  });
});

describe("ConcurrencyLimit", () => {
  it("never runs more than the limit at once and runs everything", async () => {
    const limit = new ConcurrencyLimit(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        limit.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setImmediate(resolve));
          active--;
          if (index === 5) throw new Error("task failed");
          return index;
        }).catch(() => -1),
      ),
    );
    expect(peak).toBe(3);
    expect(results.filter((value) => value >= 0)).toHaveLength(19);
  });
});
