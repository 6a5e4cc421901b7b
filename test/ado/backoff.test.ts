import { describe, expect, it } from "vitest";
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter } from "../../src/ado/backoff.js";
import { HostThrottle } from "../../src/ado/throttle.js";
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
  const options = { maxPaceMs: 3_000, maxPauseMs: 60_000 };

  it("after a delayed answer, pauses only that host, as long as the service says it delayed the request", async () => {
    const clock = fakeClock();
    const throttle = new HostThrottle(clock.sleep, clock.now, options);
    expect(throttle.observe("a:1", { "x-ratelimit-delay": "0.25", "x-ratelimit-remaining": "0" })).toEqual({ delayedMs: 250, pauseMs: 250 });
    await throttle.wait("b:1");
    expect(clock.sleeps).toEqual([]);
    await throttle.wait("a:1");
    expect(clock.sleeps).toEqual([250]);
    await throttle.wait("a:1");
    expect(clock.sleeps).toEqual([250]);
  });

  it("never waits for X-RateLimit-Reset, and caps the pause after a long delay", () => {
    const clock = fakeClock();
    const throttle = new HostThrottle(clock.sleep, clock.now, options);
    const tenMinutes = String(clock.now() / 1000 + 600);
    throttle.observe("a", { "x-ratelimit-remaining": "0", "x-ratelimit-reset": tenMinutes });
    expect(throttle.pausedFor("a")).toBe(0);
    expect(throttle.isPaced("a")).toBe(true);
    throttle.observe("b", { "x-ratelimit-delay": "25.5", "x-ratelimit-remaining": "0", "x-ratelimit-reset": tenMinutes });
    expect(throttle.pausedFor("b")).toBe(3_000);
  });

  it("keeps a longer Retry-After pause and caps it at maxPauseMs", () => {
    const clock = fakeClock();
    const throttle = new HostThrottle(clock.sleep, clock.now, options);
    throttle.pause("a", 4_000);
    throttle.observe("a", { "x-ratelimit-delay": "1", "x-ratelimit-remaining": "0" });
    expect(throttle.pausedFor("a")).toBe(4_000);
    throttle.pause("b", 3_600_000);
    expect(throttle.pausedFor("b")).toBe(60_000);
  });

  it("lets one request at a time reach a host while delays apply, and all again once they stop", async () => {
    const clock = fakeClock();
    const throttle = new HostThrottle(clock.sleep, clock.now, options);
    const first = await throttle.acquire("a");
    const second = await throttle.acquire("a"); // no delays reported yet: no limit
    throttle.observe("a", { "x-ratelimit-remaining": "0" });
    let thirdIn = false;
    const third = throttle.acquire("a").then((release) => {
      thirdIn = true;
      return release;
    });
    first();
    await new Promise((resolve) => setImmediate(resolve));
    expect(thirdIn).toBe(false); // `second` is still in flight
    second();
    const releaseThird = await third;
    let fourthIn = false;
    const fourth = throttle.acquire("a").then((release) => {
      fourthIn = true;
      return release;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(fourthIn).toBe(false);
    throttle.observe("a", { "x-ratelimit-remaining": "40" }); // relief
    (await fourth)();
    expect(fourthIn).toBe(true);
    const fifth = await throttle.acquire("a"); // one in flight (third) and no limit any more
    fifth();
    releaseThird();
    expect(throttle.isPaced("a")).toBe(false);
  });
});
