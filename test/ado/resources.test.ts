// The lists names are looked up in: Git repositories, build definitions and release definitions,
// against the emulator (the service's shapes) and a recording server (paging, errors).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdoClient } from "../../src/ado/client.js";
import { patCredential } from "../../src/ado/credentials.js";
import { AdoAuthError, AdoRequestError } from "../../src/ado/errors.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { sendJson, startServer, type TestServer } from "./helpers.js";

const WEBSITE = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";
const PLATFORM = "d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73";
const CREDENTIAL = "personal access token from AZURE_DEVOPS_TOKEN";

describe("against the emulator", () => {
  let emulator: EmulatorHandle;
  let client: AdoClient;

  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    emulator.resetCounters();
    client = new AdoClient({ organization: emulator.url, credential: patCredential(emulator.token, CREDENTIAL) });
  });
  afterEach(() => client.close());

  it("lists a project's Git repositories in one request, the default repository named after the project", async () => {
    const repositories = await client.listRepositories(WEBSITE);
    expect(repositories.map((repository) => repository.name)).toEqual(["WebSite", "WebSite.Docs", "WebSite.Infra"]);
    const [first] = repositories;
    expect(first?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first?.url).toBe(`${emulator.url}/${WEBSITE}/_apis/git/repositories/${first?.id}`);
    expect(first?.project).toMatchObject({ id: WEBSITE, name: "WebSite" });
    expect(first?.defaultBranch).toBe("refs/heads/main");
    // By name or id, the project is the same one.
    expect((await client.listRepositories("website")).map((repository) => repository.id)).toEqual(repositories.map((repository) => repository.id));
    expect(emulator.counters()).toEqual({ "GET /{project}/_apis/git/repositories": 2 });
  });

  it("lists build definitions with their folders", async () => {
    const definitions = await client.listBuildDefinitions(PLATFORM);
    expect(definitions.map((definition) => [definition.id, definition.path, definition.name])).toEqual([
      [31, "\\Services", "Deploy"],
      [32, "\\Tools", "Deploy"],
      [33, "\\", "Platform.CI"],
    ]);
    expect(definitions[0]).toMatchObject({ type: "build", project: { id: PLATFORM, name: "Platform" } });
  });

  it("lists release definitions with their stages from the release host only", async () => {
    const definitions = await client.listReleaseDefinitions(WEBSITE);
    expect(definitions).toHaveLength(1);
    expect(definitions[0]).toMatchObject({ id: 1, name: "WebSite Release", path: "\\", url: `${emulator.releaseUrl}/${WEBSITE}/_apis/Release/definitions/1` });
    expect(definitions[0]?.environments).toEqual([
      { id: 1, name: "Dev", rank: 1 },
      { id: 2, name: "Staging", rank: 2 },
      { id: 3, name: "Production", rank: 3 },
    ]);
    // The release host is asked for once (resourceAreas), then the list.
    expect(emulator.counters()).toEqual({ "GET /_apis/resourceAreas/{areaId}": 1, "GET /vsrm/{project}/_apis/release/definitions": 1 });

    const api = (path: string) =>
      fetch(`${path}?api-version=7.1`, { headers: { authorization: `Basic ${Buffer.from(`:${emulator.token}`).toString("base64")}` } });
    expect((await api(`${emulator.url}/${WEBSITE}/_apis/release/definitions`)).status).toBe(404);
    expect((await api(`${emulator.releaseUrl}/${WEBSITE}/_apis/git/repositories`)).status).toBe(404);
    const withoutStages = (await (await api(`${emulator.releaseUrl}/${WEBSITE}/_apis/release/definitions`)).json()) as { value: Record<string, unknown>[] };
    expect(withoutStages.value[0]).not.toHaveProperty("environments");
  });

  it("answers an unknown project with the service's 404", async () => {
    const failure = await client.listRepositories("Nowhere").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdoRequestError);
    expect(failure).toMatchObject({ status: 404, typeKey: "ProjectDoesNotExistException" });
  });
});

describe("paging and failures", () => {
  let server: TestServer | undefined;
  let client: AdoClient | undefined;
  afterEach(async () => {
    await client?.close();
    await server?.close();
    client = undefined;
    server = undefined;
  });

  const connect = (target: TestServer) =>
    new AdoClient({
      organization: { name: "fabrikam", url: `${target.url}/fabrikam`, releaseUrl: `${target.url}/vsrm/fabrikam` },
      credential: patCredential("s3cret-token", CREDENTIAL),
      retry: { maxRetries: 0 },
    });

  it("follows continuation tokens, skips items without an id or a name, and stops on a token that comes back", async () => {
    server = await startServer((request, response) => {
      const token = new URL(request.url, "http://x").searchParams.get("continuationToken");
      if (token === null) return sendJson(response, 200, { count: 2, value: [{ id: 1, name: "A" }, { name: "no id" }] }, { "x-ms-continuationtoken": "p2" });
      return sendJson(response, 200, { count: 1, value: [{ id: 2, name: "B", path: "\\F" }] });
    });
    client = connect(server);
    expect((await client.listBuildDefinitions(WEBSITE)).map((definition) => [definition.id, definition.name])).toEqual([
      [1, "A"],
      [2, "B"],
    ]);
    expect(server.requests.map((request) => request.url)).toEqual([
      `/fabrikam/${WEBSITE}/_apis/build/definitions?api-version=7.1`,
      `/fabrikam/${WEBSITE}/_apis/build/definitions?continuationToken=p2&api-version=7.1`,
    ]);

    const looping = await startServer((_request, response) => sendJson(response, 200, { count: 0, value: [] }, { "x-ms-continuationtoken": "same" }));
    const loopClient = connect(looping);
    try {
      await expect(loopClient.listReleaseDefinitions(WEBSITE)).rejects.toThrow('the continuation token "same" came back twice');
      expect(looping.requests).toHaveLength(2);
      expect(looping.requests[0]?.url).toBe(`/vsrm/fabrikam/${WEBSITE}/_apis/release/definitions?%24expand=environments&api-version=7.1`);
    } finally {
      await loopClient.close();
      await looping.close();
    }
  });

  it("fails with the typed error of the answer, never holding the token", async () => {
    server = await startServer((_request, response) =>
      sendJson(response, 401, { message: "TF400813: not authorized", typeKey: "UnauthorizedRequestException" }),
    );
    client = connect(server);
    const failure = await client.listRepositories(WEBSITE).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AdoAuthError);
    expect(JSON.stringify(failure)).not.toContain("s3cret-token");
    expect(String(failure)).toContain(`HTTP 401 for GET ${server.url}/fabrikam/${WEBSITE}/_apis/git/repositories`);
  });
});
