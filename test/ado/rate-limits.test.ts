import { afterEach, describe, expect, it } from "vitest";
import { AdoClient } from "../../src/ado/client.js";
import { patCredential } from "../../src/ado/credentials.js";
import { CredentialError, OutcomeUnknownError, ThrottledError } from "../../src/ado/errors.js";
import { fakeClock, sendJson, startServer, type Handler, type TestServer } from "./helpers.js";

const servers: TestServer[] = [];
const clients: AdoClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function clientFor(server: TestServer, clock: ReturnType<typeof fakeClock>, concurrency = 8): AdoClient {
  const client = new AdoClient({
    organization: `${server.url}/DefaultCollection`,
    credential: patCredential("rate-limit-test-pat"),
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    concurrency,
  });
  clients.push(client);
  return client;
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("rate limits (R9: the headers describe the past)", () => {
  it("finishes a run promptly when every answer is delayed and X-RateLimit-Reset is ten minutes away", async () => {
    const clock = fakeClock();
    let inFlight = 0;
    let peak = 0;
    const server = await serve(async (_request, response) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      sendJson(
        response,
        200,
        { count: 0, value: [] },
        {
          "x-ratelimit-resource": "ServiceHooks",
          "x-ratelimit-delay": "0.200",
          "x-ratelimit-limit": "200",
          "x-ratelimit-remaining": "0",
          "x-ratelimit-reset": String(Math.ceil(clock.now() / 1000) + 600),
        },
      );
    });
    const client = clientFor(server, clock);
    const started = clock.now();

    await client.listSubscriptions();
    peak = 0;
    const answers = await Promise.all(Array.from({ length: 24 }, () => client.listSubscriptions()));

    expect(answers).toHaveLength(24);
    expect(server.requests).toHaveLength(25);
    // One request at a time while delays apply, each after a pause as long as the reported delay.
    expect(peak).toBe(1);
    expect(Math.max(...clock.sleeps)).toBe(200);
    expect(sum(clock.sleeps)).toBeLessThanOrEqual(25 * 200);
    expect(clock.now() - started).toBeLessThan(10_000); // not the 600 s until Reset
    expect(client.transport.isPaced(new URL(server.url).host)).toBe(true);
  });

  it("does not pause at all for X-RateLimit-Remaining: 0 without a delay, and runs in parallel again once delays stop", async () => {
    const clock = fakeClock();
    let inFlight = 0;
    let peak = 0;
    let relieved = false;
    const server = await serve(async (_request, response) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      const headers: Record<string, string> = relieved
        ? {}
        : { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.ceil(clock.now() / 1000) + 3600) };
      sendJson(response, 200, { count: 0, value: [] }, headers);
    });
    const client = clientFor(server, clock, 4);
    await client.listSubscriptions();
    await Promise.all(Array.from({ length: 4 }, () => client.listSubscriptions()));
    expect(peak).toBe(1);
    expect(clock.sleeps).toEqual([]);

    relieved = true;
    await client.listSubscriptions(); // an answer without rate-limit headers lifts the one-at-a-time rule
    peak = 0;
    await Promise.all(Array.from({ length: 4 }, () => client.listSubscriptions()));
    expect(peak).toBe(4);
    expect(clock.sleeps).toEqual([]);
  });

  it("waits only for a 429's Retry-After, not for one on a 200", async () => {
    const clock = fakeClock();
    const server = await serve((_request, response, index) => {
      if (index === 1) return sendJson(response, 429, { message: "TF400733: Request was blocked", typeKey: "RequestBlockedException" }, { "retry-after": "7" });
      sendJson(response, 200, { count: 0, value: [] }, { "retry-after": "30" });
    });
    const client = clientFor(server, clock);
    await client.listSubscriptions();
    await client.listSubscriptions();
    expect(clock.sleeps).toEqual([7_000]);
    expect(server.requests).toHaveLength(3);
  });

  it("fails clearly, without retrying, when Retry-After is longer than maxRetryAfterMs", async () => {
    const clock = fakeClock();
    const server = await serve((_request, response) =>
      sendJson(response, 429, { message: "TF400733: Request was blocked", typeKey: "RequestBlockedException" }, { "retry-after": "900" }),
    );
    const client = new AdoClient({
      organization: `${server.url}/DefaultCollection`,
      credential: patCredential("rate-limit-test-pat"),
      sleep: clock.sleep,
      now: clock.now,
      retry: { maxRetryAfterMs: 300_000 },
    });
    clients.push(client);
    const error = await client.listSubscriptions().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterMs).toBe(900_000);
    expect((error as Error).message).toMatch(/asked to wait 900 s, longer than hookops waits \(300 s\)\. Nothing was retried; run again later/);
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("pacing never hides a credential failure", () => {
  it("sends nothing, and reports a CredentialError (not an unknown outcome), when no token can be obtained", async () => {
    const server = await serve((_request, response) => sendJson(response, 200, { id: "x" }));
    const client = new AdoClient({
      organization: `${server.url}/DefaultCollection`,
      credential: { kind: "bearer", description: "a broken credential", authorization: () => Promise.reject(new CredentialError("no token")) },
    });
    clients.push(client);
    const error = await client
      .createSubscription({
        publisherId: "tfs",
        eventType: "git.push",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        publisherInputs: {},
        consumerInputs: { url: "https://h.example" },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredentialError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(server.requests).toHaveLength(0);
  });
});
