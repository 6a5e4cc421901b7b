import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConnectionData, ServiceErrorBody } from "../../src/ado/types.js";
import { checkApiVersion, HOOKS_VERSIONS, parseApiVersion } from "../../src/emulator/api-version.js";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { apiClient, basic } from "./helpers.js";

describe("authentication", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    emulator = await startEmulator({
      users: [
        { token: "pat-1", kind: "pat", id: "aaaaaaaa-0000-4000-8000-000000000001", displayName: "A", uniqueName: "a@x.example" },
        { token: "jwt-1", kind: "bearer", id: "bbbbbbbb-0000-4000-8000-000000000002", displayName: "B", uniqueName: "b@x.example" },
      ],
    });
    api = apiClient(emulator);
  });
  afterAll(() => emulator.close());

  it("answers 401 with the service's JSON error when no credentials are sent", async () => {
    const response = await api.get("/_apis/hooks/subscriptions", { authorization: null });
    expect(response.status).toBe(401);
    const error = response.json<ServiceErrorBody>();
    expect(error.typeKey).toBe("UnauthorizedRequestException");
    expect(error.message).toMatch(/^TF400813/);
    expect(response.headers.get("www-authenticate")).toContain("Basic");
  });

  it("answers 203 with an HTML sign-in page for a bad PAT", async () => {
    const response = await api.get("/_apis/hooks/subscriptions", { authorization: basic("wrong") });
    expect(response.status).toBe(203);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.text).toContain("<html");
  });

  it("answers 401 for a bad PAT when the client sends X-TFS-FedAuthRedirect: Suppress", async () => {
    const response = await api.get("/_apis/hooks/subscriptions", { authorization: basic("wrong"), headers: { "X-TFS-FedAuthRedirect": "Suppress" } });
    expect(response.status).toBe(401);
    expect(response.json<ServiceErrorBody>().typeKey).toBe("UnauthorizedRequestException");
  });

  it("accepts bearer tokens as bearer only, and PATs as Basic only", async () => {
    expect((await api.get("/_apis/hooks/subscriptions", { authorization: "Bearer jwt-1" })).status).toBe(200);
    expect((await api.get("/_apis/hooks/subscriptions", { authorization: "Bearer pat-1" })).status).toBe(401);
    expect((await api.get("/_apis/hooks/subscriptions", { authorization: basic("pat-1", "anyone") })).status).toBe(200);
    expect((await api.get("/_apis/hooks/subscriptions", { authorization: basic("jwt-1") })).status).toBe(203);
  });

  it("requires a valid token on the control routes too, without a sign-in page", async () => {
    const response = await fetch(`${emulator.url}/_emulator/counters`, { headers: { Authorization: basic("wrong") } });
    expect(response.status).toBe(401);
  });
});

describe("api-version", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    emulator = await startEmulator();
    api = apiClient(emulator);
  });
  afterAll(() => emulator.close());

  it("is read from the query or from the Accept header, in every documented form", async () => {
    for (const version of ["7.1", "7.1-preview", "7.1-preview.1", "7.2-preview.1", "1.0", "5.1-preview.1"]) {
      expect((await api.get("/_apis/hooks/publishers", { version })).status, version).toBe(200);
    }
    const viaHeader = await api.get("/_apis/hooks/publishers", { version: null, headers: { Accept: "application/json;api-version=7.1-preview.1" } });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.headers.get("content-type")).toBe("application/json; charset=utf-8; api-version=7.1-preview.1");
  });

  it.each([
    ["missing", null, "VssVersionNotSpecifiedException", /No api-version was supplied for the "GET" request/],
    ["preview-only without -preview", "7.2", "VssInvalidPreviewVersionException", /requested version "7.2" of the resource is under preview/],
    ["above the maximum", "8.0", "VssVersionOutOfRangeException", /version of 8.0 is out of range.*supports is 7.2/],
    ["above the maximum, as a preview", "7.3-preview.1", "VssVersionOutOfRangeException", /out of range/],
    ["malformed", "seven", "VssInvalidApiResourceVersionException", /"seven" is not valid/],
  ])("%s -> 400 %s", async (_name, version, typeKey, message) => {
    const response = await api.get("/_apis/hooks/subscriptions", { version });
    expect(response.status).toBe(400);
    const error = response.json<ServiceErrorBody>();
    expect(error.typeKey).toBe(typeKey);
    expect(error.typeName).toBe(`Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`);
    expect(error.message).toMatch(message);
  });

  it("needs -preview for connectionData, which has never been released", async () => {
    const refused = await api.get("/_apis/connectionData", { version: "7.1" });
    expect(refused.status).toBe(400);
    expect(refused.json<ServiceErrorBody>().typeKey).toBe("VssInvalidPreviewVersionException");
    const answered = await api.get("/_apis/connectionData", { version: "7.1-preview.1" });
    expect(answered.status).toBe(200);
    const connection = answered.json<ConnectionData>();
    expect(connection.authenticatedUser.id).toBe("6f1b8a3c-2d4e-4f5a-9b6c-7d8e9f0a1b2c");
    expect(connection.authorizedUser.id).toBe(connection.authenticatedUser.id);
    expect(connection.instanceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(connection.deploymentType).toBe("hosted");
  });

  it("parses the three forms and rejects anything else", () => {
    expect(parseApiVersion("7.1")).toEqual({ major: 7, minor: 1, preview: false, text: "7.1" });
    expect(parseApiVersion("7.2-preview")).toEqual({ major: 7, minor: 2, preview: true, text: "7.2-preview" });
    expect(parseApiVersion("7.2-preview.3")).toEqual({ major: 7, minor: 2, preview: true, resourceVersion: 3, text: "7.2-preview.3" });
    expect(parseApiVersion("7")).toBeUndefined();
    expect(parseApiVersion("7.1-beta")).toBeUndefined();
    expect(() => checkApiVersion("0.9", HOOKS_VERSIONS, "GET")).toThrow(/below the minimum/);
  });
});

describe("routing", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    emulator = await startEmulator();
    api = apiClient(emulator);
  });
  afterAll(() => emulator.close());

  it("matches paths case-insensitively, organization included, with or without a trailing slash", async () => {
    const upper = emulator.url.replace(/\/fabrikam$/, "/FABRIKAM");
    const response = await fetch(`${upper}/_APIS/Hooks/Subscriptions/?api-version=7.1`, { headers: { Authorization: basic(emulator.token) } });
    expect(response.status).toBe(200);
    expect((await api.get("/_apis/hooks/publishers/tfs/eventTypes/build.complete")).status).toBe(200);
  });

  it("answers 404 for unknown routes and organizations and 405 for unsupported methods", async () => {
    expect((await api.get("/_apis/hooks/nothing")).status).toBe(404);
    const otherOrganization = await fetch(`${emulator.url.replace(/fabrikam$/, "contoso")}/_apis/hooks/subscriptions?api-version=7.1`, {
      headers: { Authorization: basic(emulator.token) },
    });
    expect(otherOrganization.status).toBe(404);
    const patch = await api.request("PATCH", "/_apis/hooks/subscriptions");
    expect(patch.status).toBe(405);
  });
});
