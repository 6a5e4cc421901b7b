import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdoClient, type AdoClientOptions } from "../../src/ado/client.js";
import { credentialFromEnvironment } from "../../src/ado/credential-from-environment.js";
import { bearerCredential, patCredential } from "../../src/ado/credentials.js";
import { AdoAuthError, AdoRequestError, OutcomeUnknownError } from "../../src/ado/errors.js";
import type { RateLimitEvent } from "../../src/ado/transport.js";
import type { SubscriptionBody } from "../../src/ado/types.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { expectSecretAbsent, fakeClock, sendJson, startServer } from "./helpers.js";

const PAT = "pat-for-resilience-tests-5f1c";
const ENTRA_ISSUED = "entra-issued-access-token-3c7d";
const BEARER = "bearer-for-resilience-tests-9a2e";
const body: SubscriptionBody = {
  publisherId: "tfs",
  eventType: "build.complete",
  resourceVersion: "1.0",
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  publisherInputs: { projectId: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51" },
  consumerInputs: { url: "https://hooks.example.com/resilience" },
};
const LIST = "GET /_apis/hooks/subscriptions";
const CREATE = "POST /_apis/hooks/subscriptions";

let emulator: EmulatorHandle;
const clients: AdoClient[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    seed: 11,
    users: [
      { token: PAT, kind: "pat", id: "6e2b8c1a-0f7d-4a3e-9b5c-1d2e3f4a5b6c", displayName: "Pat User", uniqueName: "pat@contoso.com" },
      { token: BEARER, kind: "bearer", id: "7f3c9d2b-1a8e-4b4f-8c6d-2e3f4a5b6c7d", displayName: "Bearer User", uniqueName: "bearer@contoso.com" },
      { token: ENTRA_ISSUED, kind: "bearer", id: "8a4d0e3c-2b9f-4c5a-9d7e-3f4a5b6c7d8e", displayName: "hookops-ci", uniqueName: "hookops-ci@contoso.com" },
    ],
  });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  emulator.setFaults({});
  emulator.resetCounters();
  for (const subscription of emulator.state.subscriptions()) emulator.state.remove(subscription.id);
});
afterEach(async () => {
  emulator.setFaults({});
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function makeClient(options: Partial<AdoClientOptions> = {}) {
  const clock = fakeClock();
  const client = new AdoClient({
    organization: emulator.url,
    credential: patCredential(PAT, "personal access token from AZURE_DEVOPS_TOKEN"),
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    ...options,
  });
  clients.push(client);
  return { client, clock };
}

async function failure(promise: Promise<unknown>): Promise<AdoRequestError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AdoRequestError);
  return error as AdoRequestError;
}

describe("retries against the emulator", () => {
  it("honours Retry-After: 1 to the second", async () => {
    const client = new AdoClient({ organization: emulator.url, credential: patCredential(PAT) });
    clients.push(client);
    emulator.setFaults({ failNext: [{ status: 429, count: 1, retryAfterSeconds: 1, route: LIST }] });
    const started = performance.now();
    await client.listSubscriptions();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(1500);
    expect(emulator.counters()[LIST]).toBe(2);
  });

  it("retries a 429 after the time it names, then succeeds", async () => {
    const { client, clock } = makeClient();
    emulator.setFaults({ failNext: [{ status: 429, count: 1, retryAfterSeconds: 3, route: LIST }] });
    expect(await client.listSubscriptions()).toEqual([]);
    expect(clock.sleeps).toEqual([3000]);
    expect(emulator.counters()[LIST]).toBe(2);
  });

  it("retries two 503s with growing jittered backoff, then succeeds", async () => {
    const { client, clock } = makeClient();
    emulator.setFaults({ failNext: [{ status: 503, count: 2, route: LIST }] });
    expect(await client.listSubscriptions()).toEqual([]);
    expect(clock.sleeps).toEqual([250, 500]); // random 0.5 of the 500 ms and 1000 ms ceilings
    expect(emulator.counters()[LIST]).toBe(3);
  });

  it("retries a create answered 503 (the service did not act) without creating twice", async () => {
    const { client } = makeClient();
    emulator.setFaults({ failNext: [{ status: 503, count: 1, route: CREATE }] });
    const created = await client.createSubscription(body);
    expect(emulator.state.subscriptions().map((subscription) => subscription.id)).toEqual([created.id]);
  });

  it("gives up after the retry budget with the last error", async () => {
    const { client, clock } = makeClient({ retry: { maxRetries: 2 } });
    emulator.setFaults({ failNext: [{ status: 503, count: 5, route: LIST }] });
    const error = await failure(client.listSubscriptions());
    expect(error).toMatchObject({ status: 503, attempts: 3 });
    expect(error.message).toMatch(/HTTP 503 .*\(after 3 attempts\)/);
    expect(clock.sleeps).toHaveLength(2);
    expectSecretAbsent(error, PAT);
  });

  it("retries a GET whose connection was reset", async () => {
    let emulatorRef: EmulatorHandle | undefined = emulator;
    const { client } = makeClient({
      sleep: async () => {
        emulatorRef?.setFaults({}); // the next attempt goes through
        emulatorRef = undefined;
      },
    });
    const created = emulator.state.insert(body);
    emulator.setFaults({ resetRate: 1 });
    expect((await client.getSubscription(created.id))?.id).toBe(created.id);
    expect(emulatorRef).toBeUndefined(); // the first attempt was reset
    expect(emulator.counters()["GET /_apis/hooks/subscriptions/{subscriptionId}"]).toBe(2);
  });

  it("never resends a create whose connection was reset: OutcomeUnknownError", async () => {
    const { client, clock } = makeClient();
    emulator.setFaults({ resetRate: 1 });
    const error = await failure(client.createSubscription(body));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(clock.sleeps).toEqual([]);
    emulator.setFaults({});
    expect(emulator.counters()[CREATE]).toBe(1);
    expect(emulator.state.subscriptions()).toEqual([]);
    expectSecretAbsent(error, PAT);
  });

  it("creates no duplicate when the create response is lost: re-listing shows exactly one", async () => {
    const { client } = makeClient();
    emulator.setFaults({ dropPostResponseRate: 1 });
    const error = await failure(client.createSubscription(body));
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error.message).toMatch(/list the subscriptions to find out/);
    emulator.setFaults({});
    const listed = await client.listSubscriptions({ publisherId: "tfs" });
    expect(listed).toHaveLength(1);
    expect(listed[0]?.consumerInputs.url).toBe("https://hooks.example.com/resilience");
    expect(emulator.counters()[CREATE]).toBe(1);
    expectSecretAbsent(error, PAT);
  });

  it("treats deleting an already missing subscription as success", async () => {
    const { client } = makeClient();
    expect(await client.deleteSubscription("0a0b0c0d-0000-4000-8000-000000000000")).toBe(false);
  });

  it("paces delayed answers by the delay they report, never until X-RateLimit-Reset, and waits a 429's Retry-After", async () => {
    // The emulator shares the client's fake clock: sleeping moves its sliding window on too.
    const clock = fakeClock();
    const throttled = await startEmulator({
      seed: 12,
      users: [{ token: PAT, kind: "pat", id: "6e2b8c1a-0f7d-4a3e-9b5c-1d2e3f4a5b6c", displayName: "Pat User", uniqueName: "pat@contoso.com" }],
      now: () => new Date(clock.now()),
      faults: { rateLimit: { requests: 10, windowMs: 60_000 } },
    });
    const events: (RateLimitEvent & { at: number })[] = [];
    const { client } = makeClient({
      organization: throttled.url,
      sleep: clock.sleep,
      now: clock.now,
      onRateLimit: (event) => events.push({ ...event, at: clock.now() }),
    });
    try {
      for (let index = 0; index < 12; index++) expect(await client.listSubscriptions()).toEqual([]);
      // 8 undelayed answers, 2 delayed ones, one 429 (waited for, then retried), one more answer.
      expect(throttled.counters()[LIST]).toBe(13);
      const delayed = events.filter((event) => event.status === 200);
      expect(delayed).toHaveLength(2);
      for (const event of delayed) {
        expect(event.delayedMs).toBeGreaterThan(0);
        expect(event.pauseMs).toBe(event.delayedMs);
        // Reset is when usage decays to zero: a window after the request, not a time to wait for.
        expect((event.resetAt ?? 0) - event.at).toBeGreaterThan(59_000);
        expect((event.resetAt ?? 0) - event.at).toBeLessThanOrEqual(61_000);
      }
      const [afterFirst, afterSecond, retryAfter, ...rest] = clock.sleeps;
      expect([afterFirst, afterSecond]).toEqual(delayed.map((event) => event.delayedMs));
      expect(retryAfter).toBeGreaterThan(55_000); // the 429's Retry-After: until the oldest request leaves the window
      expect(retryAfter).toBeLessThanOrEqual(60_000);
      expect(rest).toEqual([]);
    } finally {
      await throttled.close();
    }
  });
});

describe("authentication failures", () => {
  it("401: names the refused credential, never its value", async () => {
    const { client } = makeClient({ credential: patCredential("wrong-pat-value-xyz", "personal access token from AZURE_DEVOPS_EXT_PAT") });
    const error = await failure(client.listSubscriptions());
    expect(error).toBeInstanceOf(AdoAuthError);
    expect(error.status).toBe(401);
    expect(error.message).toContain("rejected the personal access token from AZURE_DEVOPS_EXT_PAT (HTTP 401");
    expect(error.message).toContain("vso.hooks_write");
    expect((error as AdoAuthError).credential).toBe("personal access token from AZURE_DEVOPS_EXT_PAT");
    expect(error.request.headers.authorization).toBe("[REDACTED]");
    expectSecretAbsent(error, "wrong-pat-value-xyz");
  });

  it("403: says which permission is likely missing", async () => {
    const { client } = makeClient({ credential: bearerCredential(BEARER, "bearer token from SYSTEM_ACCESSTOKEN") });
    emulator.setFaults({ failNext: [{ status: 403, count: 1, route: CREATE }] });
    const error = await failure(client.createSubscription(body));
    expect(error).toBeInstanceOf(AdoAuthError);
    expect(error.message).toContain("for the bearer token from SYSTEM_ACCESSTOKEN (HTTP 403)");
    expect(error.message).toContain('"Edit subscriptions" permission');
    expect(error.message).toContain("project collection administrator");
    expectSecretAbsent(error, BEARER);
  });

  it("203 sign-in page: reported as an authentication failure", async () => {
    const signIn = await startServer((_request, response) => {
      response.writeHead(203, { "content-type": "text/html; charset=utf-8" });
      response.end("<!DOCTYPE html><html><title>Azure DevOps Services | Sign In</title></html>");
    });
    try {
      const { client } = makeClient({
        organization: `${signIn.url}/fabrikam`,
        credential: patCredential("pat-signin-secret", "personal access token from AZURE_DEVOPS_TOKEN"),
      });
      const error = await failure(client.listSubscriptions());
      expect(error).toBeInstanceOf(AdoAuthError);
      expect(error.status).toBe(203);
      expect(error.message).toContain("sign-in page instead of JSON (HTTP 203): the personal access token from AZURE_DEVOPS_TOKEN was not accepted");
      expect(signIn.requests[0]?.headers["x-tfs-fedauthredirect"]).toBe("Suppress");
      expectSecretAbsent(error, "pat-signin-secret");
    } finally {
      await signIn.close();
    }
  });

  it("authenticates bearer tokens as their own identity", async () => {
    const { client } = makeClient({ credential: bearerCredential(BEARER) });
    expect((await client.connectionData()).authenticatedUser.id).toBe("7f3c9d2b-1a8e-4b4f-8c6d-2e3f4a5b6c7d");
    const created = await client.createSubscription(body);
    expect(created.createdBy?.id).toBe("7f3c9d2b-1a8e-4b4f-8c6d-2e3f4a5b6c7d");
  });

  it("signs in with Entra workload identity end to end, and names it when the token is refused", async () => {
    let issued = ENTRA_ISSUED;
    const oidc = await startServer((_request, response) => sendJson(response, 200, { value: "github-oidc-assertion" }));
    const entra = await startServer((_request, response) => sendJson(response, 200, { access_token: issued, expires_in: 1 }));
    try {
      const env = {
        AZURE_CLIENT_ID: "app-client-id",
        AZURE_TENANT_ID: "contoso",
        ACTIONS_ID_TOKEN_REQUEST_URL: `${oidc.url}/token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: "gh-request",
        AZURE_AUTHORITY_HOST: entra.url,
      };
      const { client } = makeClient({ credential: credentialFromEnvironment(env) });
      expect((await client.connectionData()).authenticatedUser.id).toBe("8a4d0e3c-2b9f-4c5a-9d7e-3f4a5b6c7d8e");

      issued = "entra-token-for-a-removed-identity";
      const { client: refused } = makeClient({ credential: credentialFromEnvironment(env) });
      const error = await failure(refused.listSubscriptions());
      expect(error).toBeInstanceOf(AdoAuthError);
      expect(error.message).toContain(
        "rejected the Entra ID workload identity (client app-client-id, tenant contoso) using the GitHub Actions OIDC token (HTTP 401",
      );
      expectSecretAbsent(error, issued);
      expectSecretAbsent(error, "github-oidc-assertion");
    } finally {
      await Promise.all([oidc.close(), entra.close()]);
    }
  });
});
