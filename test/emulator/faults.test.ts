import { afterEach, describe, expect, it } from "vitest";
import type { LiveSubscription, ServiceErrorBody } from "../../src/ado/types.js";
import { FaultInjector } from "../../src/emulator/faults.js";
import { type EmulatorHandle, type EmulatorOptions, type FaultOptions, startEmulator } from "../../src/emulator/index.js";
import { SeededRandom } from "../../src/emulator/random.js";
import { apiClient, basic, testClock, webHookBody } from "./helpers.js";

const LIST = "/_apis/hooks/subscriptions";

describe("fault injection", () => {
  const running: EmulatorHandle[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  });

  async function start(options: EmulatorOptions) {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return { emulator, api: apiClient(emulator) };
  }

  /** Status of each of `count` sequential requests; a dropped connection shows as "reset". */
  async function statuses(api: ReturnType<typeof apiClient>, count: number, method: "GET" | "POST" = "GET"): Promise<(number | "reset")[]> {
    const result: (number | "reset")[] = [];
    for (let i = 0; i < count; i++) {
      try {
        const response = method === "GET" ? await api.get(LIST) : await api.post(LIST, webHookBody());
        result.push(response.status);
      } catch {
        result.push("reset");
      }
    }
    return result;
  }

  it("the seeded PRNG repeats its sequence for a seed and differs between seeds", () => {
    const draw = (seed: number) => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.next());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    for (const value of draw(7)) expect(value >= 0 && value < 1).toBe(true);
  });

  it("adds latency with jitter inside the configured band, the same for the same seed", () => {
    const delays = (seed: number) => {
      const injector = new FaultInjector(new SeededRandom(seed), { latencyMs: 100, jitterMs: 40 });
      return Array.from({ length: 20 }, () => injector.decide("GET /_apis/hooks/subscriptions").delayMs);
    };
    const first = delays(9);
    expect(first).toEqual(delays(9));
    expect(first).not.toEqual(delays(10));
    for (const delay of first) expect(delay >= 60 && delay <= 140).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(5);
  });

  it("delays real responses by the configured latency", async () => {
    const { api } = await start({ faults: { latencyMs: 80 } });
    const started = performance.now();
    expect((await api.get(LIST)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
  });

  it("answers a seeded share of 500 and 503 with the service's error body, identically for the same seed", async () => {
    const faults: FaultOptions = { errorRate: 0.5 };
    const first = await start({ seed: 1234, faults });
    const again = await start({ seed: 1234, faults });
    const other = await start({ seed: 4321, faults });
    const sequence = await statuses(first.api, 40);
    expect(await statuses(again.api, 40)).toEqual(sequence);
    expect(await statuses(other.api, 40)).not.toEqual(sequence);
    expect(sequence).toContain(200);
    expect(sequence).toContain(500);
    expect(sequence).toContain(503);

    first.emulator.setFaults({ failNext: [{ status: 500, count: 1 }] });
    const error = (await first.api.get(LIST)).json<ServiceErrorBody>();
    expect(error.message).toMatch(/^TF400898: An Internal Error Occurred/);
  });

  it("resets connections at the configured rate, the same way for the same seed", async () => {
    const first = await start({ seed: 5, faults: { resetRate: 0.3 } });
    const again = await start({ seed: 5, faults: { resetRate: 0.3 } });
    const sequence = await statuses(first.api, 20);
    expect(sequence).toContain("reset");
    expect(sequence).toContain(200);
    expect(await statuses(again.api, 20)).toEqual(sequence);
    expect(first.emulator.counters()["GET /_apis/hooks/subscriptions"]).toBe(20);
  });

  it("commits a create and then drops its response", async () => {
    const { emulator, api } = await start({ faults: { dropPostResponseRate: 1 } });
    await expect(api.post(LIST, webHookBody())).rejects.toThrow();
    expect(emulator.state.subscriptions()).toHaveLength(1);
    expect((await api.get(LIST)).json<{ count: number }>().count).toBe(1);
  });

  it("fails the next requests deterministically, optionally only on one route", async () => {
    const { emulator, api } = await start({ faults: { failNext: [{ status: 503, count: 2, route: "GET /_apis/hooks/subscriptions" }] } });
    expect((await api.get("/_apis/hooks/publishers")).status).toBe(200);
    expect(await statuses(api, 3)).toEqual([503, 503, 200]);

    emulator.setFaults({
      failNext: [
        { status: 429, count: 1, retryAfterSeconds: 3 },
        { status: 0, count: 1 },
        { status: 404, count: 1, route: "/_apis/hooks/subscriptions/{subscriptionId}" },
      ],
    });
    const throttled = await api.get(LIST);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("3");
    await expect(api.get(LIST)).rejects.toThrow();
    expect((await api.get(LIST)).status).toBe(200);
    expect((await api.get(`${LIST}/0f0f0f0f-1111-4222-8333-444444444444`)).json<ServiceErrorBody>().typeKey).toBe("VssServiceException");
  });

  it("throttles each identity past its budget with 429 + Retry-After and flags the last 20% on 200s", async () => {
    const clock = testClock();
    const users: EmulatorOptions["users"] = [
      { token: "one", kind: "pat", id: "aaaaaaaa-0000-4000-8000-000000000001", displayName: "One", uniqueName: "one@x.example" },
      { token: "two", kind: "pat", id: "aaaaaaaa-0000-4000-8000-000000000002", displayName: "Two", uniqueName: "two@x.example" },
    ];
    const { api } = await start({ users, now: clock.now, faults: { rateLimit: { requests: 5, windowMs: 60_000 } } });
    const responses = [];
    for (let i = 0; i < 6; i++) responses.push(await api.get(LIST, { authorization: basic("one") }));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(responses[3]?.headers.get("x-ratelimit-remaining")).toBeNull();
    const flagged = responses[4]?.headers;
    expect(flagged?.get("x-ratelimit-limit")).toBe("5");
    expect(flagged?.get("x-ratelimit-remaining")).toBe("0");
    expect(flagged?.get("x-ratelimit-resource")).toBe("ServiceHooks");
    expect(Number(flagged?.get("x-ratelimit-delay"))).toBeGreaterThan(0);
    expect(Number(flagged?.get("x-ratelimit-reset"))).toBe(Math.ceil((clock.now().getTime() + 60_000) / 1000));
    expect(responses[5]?.headers.get("retry-after")).toBe("60");
    expect(responses[5]?.json<ServiceErrorBody>().typeKey).toBe("RequestBlockedException");

    expect((await api.get(LIST, { authorization: basic("two") })).status).toBe(200);
    clock.advance(60_000);
    expect((await api.get(LIST, { authorization: basic("one") })).status).toBe(200);
  });

  it("takes fault options over HTTP from the control route", async () => {
    const { emulator, api } = await start({});
    const set = await fetch(`${emulator.url}/_emulator/faults`, {
      method: "POST",
      headers: { Authorization: basic(emulator.token), "Content-Type": "application/json" },
      body: JSON.stringify({ failNext: [{ status: 503, count: 1, retryAfterSeconds: 2 }] }),
    });
    expect(set.status).toBe(200);
    const failed = await api.get(LIST);
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("2");
    expect((await api.get(LIST)).status).toBe(200);

    const invalid = await fetch(`${emulator.url}/_emulator/faults`, {
      method: "POST",
      headers: { Authorization: basic(emulator.token), "Content-Type": "application/json" },
      body: JSON.stringify({ errorRate: 2 }),
    });
    expect(invalid.status).toBe(400);
  });

  it("keeps creating subscriptions correctly under a mix of faults (retrying client)", async () => {
    const { emulator, api } = await start({ seed: 77, faults: { errorRate: 0.2, resetRate: 0.1, latencyMs: 1, jitterMs: 1 } });
    let created = 0;
    for (let attempt = 0; attempt < 60 && created < 10; attempt++) {
      try {
        const response = await api.post(LIST, webHookBody());
        if (response.status === 200) {
          created += 1;
          expect(response.json<LiveSubscription>().consumerInputs.basicAuthPassword).toBe("********");
        }
      } catch {
        // a reset connection: the retry loop tries again
      }
    }
    expect(created).toBe(10);
    expect(emulator.state.subscriptions()).toHaveLength(10);
  });
});
