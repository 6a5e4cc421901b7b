import { afterEach, describe, expect, it } from "vitest";
import { patCredential } from "../../src/ado/credentials.js";
import { AdoAuthError, AdoRequestError, OutcomeUnknownError } from "../../src/ado/errors.js";
import { AdoTransport, type TransportOptions } from "../../src/ado/transport.js";
import { expectSecretAbsent, fakeClock, sendJson, startServer, type Handler, type TestServer } from "./helpers.js";

const TOKEN = "transport-test-pat-0123456789";
const servers: TestServer[] = [];
const transports: AdoTransport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Handler): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function transport(options: Partial<TransportOptions> = {}) {
  const clock = fakeClock();
  const created = new AdoTransport({
    credential: patCredential(TOKEN, "personal access token from AZURE_DEVOPS_TOKEN"),
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0.5,
    ...options,
  });
  transports.push(created);
  return { transport: created, clock };
}

const destroy: Handler = (_request, response) => {
  response.socket?.destroy();
};

describe("AdoTransport requests", () => {
  it("sends the credential and the headers Azure DevOps expects", async () => {
    const server = await serve((_request, response) => sendJson(response, 200, { ok: true }));
    const { transport: client } = transport();
    const answer = await client.send({ method: "PUT", url: `${server.url}/x?api-version=7.1`, body: { a: 1 } });
    expect(answer).toMatchObject({ status: 200, body: { ok: true } });
    const headers = server.requests[0]?.headers;
    expect(headers?.authorization).toBe(`Basic ${Buffer.from(`:${TOKEN}`).toString("base64")}`);
    expect(headers?.accept).toBe("application/json");
    expect(headers?.["x-tfs-fedauthredirect"]).toBe("Suppress");
    expect(headers?.["content-type"]).toBe("application/json; charset=utf-8");
    expect(server.requests[0]?.body).toBe('{"a":1}');
  });

  it("strips a UTF-8 byte order mark and accepts empty bodies", async () => {
    const server = await serve((request, response) => {
      if (request.method === "DELETE") return void response.writeHead(204).end();
      response.writeHead(200, { "content-type": "application/json" });
      response.end(`\uFEFF{"count":1,"value":[{"id":"a"}]}`);
    });
    const { transport: client } = transport();
    expect((await client.send({ method: "GET", url: `${server.url}/l` })).body).toEqual({ count: 1, value: [{ id: "a" }] });
    expect(await client.send({ method: "DELETE", url: `${server.url}/d` })).toMatchObject({ status: 204, body: undefined });
  });

  it("keeps concurrent requests within the concurrency limit over reused connections", async () => {
    let active = 0;
    let peak = 0;
    const server = await serve(async (_request, response) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 5));
      active--;
      sendJson(response, 200, {});
    });
    const { transport: client } = transport({ concurrency: 3 });
    await Promise.all(Array.from({ length: 24 }, (_, index) => client.send({ method: "GET", url: `${server.url}/p/${index}` })));
    expect(server.requests).toHaveLength(24);
    expect(peak).toBe(3);
    expect(server.sockets.size).toBeLessThanOrEqual(3);
  });
});

describe("AdoTransport retries", () => {
  it("retries a GET after a connection reset", async () => {
    const server = await serve((request, response, index) => (index === 0 ? destroy(request, response, index) : sendJson(response, 200, { ok: 1 })));
    const { transport: client, clock } = transport();
    expect((await client.send({ method: "GET", url: `${server.url}/r` })).body).toEqual({ ok: 1 });
    expect(server.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([250]); // full jitter with random 0.5 of the 500 ms ceiling
  });

  it("does not resend a POST whose connection broke after sending: OutcomeUnknownError", async () => {
    const server = await serve(destroy);
    const { transport: client } = transport();
    const error = await client.send({ method: "POST", url: `${server.url}/create`, body: { secret: "s" } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ method: "POST", code: "UND_ERR_SOCKET", attempts: 1, status: undefined });
    expect((error as Error).message).toMatch(/unknown whether the service acted on it/);
    expect(server.requests).toHaveLength(1);
    expectSecretAbsent(error, TOKEN);
  });

  it("treats a response that never comes as a timeout: GET retried to the limit, POST outcome unknown", async () => {
    const server = await serve(() => undefined); // never answers
    // undici checks timeouts about once a second, so each timeout costs ~1 s: keep the count low.
    const { transport: client, clock } = transport({ headersTimeoutMs: 100, retry: { maxRetries: 1 } });
    const getError = await client.send({ method: "GET", url: `${server.url}/slow` }).catch((caught: unknown) => caught);
    expect(getError).toBeInstanceOf(AdoRequestError);
    expect(getError).not.toBeInstanceOf(OutcomeUnknownError);
    expect(getError).toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT", attempts: 2 });
    expect((getError as Error).message).toBe(`GET ${server.url}/slow failed: timed out waiting for the response (after 2 attempts).`);
    expect(clock.sleeps).toHaveLength(1);

    const postError = await client.send({ method: "POST", url: `${server.url}/slow`, body: {} }).catch((caught: unknown) => caught);
    expect(postError).toBeInstanceOf(OutcomeUnknownError);
    expect(server.requests.filter((request) => request.method === "POST")).toHaveLength(1);
    expectSecretAbsent(getError, TOKEN);
    expectSecretAbsent(postError, TOKEN);
  });

  it("retries even a POST when the connection was refused (nothing was sent)", async () => {
    const closed = await startServer(() => undefined);
    await closed.close();
    const { transport: client, clock } = transport({ retry: { maxRetries: 2 } });
    const error = await client.send({ method: "POST", url: `${closed.url}/create`, body: {} }).catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", attempts: 3 });
    expect(clock.sleeps).toHaveLength(2);
    expectSecretAbsent(error, TOKEN);
  });

  it("retries a POST answered 429 or 503 (not processed) but not one answered 502 by a gateway", async () => {
    const statuses = [429, 503];
    const server = await serve((request, response) => {
      const status = statuses.shift();
      if (status !== undefined) return sendJson(response, status, { message: "busy", typeKey: "Busy" });
      if (request.url === "/gateway") return sendJson(response, 502, { message: "bad gateway" });
      sendJson(response, 200, { id: "created" });
    });
    const { transport: client } = transport();
    expect((await client.send({ method: "POST", url: `${server.url}/create`, body: {} })).body).toEqual({ id: "created" });
    expect(server.requests).toHaveLength(3);

    const error = await client.send({ method: "POST", url: `${server.url}/gateway`, body: {} }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ status: 502 });
    expect(server.requests).toHaveLength(4);
  });

  it("honours Retry-After given as an HTTP date and pauses the whole host", async () => {
    const clock = fakeClock(Date.UTC(2025, 0, 1, 12, 0, 0));
    let first = true;
    const server = await serve((_request, response) => {
      if (first) {
        first = false;
        return sendJson(response, 429, { message: "slow down" }, { "retry-after": "Wed, 01 Jan 2025 12:00:03 GMT" });
      }
      sendJson(response, 200, {});
    });
    const { transport: client } = transport({ sleep: clock.sleep, now: clock.now });
    await client.send({ method: "GET", url: `${server.url}/a` });
    expect(clock.sleeps).toEqual([3000]);
  });

  it("gives up at once when Retry-After is longer than it is willing to wait", async () => {
    const server = await serve((_request, response) => sendJson(response, 429, { message: "blocked" }, { "retry-after": "3600" }));
    const { transport: client, clock } = transport();
    await expect(client.send({ method: "GET", url: `${server.url}/a` })).rejects.toThrow(/asked to wait 3600 s/);
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it("slows down a host that sent X-RateLimit-Delay, and only that host", async () => {
    const throttled = await serve((_request, response, index) =>
      sendJson(response, 200, {}, index === 0 ? { "x-ratelimit-delay": "0.5", "x-ratelimit-remaining": "10", "x-ratelimit-limit": "100" } : {}),
    );
    const other = await serve((_request, response) => sendJson(response, 200, {}));
    const { transport: client, clock } = transport();
    await client.send({ method: "GET", url: `${throttled.url}/1` });
    await client.send({ method: "GET", url: `${other.url}/1` });
    expect(clock.sleeps).toEqual([]);
    await client.send({ method: "GET", url: `${throttled.url}/2` });
    expect(clock.sleeps).toEqual([500]);
  });
});

describe("AdoTransport errors", () => {
  it("turns a non-JSON 2xx into an AdoAuthError naming the credential, but invalid JSON into a plain request error", async () => {
    const server = await serve((request, response) => {
      if (request.url === "/broken") {
        response.writeHead(200, { "content-type": "application/json" });
        return void response.end('{"count":');
      }
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end("<html><body>Sign in to your account</body></html>");
    });
    const { transport: client } = transport();
    const error = await client.send({ method: "GET", url: `${server.url}/page` }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AdoAuthError);
    expect((error as Error).message).toMatch(/sign-in page instead of JSON \(HTTP 200\): the personal access token from AZURE_DEVOPS_TOKEN was not accepted/);
    expectSecretAbsent(error, TOKEN);
    const broken = await client.send({ method: "GET", url: `${server.url}/broken` }).catch((caught: unknown) => caught);
    expect(broken).toBeInstanceOf(AdoRequestError);
    expect(broken).not.toBeInstanceOf(AdoAuthError);
    expect((broken as Error).message).toMatch(/not valid JSON/);
  });

  it("reads the service message from every error body shape", async () => {
    const bodies: Record<string, [string, string]> = {
      "/standard": ["application/json", JSON.stringify({ message: "TF400898: An Internal Error Occurred.", typeKey: "InternalException" })],
      "/wrapped": ["application/json", JSON.stringify({ value: { message: "Wrapped failure" } })],
      "/plain": ["text/plain", "Plain failure\nsecond line"],
    };
    const server = await serve((request, response) => {
      const [type, text] = bodies[request.url] ?? ["text/plain", ""];
      response.writeHead(400, { "content-type": type });
      response.end(text);
    });
    const { transport: client } = transport();
    const messages: unknown[] = [];
    for (const path of Object.keys(bodies)) {
      const error = (await client.send({ method: "GET", url: `${server.url}${path}` }).catch((caught: unknown) => caught)) as AdoRequestError;
      messages.push([error.status, error.typeKey, error.serviceMessage]);
    }
    expect(messages).toEqual([
      [400, "InternalException", "TF400898: An Internal Error Occurred."],
      [400, undefined, "Wrapped failure"],
      [400, undefined, "Plain failure"],
    ]);
  });

  it("keeps redacted request and response summaries (no credential, no cookies, no request body)", async () => {
    const server = await serve((_request, response) =>
      sendJson(response, 409, { message: "conflict", typeKey: "Conflict" }, { "set-cookie": "session=abc", "x-tfs-session": "s1" }),
    );
    const { transport: client } = transport();
    const error = (await client
      .send({ method: "PUT", url: `${server.url}/sub`, body: { consumerInputs: { basicAuthPassword: "hunter2" } } })
      .catch((caught: unknown) => caught)) as AdoRequestError;
    expect(error.request.headers.authorization).toBe("[REDACTED]");
    expect(error.response?.headers["set-cookie"]).toBe("[REDACTED]");
    expect(error.response?.headers["x-tfs-session"]).toBe("s1");
    expect(error.response?.body).toEqual({ message: "conflict", typeKey: "Conflict" });
    expectSecretAbsent(error, TOKEN);
    expectSecretAbsent(error, "hunter2");
    expectSecretAbsent(error, "session=abc");
  });
});
