// Names instead of ids in filters, end to end: the CLI in this process against an emulator over HTTP.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SEEDED_PROJECTS } from "../../src/emulator/index.js";
import { projectResources } from "../../src/emulator/state/resources.js";
import { webhookBody } from "../apply/helpers.js";
import { BASE_CONFIG, hookops, makeRepo, startOrganization, webhook, type Organization, type Repo } from "./helpers.js";

const WEBSITE = SEEDED_PROJECTS.find((project) => project.name === "WebSite")!;
const DOCS_ID = projectResources(WEBSITE).repositories.find((repository) => repository.name === "WebSite.Docs")!.id;
const REPOSITORIES = "GET /{project}/_apis/git/repositories";
const RELEASE_DEFINITIONS = "GET /vsrm/{project}/_apis/release/definitions";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

const pushes = (repository: string) =>
  webhook("docs-pushed", "https://hooks.example.com/docs", {
    eventType: "git.push",
    publisherInputs: { repository, branch: "refs/heads/main" },
  });

const deployed = (definition: string, stage: string) =>
  webhook("website-deployed", "https://hooks.example.com/deployed", {
    eventType: "ms.vss-release.deployment-completed-event",
    resourceVersion: "3.0-preview.1",
    publisherInputs: { releaseDefinitionId: definition, releaseEnvironmentId: stage, releaseEnvironmentStatus: "4" },
  });

/** Requests of the routes that list what names stand for. */
function lookups(target: Organization): Record<string, number> {
  return Object.fromEntries(Object.entries(target.emulator.counters()).filter(([route]) => route.includes("/{project}/")));
}

/** `hooks/hooks.yaml:<line>:<column>` of a written value. */
async function locationOf(target: Repo, text: string): Promise<string> {
  const lines = (await readFile(path.join(target.dir, "hooks", "hooks.yaml"), "utf8")).split("\n");
  const line = lines.findIndex((candidate) => candidate.includes(text));
  return `hooks/hooks.yaml:${line + 1}:${(lines[line] ?? "").indexOf(text) + 1}`;
}

describe("filters that name a repository or a release pipeline", () => {
  it("plans and applies with the id, then plans no changes; the lookups are one list per kind and project", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [pushes("WebSite.Docs"), deployed("WebSite Release", "Production")]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });

    org.emulator.resetCounters();
    const plan = await run(["plan"]);
    expect(plan.stderr).toBe("");
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain(`+ publisherInputs.repository = "WebSite.Docs (id ${DOCS_ID})"`);
    expect(plan.stdout).toContain('+ publisherInputs.releaseDefinitionId = "WebSite Release (id 1)"');
    expect(plan.stdout).toContain('+ publisherInputs.releaseEnvironmentId = "Production (id 3)"');
    expect(lookups(org)).toEqual({ [REPOSITORIES]: 1, [RELEASE_DEFINITIONS]: 1 });

    // The saved plan holds the ids apply sends; applying it re-plans to exactly the same plan.
    const saved = await run(["plan", "--out", "plan.json"]);
    expect(saved.code).toBe(0);
    const savedPlan = JSON.parse(await readFile(path.join(repo.dir, "plan.json"), "utf8")) as {
      changes: { body: { publisherInputs: Record<string, string> } }[];
    };
    expect(savedPlan.changes.map((change) => change.body.publisherInputs.repository ?? change.body.publisherInputs.releaseEnvironmentId).sort()).toEqual(
      ["3", DOCS_ID].sort(),
    );
    const apply = await run(["apply", "plan.json"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 2 changed, 0 failed, 0 skipped.");
    const stored = org.emulator.state.subscriptions();
    expect(stored.find((subscription) => subscription.eventType === "git.push")?.publisherInputs.repository).toBe(DOCS_ID);
    const release = stored.find((subscription) => subscription.publisherId === "rm");
    expect([release?.publisherInputs.releaseDefinitionId, release?.publisherInputs.releaseEnvironmentId]).toEqual(["1", "3"]);

    org.emulator.resetCounters();
    const again = await run(["plan", "--detailed-exitcode"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes. Live subscriptions match the configuration.");
    expect(lookups(org)).toEqual({ [REPOSITORIES]: 1, [RELEASE_DEFINITIONS]: 1 });
  });

  it("refuses a misspelt name with its file, line and a suggestion, and applies nothing", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [pushes("WebSite.Doc"), webhook("ci-failed", "https://hooks.example.com/ci")]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });
    const where = await locationOf(repo, "WebSite.Doc");
    const expected = `${where}: error unresolved-name: filter "repository": project "WebSite" has no Git repository named "WebSite.Doc". Did you mean "WebSite.Docs"?`;

    const plan = await run(["plan"]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toBe("");
    expect(plan.stderr).toContain(expected);

    const apply = await run(["apply", "--auto-approve"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(expected);
    expect(apply.stdout).not.toContain("created");
    expect(org.emulator.state.subscriptions()).toEqual([]);
  });

  it("refuses a name that stands for two things, saying how to tell them apart", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [{ ...deployed("", "Production"), project: "Platform" }]);
    const result = await hookops(["plan", "--org", org.org], { cwd: repo.dir, env: org.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'error ambiguous-name: filter "releaseEnvironmentId": "Production" names 2 release stages of project "Platform": "Production" of "Platform Services" (id 6) and "Production" of "Platform Tools" (id 8); set "releaseDefinitionId" to say which release pipeline, or write the stage id.',
    );
  });

  it("refuses the plan when a lookup is refused, as for a failed listing, names the scope, and creates nothing", async () => {
    org = await startOrganization({ faults: { failNext: [{ status: 401, count: 1, route: REPOSITORIES }] } });
    repo = await makeRepo(BASE_CONFIG, [pushes("WebSite.Docs"), webhook("ci-failed", "https://hooks.example.com/ci")]);
    const apply = await hookops(["apply", "--auto-approve", "--org", org.org], { cwd: repo.dir, env: org.env });
    expect(apply.code).toBe(1);
    expect(apply.stdout).toBe("");
    expect(apply.stderr).toContain('could not look up the names the subscriptions use: reading the Git repositories of project "WebSite" (');
    expect(apply.stderr).toContain("HTTP 401 for GET http");
    expect(apply.stderr).toContain('nothing was planned or changed. Looking names up needs the token to read them too: "Code (read)" (vso.code)');
    expect(org.emulator.state.subscriptions()).toEqual([]);
  });

  it("export writes the names back, and the exported files plan no changes", async () => {
    org = await startOrganization();
    org.emulator.state.insert(
      webhookBody("https://hooks.example.com/docs", {
        eventType: "git.push",
        publisherInputs: { projectId: WEBSITE.id, repository: DOCS_ID, branch: "refs/heads/main" },
      }),
    );
    org.emulator.state.insert(
      webhookBody("https://hooks.example.com/deployed", {
        publisherId: "rm",
        eventType: "ms.vss-release.deployment-completed-event",
        resourceVersion: "3.0-preview.1",
        publisherInputs: { projectId: WEBSITE.id, releaseDefinitionId: "1", releaseEnvironmentId: "3" },
      }),
    );
    repo = await makeRepo(BASE_CONFIG, []);
    const out = path.join(repo.dir, "exported");
    const exported = await hookops(["export", "--org", org.org, "--out", out], { cwd: repo.dir, env: org.env });
    expect(exported.code).toBe(0);
    const file = await readFile(path.join(out, "hooks", "website.yaml"), "utf8");
    expect(file).toContain("repository: WebSite.Docs\n");
    expect(file).toContain("releaseDefinitionId: WebSite Release\n");
    expect(file).toContain("releaseEnvironmentId: Production\n");
    expect(file).not.toContain(DOCS_ID);

    const plan = await hookops(["plan", out, "--org", org.org, "--detailed-exitcode"], { cwd: repo.dir, env: org.env });
    expect(plan.stderr).toBe("");
    expect(plan.stdout).toContain("No changes. Live subscriptions match the configuration.");
    expect(plan.code).toBe(0);

    // A list export cannot read costs only names: those ids are written as they are.
    org.emulator.setFaults({ failNext: [{ status: 401, count: 1, route: RELEASE_DEFINITIONS }] });
    const again = path.join(repo.dir, "again");
    const partly = await hookops(["export", "--org", org.org, "--out", again], { cwd: repo.dir, env: org.env });
    expect(partly.code).toBe(0);
    expect(partly.stdout + partly.stderr).toContain('could not read the release pipelines of project "WebSite" (');
    const kept = await readFile(path.join(again, "hooks", "website.yaml"), "utf8");
    expect(kept).toContain('releaseDefinitionId: "1"\n');
    expect(kept).toContain("repository: WebSite.Docs\n");
  });
});
