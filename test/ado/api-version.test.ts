import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AdoClient } from "../../src/ado/client.js";
import { patCredential } from "../../src/ado/credentials.js";
import { ApiVersionOutOfRangeError } from "../../src/ado/errors.js";
import { API_VERSION_PATTERN, checkApiVersion, InvalidApiVersionError } from "../../src/ado/routes.js";
import type { SubscriptionBody } from "../../src/ado/types.js";
import { loadRepository } from "../../src/config/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { expectSecretAbsent, sendJson, startServer, type TestServer } from "./helpers.js";

const TOKEN = "api-version-test-pat-6f0e";
const servers: TestServer[] = [];
const clients: AdoClient[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function clientAt(url: string, apiVersion?: string): AdoClient {
  const client = new AdoClient({
    organization: `${url}/DefaultCollection`,
    credential: patCredential(TOKEN),
    ...(apiVersion === undefined ? {} : { apiVersion }),
    retry: { maxRetries: 0 },
  });
  clients.push(client);
  return client;
}

const body: SubscriptionBody = {
  publisherId: "rm",
  eventType: "ms.vss-release.deployment-completed-event",
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  publisherInputs: { projectId: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51" },
  consumerInputs: { url: "https://hooks.example.com/v" },
};

describe("one api-version for every call", () => {
  it("sends AdoClient.apiVersion on every route, and its -preview.1 form on the preview-only ones", async () => {
    const server = await startServer((request, response) => {
      const pathname = new URL(request.url, "http://x").pathname;
      if (pathname.includes("/resourceAreas/")) return sendJson(response, 404, { message: "no release area" });
      if (request.method === "DELETE") return void response.writeHead(204).end();
      if (pathname.endsWith("/connectionData")) return sendJson(response, 200, { authenticatedUser: { id: "u" } });
      if (pathname.endsWith("/subscriptionsquery")) return sendJson(response, 200, { results: [] });
      if (request.method === "POST" || request.method === "PUT") return sendJson(response, 200, { id: "0a0b0c0d-0000-4000-8000-000000000001" });
      if (/\/(subscriptions|publishers|eventtypes|consumers|actions|notifications|projects)$/.test(pathname))
        return sendJson(response, 200, { count: 0, value: [] });
      sendJson(response, 200, { id: "x" });
    });
    servers.push(server);
    const client = clientAt(server.url, "6.0");
    const id = "0a0b0c0d-0000-4000-8000-000000000001";
    await client.connectionData();
    await client.listSubscriptions();
    await client.listProjectSubscriptions("p");
    await client.getSubscription(id);
    await client.createSubscription(body);
    await client.replaceSubscription(id, body);
    await client.deleteSubscription(id, { host: "release" });
    await client.listPublishers();
    await client.getPublisher("tfs");
    await client.listEventTypes("tfs");
    await client.getEventType("tfs", "build.complete");
    await client.listConsumers({ publisherId: "tfs" });
    await client.getConsumer("webHooks");
    await client.listConsumerActions("webHooks");
    await client.getConsumerAction("webHooks", "httpRequest");
    await client.sendTestNotification({ details: { publisherId: "tfs" } } as Parameters<AdoClient["sendTestNotification"]>[0]);
    await client.listNotifications(id);
    await client.getNotification(id, 1);
    await client.listProjects();
    await client.getProject("WebSite");

    const versions = server.requests.map((request) => {
      const url = new URL(request.url, "http://x");
      return [url.pathname.split("/_apis/")[1]?.split("/")[0], url.searchParams.get("api-version")];
    });
    expect(versions.length).toBeGreaterThanOrEqual(20);
    for (const [area, version] of versions) {
      expect(version, String(area)).toBe(area === "connectionData" || area === "resourceAreas" ? "6.0-preview.1" : "6.0");
    }
    expect(versions.map(([area]) => area)).toContain("resourceAreas");
  });

  it("defaults to 7.1 and refuses a malformed version before sending anything", () => {
    const client = new AdoClient({ organization: "fabrikam", credential: patCredential(TOKEN) });
    clients.push(client);
    expect([client.apiVersion, client.previewApiVersion]).toEqual(["7.1", "7.1-preview.1"]);
    expect(checkApiVersion("7.1-preview.1")).toBe("7.1-preview.1");
    for (const bad of ["7", "v7.1", "7.1 ", "6.0;drop", ""]) expect(() => checkApiVersion(bad)).toThrow(InvalidApiVersionError);
    expect(() => new AdoClient({ organization: "fabrikam", credential: patCredential(TOKEN), apiVersion: "6" })).toThrow(
      /use the form 7\.1, 6\.0 or 7\.1-preview\.1/,
    );
  });
});

describe("a server older than the api-version (VssVersionOutOfRangeException)", () => {
  async function refusal(status: number, text: string, contentType = "application/json; charset=utf-8"): Promise<unknown> {
    const server = await startServer((_request, response) => {
      response.writeHead(status, { "content-type": contentType });
      response.end(text);
    });
    servers.push(server);
    return clientAt(server.url)
      .listSubscriptions()
      .catch((caught: unknown) => caught);
  }

  it("says which apiVersion to set in hookops.yaml", async () => {
    const error = await refusal(
      400,
      JSON.stringify({
        $id: "1",
        innerException: null,
        message: "The requested REST API version of 7.1 is out of range for this server. The latest REST API version this server supports is 6.0.",
        typeName: "Microsoft.VisualStudio.Services.WebApi.VssVersionOutOfRangeException, Microsoft.VisualStudio.Services.WebApi",
        typeKey: "VssVersionOutOfRangeException",
        errorCode: 0,
        eventId: 3000,
      }),
    );
    expect(error).toBeInstanceOf(ApiVersionOutOfRangeError);
    const typed = error as ApiVersionOutOfRangeError;
    expect([typed.status, typed.requestedVersion, typed.latestVersion, typed.typeKey]).toEqual([400, "7.1", "6.0", "VssVersionOutOfRangeException"]);
    expect(typed.message).toContain(
      'this Azure DevOps server does not support REST API version 7.1. The latest it supports is 6.0: set `apiVersion: "6.0"` in hookops.yaml.',
    );
    expectSecretAbsent(typed, TOKEN);
  });

  it("reads the other wordings too, and falls back to the release table when no version is named", async () => {
    const quoted = await refusal(
      400,
      'The requested REST API version of "6.1" is out of the valid range for this server. The latest REST API version supported by this server is 5.1',
      "text/plain",
    );
    expect(quoted).toBeInstanceOf(ApiVersionOutOfRangeError);
    expect((quoted as ApiVersionOutOfRangeError).latestVersion).toBe("5.1");
    expect((quoted as Error).message).toContain('set `apiVersion: "5.1"` in hookops.yaml');

    const bare = await refusal(
      400,
      JSON.stringify({ message: "The requested REST API version of 7.0 is out of range for this server.", typeKey: "VssVersionOutOfRangeException" }),
    );
    expect((bare as ApiVersionOutOfRangeError).latestVersion).toBeUndefined();
    expect((bare as Error).message).toContain(
      'Set `apiVersion` in hookops.yaml to the version of your server (Azure DevOps Server 2019: "5.0", 2020: "6.0", 2022: "7.0").',
    );

    const other = await refusal(400, JSON.stringify({ message: "out of range", typeKey: "ArgumentOutOfRangeException" }));
    expect(other).not.toBeInstanceOf(ApiVersionOutOfRangeError);
  });

  it("works against the emulator's own refusal", async () => {
    const emulator = await startEmulator({ seed: 3 });
    try {
      const client = new AdoClient({ organization: emulator.url, credential: patCredential(emulator.token), apiVersion: "9.0" });
      clients.push(client);
      const error = await client.listSubscriptions().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiVersionOutOfRangeError);
      expect((error as ApiVersionOutOfRangeError).requestedVersion).toBe("9.0");
      expect((error as Error).message).toMatch(/set `apiVersion: "\d+\.\d+"` in hookops\.yaml/);
    } finally {
      await emulator.close();
    }
  });
});

describe("apiVersion in hookops.yaml", () => {
  async function load(yaml: string) {
    const dir = await mkdtemp(path.join(tmpdir(), "hookops-apiversion-"));
    await mkdir(path.join(dir, "hooks"));
    await writeFile(path.join(dir, "hookops.yaml"), yaml);
    await writeFile(path.join(dir, "hooks", "a.yaml"), "subscriptions: []\n");
    return loadRepository(dir, { cwd: dir });
  }

  it("is read when well formed", async () => {
    const loaded = await load('organization: https://tfs.contoso.com/tfs/DefaultCollection\napiVersion: "6.0"\n');
    expect(loaded.config?.apiVersion).toBe("6.0");
    expect(loaded.findings.filter((finding) => finding.severity === "error")).toEqual([]);
    expect((await load("organization: fabrikam\n")).config?.apiVersion).toBeUndefined();
  });

  it("has the client's pattern in the schema", async () => {
    const schema = JSON.parse(await readFile(path.join(import.meta.dirname, "../../schemas/hookops.schema.json"), "utf8")) as {
      properties: { apiVersion: { pattern: string } };
    };
    expect(schema.properties.apiVersion.pattern).toBe(API_VERSION_PATTERN.source);
  });

  it("is an error when malformed or unquoted, and then not used", async () => {
    const malformed = await load('apiVersion: "six"\n');
    expect(malformed.config?.apiVersion).toBeUndefined();
    expect(malformed.findings.map((finding) => finding.message)).toContainEqual(
      expect.stringContaining('"apiVersion" is not valid: use a version such as "7.1", "6.0" or "7.1-preview.1"'),
    );
    const number = await load("apiVersion: 6.0\n");
    expect(number.config?.apiVersion).toBeUndefined();
    expect(number.findings.map((finding) => finding.message)).toContainEqual(expect.stringContaining('quote it: "6.0"'));
  });
});
