// `projects: "*"`, globs and excludeProjects end to end: a project created after the first apply
// gets its copies on the next plan, and only those.
import { afterEach, describe, expect, it } from "vitest";
import { BASE_CONFIG, hookops, makeRepo, startOrganization, webhook, type Organization, type Repo } from "./helpers.js";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

/** A control route of the emulator, with its token. */
async function control(method: "POST" | "DELETE", path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${org!.org}/_emulator/${path}`, {
    method,
    headers: { Authorization: `Basic ${Buffer.from(`:${org!.emulator.token}`).toString("base64")}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

const changeLines = (stdout: string) => stdout.split("\n").filter((line) => /^[+~-] \S/.test(line));

describe("hooks for every project", () => {
  it('applies `projects: "*"`, then creates only the copies of a project made afterwards', async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [
      webhook("all-builds", "https://hooks.example.com/all", { project: undefined, projects: "*" }),
      webhook("team-builds", "https://hooks.example.com/team", { project: undefined, projects: ["team-*"], excludeProjects: ["*-Legacy"] }),
    ]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });

    const first = await run(["plan", "--detailed-exitcode"]);
    expect(first.code).toBe(2);
    expect(first.stdout).toContain(
      [
        "Project patterns:",
        '  all-builds: projects "*" → WebSite, Mobile, Platform (3)',
        '  team-builds: projects "team-*" except "*-Legacy" → no project (0)',
      ].join("\n"),
    );
    expect(first.stdout).toMatch(/hooks\/hooks\.yaml:\d+:\d+: "team-builds": projects pattern "team-\*" matches no project of the organization\./);
    expect(changeLines(first.stdout)).toEqual([
      "+ all-builds@Mobile (Mobile) will be created",
      "+ all-builds@Platform (Platform) will be created",
      "+ all-builds@WebSite (WebSite) will be created",
    ]);
    expect((await run(["apply", "--auto-approve"])).code).toBe(0);
    expect((await run(["plan", "--detailed-exitcode"])).code).toBe(0);

    const created = await control("POST", "projects", { name: "Team-Data" });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: "Team-Data", state: "wellFormed" });
    expect((await control("POST", "projects", { name: "Team-Legacy" })).status).toBe(201);
    expect((await control("POST", "projects", { name: "team-data" })).status).toBe(409);

    const second = await run(["plan", "--detailed-exitcode"]);
    expect(second.code).toBe(2);
    expect(second.stdout).toContain('  all-builds: projects "*" → WebSite, Mobile, Platform, Team-Data, Team-Legacy (5)');
    expect(second.stdout).toContain('  team-builds: projects "team-*" except "*-Legacy" → Team-Data (1)');
    expect(changeLines(second.stdout)).toEqual([
      "+ all-builds@Team-Data (Team-Data) will be created",
      "+ all-builds@Team-Legacy (Team-Legacy) will be created",
      "+ team-builds@Team-Data (Team-Data) will be created",
    ]);
    expect(second.stdout).toContain("Plan: 3 to create, 0 to update, 0 to replace, 0 to delete.");

    const apply = await run(["apply", "--auto-approve"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 3 changed, 0 failed, 0 skipped.");
    const third = await run(["plan", "--detailed-exitcode"]);
    expect(third.code).toBe(0);
    expect(third.stdout).toContain("No changes. Live subscriptions match the configuration.");
    expect(org.emulator.state.subscriptions()).toHaveLength(6);
  });

  it("a saved plan applies while the projects stay as they were, and is refused once one is added", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [
      webhook("all-builds", "https://hooks.example.com/all", { project: undefined, projects: "*", excludeProjects: ["Mobile"] }),
    ]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });

    expect((await run(["plan", "--out", "first.json"])).code).toBe(0);
    const applied = await run(["apply", "first.json"]);
    expect(applied.stderr).toBe("");
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("Apply complete: 2 changed, 0 failed, 0 skipped.");

    expect((await control("POST", "projects", { name: "Ops", id: "0a0b0c0d-1111-4222-8333-444455556666" })).status).toBe(201);
    expect((await run(["plan", "--out", "second.json"])).code).toBe(0);
    expect((await control("POST", "projects", { name: "Ops-Two" })).status).toBe(201);
    const stale = await run(["apply", "second.json"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("Error: the saved plan is not what re-planning gives now");
    expect(org.emulator.state.subscriptions()).toHaveLength(2);

    // Deleting the new project again: its copy is no longer wanted, and nothing is left to do.
    expect((await control("DELETE", "projects/Ops-Two")).status).toBe(204);
    const apply = await run(["apply", "second.json"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("+ created all-builds@Ops (Ops)");
    expect((await run(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("the emulator's project control routes answer as documented", async () => {
    org = await startOrganization();
    const id = "0a0b0c0d-1111-4222-8333-444455556666";
    expect(await control("POST", "projects", { name: "Team-*" })).toMatchObject({ status: 400 });
    expect(await control("POST", "projects", { name: "Ops", id: "not-a-guid" })).toMatchObject({ status: 400 });
    const created = await control("POST", "projects", { name: "Ops", id });
    expect(created).toMatchObject({ status: 201, json: { id, name: "Ops", state: "wellFormed", visibility: "private" } });
    expect(await control("POST", "projects", { name: "Other", id: id.toUpperCase() })).toMatchObject({ status: 409 });
    expect(org.emulator.state.projects().map((project) => project.name)).toEqual(["WebSite", "Mobile", "Platform", "Ops"]);
    expect((await control("DELETE", `projects/${id}`)).status).toBe(204);
    expect((await control("DELETE", `projects/${id}`)).status).toBe(404);
    expect(org.emulator.state.projects().map((project) => project.name)).toEqual(["WebSite", "Mobile", "Platform"]);
  });
});
