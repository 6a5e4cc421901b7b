import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ServiceErrorBody, TeamProjectReference } from "../../src/ado/types.js";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { apiClient, basic, webHookBody } from "./helpers.js";

describe("projects, discovery and counters", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    emulator = await startEmulator();
    api = apiClient(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.resetCounters());

  it("seeds WebSite, Mobile and Platform with fixed GUIDs", async () => {
    const projects = (await api.get("/_apis/projects")).json<{ count: number; value: TeamProjectReference[] }>();
    expect(projects.count).toBe(3);
    expect(projects.value.map((project) => [project.name, project.id])).toEqual([
      ["WebSite", "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51"],
      ["Mobile", "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62"],
      ["Platform", "d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73"],
    ]);
    expect(emulator.state.projects()).toEqual(projects.value);
  });

  it("pages projects with $top and continuationToken, announcing more pages in x-ms-continuationtoken", async () => {
    const names: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const response = await api.get(`/_apis/projects?$top=2${token === null ? "" : `&continuationToken=${token}`}`);
      expect(response.status).toBe(200);
      const page = response.json<{ count: number; value: TeamProjectReference[] }>();
      expect(page.count).toBe(page.value.length);
      names.push(...page.value.map((project) => project.name));
      token = response.headers.get("x-ms-continuationtoken");
      pages += 1;
    } while (token !== null && pages < 5);
    expect(pages).toBe(2);
    expect(names).toEqual(["WebSite", "Mobile", "Platform"]);
    expect((await api.get("/_apis/projects?$top=zero")).status).toBe(400);
  });

  it("finds a project by id or by name and answers 404 otherwise", async () => {
    expect((await api.get("/_apis/projects/mobile")).json<TeamProjectReference>().id).toBe("c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62");
    expect((await api.get("/_apis/projects/d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73")).json<TeamProjectReference>().name).toBe("Platform");
    const missing = await api.get("/_apis/projects/Nope");
    expect(missing.status).toBe(404);
    expect(missing.json<ServiceErrorBody>().typeKey).toBe("ProjectDoesNotExistException");
  });

  it("points the release resource area at the release host", async () => {
    const release = await api.get("/_apis/resourceAreas/efc2f575-36ef-48e9-b672-0c6fb4a48ac5");
    expect(release.json<{ name: string; locationUrl: string }>()).toEqual({
      id: "efc2f575-36ef-48e9-b672-0c6fb4a48ac5",
      name: "Release",
      locationUrl: emulator.releaseUrl,
    });
    const core = await api.get("/_apis/resourceAreas/79134c72-4a58-4b42-976c-04e7115f32bf");
    expect(core.json<{ locationUrl: string }>().locationUrl).toBe(emulator.url);
  });

  it("counts requests per route, release routes apart, readable in process and over HTTP", async () => {
    await api.get("/_apis/hooks/subscriptions");
    await api.get("/_apis/hooks/subscriptions");
    await api.post("/_apis/hooks/subscriptions", webHookBody());
    const created = emulator.state.subscriptions()[0];
    await api.get(`/_apis/hooks/subscriptions/${created?.id ?? ""}`);
    await api.get("/_apis/hooks/subscriptions", { release: true });
    await api.get("/_apis/hooks/subscriptions", { authorization: null });
    expect(emulator.counters()).toEqual({
      "GET /_apis/hooks/subscriptions": 3,
      "POST /_apis/hooks/subscriptions": 1,
      "GET /_apis/hooks/subscriptions/{subscriptionId}": 1,
      "GET /vsrm/_apis/hooks/subscriptions": 1,
    });
    const overHttp = await fetch(`${emulator.url}/_emulator/counters`, { headers: { Authorization: basic(emulator.token) } });
    expect(await overHttp.json()).toEqual(emulator.counters());
    emulator.resetCounters();
    expect(emulator.counters()).toEqual({});
  });
});
