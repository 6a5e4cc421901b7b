import { afterEach, describe, expect, it } from "vitest";
import { AdoClient } from "../../src/ado/client.js";
import { patCredential } from "../../src/ado/credentials.js";
import { sendJson, startServer, type Handler, type TestServer } from "./helpers.js";

const servers: TestServer[] = [];
const clients: AdoClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function setup(handler: Handler, apiVersion?: string) {
  const server = await startServer(handler);
  servers.push(server);
  const client = new AdoClient({
    organization: `${server.url}/tfs/DefaultCollection`,
    credential: patCredential("hosts-test-pat"),
    sleep: async () => undefined,
    retry: { maxRetries: 1 },
    ...(apiVersion ? { apiVersion } : {}),
  });
  clients.push(client);
  return { server, client };
}

const subscription = (id: string, publisherId: string) => ({
  id,
  publisherId,
  eventType: "e",
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  publisherInputs: {},
  consumerInputs: {},
});

describe("api-version", () => {
  it("sends 7.1 by default, the configured version otherwise, and a preview form where only previews exist", async () => {
    const seen: string[] = [];
    const handler: Handler = (request, response) => {
      const url = new URL(request.url, "http://x");
      seen.push(`${url.pathname} ${url.searchParams.get("api-version")}`);
      if (url.pathname.endsWith("/connectionData"))
        return sendJson(response, 200, { authenticatedUser: { id: "u" }, authorizedUser: { id: "u" }, instanceId: "i" });
      sendJson(response, 200, { count: 0, value: [] });
    };
    const modern = await setup(handler);
    await modern.client.listSubscriptions();
    const old = await setup(handler, "5.1");
    await old.client.listSubscriptions({ publisherId: "tfs" });
    await old.client.connectionData();
    expect(seen).toEqual([
      "/tfs/DefaultCollection/_apis/hooks/subscriptions 7.1",
      "/tfs/DefaultCollection/_apis/hooks/subscriptions 5.1",
      "/tfs/DefaultCollection/_apis/connectionData 5.1-preview.1",
    ]);
    expect(() => new AdoClient({ organization: "fabrikam", credential: patCredential("x"), apiVersion: "latest" })).toThrow(/not an api-version/);
  });
});

describe("release host discovery", () => {
  it("uses the organization URL when the server has no release area, and lists it once", async () => {
    const { server, client } = await setup((request, response) => {
      if (request.url.includes("/_apis/resourceAreas/")) return sendJson(response, 404, { message: "not found" });
      sendJson(response, 200, { count: 2, value: [subscription("a", "tfs"), subscription("r", "rm")] });
    });
    expect(await client.releaseUrl()).toBe(`${server.url}/tfs/DefaultCollection`);
    const all = await client.listAllSubscriptions();
    expect(all.complete).toBe(true);
    expect(all.subscriptions.map(({ id, host }) => `${id}:${host}`)).toEqual(["a:default", "r:release"]);
    expect(server.requests.filter((request) => request.url.includes("/hooks/subscriptions"))).toHaveLength(1);
  });

  it("follows the area's locationUrl and keeps one copy of an id both hosts return", async () => {
    const { server, client } = await setup((request, response) => {
      if (request.url.includes("/_apis/resourceAreas/")) {
        return sendJson(response, 200, {
          id: "efc2f575-36ef-48e9-b672-0c6fb4a48ac5",
          name: "Release",
          locationUrl: `http://${request.headers.host}/vsrm/DefaultCollection/`,
        });
      }
      if (request.url.startsWith("/vsrm/")) return sendJson(response, 200, { count: 1, value: [subscription("r", "rm")] });
      sendJson(response, 200, { count: 2, value: [subscription("a", "tfs"), subscription("r", "rm")] });
    });
    const all = await client.listAllSubscriptions();
    expect(all.subscriptions.map(({ id, host }) => `${id}:${host}`).sort()).toEqual(["a:default", "r:release"]);
    expect(server.requests.filter((request) => request.url.includes("/_apis/resourceAreas/"))).toHaveLength(1);
  });

  it("reports an incomplete listing instead of throwing when a host fails", async () => {
    const { client } = await setup((request, response) => {
      if (request.url.includes("/_apis/resourceAreas/"))
        return sendJson(response, 500, { message: "TF400898: An Internal Error Occurred.", typeKey: "InternalException" });
      sendJson(response, 200, { count: 1, value: [subscription("a", "tfs")] });
    });
    const all = await client.listAllSubscriptions();
    expect(all.complete).toBe(false);
    expect(all.subscriptions.map((item) => item.id)).toEqual(["a"]);
    expect(all.failures.map((item) => `${item.host}: ${item.error.message}`)).toEqual([
      expect.stringMatching(/^release: GET .*resourceAreas.* failed: HTTP 500 InternalException: TF400898/),
    ]);
    // A failed lookup is not remembered: the next call asks again.
    await expect(client.releaseUrl()).rejects.toThrow(/HTTP 500/);
  });
});
