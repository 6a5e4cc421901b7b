// Project patterns expanded against the organization's projects, what a plan then reads and may
// delete, and organization-wide subscriptions.
import { afterEach, describe, expect, it } from "vitest";
import type { SubscriptionBody, TeamProjectReference } from "../../src/ado/index.js";
import type { DesiredSubscription, PatternedSubscription, ProjectSelector } from "../../src/config/types.js";
import { applyRepository } from "../../src/engine/apply.js";
import { isPlanRun, planRepository, type PlanRun } from "../../src/engine/plan.js";
import { expandDeclaration, expandProjects } from "../../src/engine/projects.js";
import { DEFAULT_USER } from "../../src/emulator/index.js";
import { renderMarkdown, renderText } from "../../src/report/index.js";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";

const WEBSITE = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";
const MOBILE = "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62";
const PROJECT_001 = "e0000000-0000-4000-8000-000000000001";

const project = (name: string, id: string): TeamProjectReference => ({ id, name });
const ORGANIZATION = [
  project("WebSite", WEBSITE),
  project("Team-Data", "11111111-0000-4000-8000-000000000001"),
  project("team-web", "11111111-0000-4000-8000-000000000002"),
  project("Team-Legacy", "11111111-0000-4000-8000-000000000003"),
];

const at = (line: number, column: number) => ({ file: "hooks/hooks.yaml", line, column });
const selector = (text: string, line = 3, column = 15): ProjectSelector => ({ text, pattern: /[*?]/.test(text), source: at(line, column) });

function patterned(include: string[], exclude: string[] = [], name = "deploy-alerts"): PatternedSubscription {
  const template: DesiredSubscription = {
    name,
    project: "",
    publisherId: "tfs",
    eventType: "build.complete",
    publisherInputs: { buildStatus: "Failed" },
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url: "https://hooks.example.com/deploy" },
    enabled: true,
    source: at(2, 5),
  };
  return { template, include: include.map((text) => selector(text)), exclude: exclude.map((text) => selector(text, 4, 23)) };
}

describe("expanding a declaration", () => {
  it('"*" is every project, in the organization\'s order, each copy named <name>@<project>', () => {
    const { copies, expansion, warnings } = expandDeclaration(patterned(["*"]), ORGANIZATION);
    expect(copies.map((copy) => [copy.name, copy.project])).toEqual([
      ["deploy-alerts@WebSite", "WebSite"],
      ["deploy-alerts@Team-Data", "Team-Data"],
      ["deploy-alerts@team-web", "team-web"],
      ["deploy-alerts@Team-Legacy", "Team-Legacy"],
    ]);
    expect(expansion).toEqual({
      name: "deploy-alerts",
      source: at(2, 5),
      include: ["*"],
      exclude: [],
      projects: ["WebSite", "Team-Data", "team-web", "Team-Legacy"],
    });
    expect(warnings).toEqual([]);
    // Copies do not share input maps (a later step may rewrite one copy's filters).
    expect(copies[0]?.publisherInputs).not.toBe(copies[1]?.publisherInputs);
  });

  it("globs are case-insensitive, names stay as written, each project once; excludes take names, GUIDs and globs", () => {
    const { copies } = expandDeclaration(patterned(["TEAM-*", "website", "Team-Data"], ["team-legacy"]), ORGANIZATION);
    expect(copies.map((copy) => copy.name)).toEqual(["deploy-alerts@Team-Data", "deploy-alerts@team-web", "deploy-alerts@website"]);
    const byId = expandDeclaration(patterned(["*"], [WEBSITE.toUpperCase(), "*-web"]), ORGANIZATION);
    expect(byId.expansion.projects).toEqual(["Team-Data", "Team-Legacy"]);
  });

  it("a pattern matching no project and an exclude leaving nothing out are warnings naming file:line:column", () => {
    const { copies, warnings } = expandDeclaration(patterned(["Ops-*", "WebSite"], ["Sandbox", "Team-*"]), ORGANIZATION);
    expect(copies.map((copy) => copy.name)).toEqual(["deploy-alerts@WebSite"]);
    expect(warnings).toEqual([
      'hooks/hooks.yaml:3:15: "deploy-alerts": projects pattern "Ops-*" matches no project of the organization.',
      'hooks/hooks.yaml:4:23: "deploy-alerts": excludeProjects item "Sandbox" leaves nothing out: it matches no project of the organization.',
      'hooks/hooks.yaml:4:23: "deploy-alerts": excludeProjects item "Team-*" leaves nothing out: projects does not include what it matches.',
    ]);
  });

  it("a name that is no project stays, so the planner refuses it by name", () => {
    const { copies } = expandDeclaration(patterned(["Team-D*", "Nowhere"]), ORGANIZATION);
    expect(copies.map((copy) => [copy.name, copy.project])).toEqual([
      ["deploy-alerts@Team-Data", "Team-Data"],
      ["deploy-alerts@Nowhere", "Nowhere"],
    ]);
  });

  it("refuses a copy that is the same subscription as another declaration", () => {
    const declared = { ...patterned(["*"]).template, name: "site-deploys", project: "website", source: at(12, 5) };
    const load = { subscriptions: [declared], patterned: [patterned(["Web*", "Team-Data"])], findings: [], files: [] };
    const expanded = expandProjects(load, ORGANIZATION);
    expect(expanded.subscriptions.map((subscription) => subscription.name)).toEqual(["site-deploys", "deploy-alerts@WebSite", "deploy-alerts@Team-Data"]);
    expect(expanded.expansion?.refusals).toEqual([
      '"deploy-alerts@WebSite" (hooks/hooks.yaml:2:5) is the same subscription as "site-deploys" (hooks/hooks.yaml:12:5): same project, event, filters, consumer, action and url. Exclude the project from one of them, or remove one.',
    ]);
    // Without patterns the load is left as it is.
    const plain = { subscriptions: [declared], findings: [], files: [] };
    expect(expandProjects(plain, ORGANIZATION)).toBe(plain);
  });
});

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

const listings = (counters: Record<string, number>) =>
  Object.fromEntries(Object.entries(counters).filter(([route]) => route.includes("/hooks/subscriptions") || route.includes("/projects")));

async function plan(): Promise<PlanRun> {
  const run = await planRepository({ dir: ".", cwd: repo!.dir, org: org!.org, env: org!.env });
  if (!isPlanRun(run)) throw new Error(`expected a plan: ${JSON.stringify(run.load.findings)}`);
  await run.connection.close();
  return run;
}

const handMade = (url: string, projectId: string | undefined, eventType = "build.complete"): SubscriptionBody => ({
  publisherId: "tfs",
  eventType,
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  publisherInputs: projectId === undefined ? {} : { projectId },
  consumerInputs: { url },
});

describe("planning with project patterns", () => {
  it("lists only the expanded projects, after reading the project list, and shows the expansion", async () => {
    org = await startOrganization({ extraProjects: 2 });
    repo = await makeRepo(BASE_CONFIG, [
      webhook("deploy-alerts", "https://hooks.example.com/deploy", { project: undefined, projects: "*", excludeProjects: ["Mobile"] }),
    ]);
    org.emulator.resetCounters();
    const run = await plan();
    expect(listings(org.emulator.counters())).toEqual({
      "GET /_apis/projects": 1,
      "POST /_apis/hooks/subscriptionsquery": 4,
      "POST /vsrm/_apis/hooks/subscriptionsquery": 4,
    });
    expect(run.plan.changes.map((change) => [change.action, change.name])).toEqual([
      ["create", "deploy-alerts@Platform"],
      ["create", "deploy-alerts@Project-001"],
      ["create", "deploy-alerts@Project-002"],
      ["create", "deploy-alerts@WebSite"],
    ]);
    expect(renderText(run.plan, { color: false })).toContain(
      'Project patterns:\n  deploy-alerts: projects "*" except "Mobile" → WebSite, Platform, Project-001, Project-002 (4)\n',
    );
    expect(renderMarkdown(run.plan)).toContain(
      '**Project patterns**\n\n- deploy-alerts: projects "\\*" except "Mobile" → WebSite, Platform, Project-001, Project-002 (4)',
    );
    expect(run.plan.expansions?.[0]?.projects).toEqual(["WebSite", "Platform", "Project-001", "Project-002"]);
  });

  it("the default prune scope is the expanded projects: an excluded project is never pruned", async () => {
    org = await startOrganization({ extraProjects: 1 });
    // Another event than the declaration's, so it is no earlier version of it (that would be changed in place).
    const stale = org.emulator.state.insert(handMade("https://old.example.com/hook", PROJECT_001, "git.push"), { createdBy: DEFAULT_USER });
    const excluded = org.emulator.state.insert(handMade("https://old.example.com/mobile", MOBILE, "git.push"), { createdBy: DEFAULT_USER });
    repo = await makeRepo({ ...BASE_CONFIG, prune: { enabled: true } }, [
      webhook("deploy-alerts", "https://hooks.example.com/deploy", { project: undefined, projects: ["Project-*", "WebSite"], excludeProjects: ["Mobile"] }),
    ]);
    const run = await plan();
    const deletes = run.plan.changes.filter((change) => change.action === "delete");
    expect(deletes.map((change) => [change.liveId, change.project])).toEqual([[stale.id, "Project-001"]]);
    expect(run.plan.warnings).toEqual([
      'hooks/hooks.yaml:15:9: "deploy-alerts": excludeProjects item "Mobile" leaves nothing out: projects does not include what it matches.',
    ]);
    expect(run.live.subscriptions.map((subscription) => subscription.id)).not.toContain(excluded.id);
  });

  it("a failed listing of an expanded project still withholds that project's copy", async () => {
    org = await startOrganization({ faults: { failNext: [{ status: 401, count: 1, route: "POST /_apis/hooks/subscriptionsquery" }] } });
    repo = await makeRepo(BASE_CONFIG, [webhook("deploy-alerts", "https://hooks.example.com/deploy", { project: undefined, projects: "*" })]);
    const run = await plan();
    expect(run.plan.changes).toHaveLength(2);
    expect(run.plan.refusals).toHaveLength(1);
    const [refusal] = run.plan.refusals;
    const withheld = /^The subscriptions of project (\w+) on the default host .*withheld \(create "deploy-alerts@(\w+)"\)/.exec(refusal ?? "");
    expect(withheld?.[1]).toBeDefined();
    expect(withheld?.[2]).toBe(withheld?.[1]);
    expect(run.plan.changes.map((change) => change.project)).not.toContain(withheld?.[1]);
  });

  it("refuses when the project list cannot be read: no subscription is listed and nothing is planned", async () => {
    org = await startOrganization({ faults: { failNext: [{ status: 401, count: 10, route: "GET /_apis/projects" }] } });
    repo = await makeRepo(BASE_CONFIG, [webhook("deploy-alerts", "https://hooks.example.com/deploy", { project: undefined, projects: "*" })]);
    org.emulator.resetCounters();
    await expect(planRepository({ dir: repo.dir, org: org.org, env: org.env })).rejects.toThrow(/401/);
    expect(Object.keys(org.emulator.counters()).filter((route) => route.includes("/hooks/"))).toEqual([]);
    expect(org.emulator.state.subscriptions()).toEqual([]);
  });
});

describe("organization-wide subscriptions", () => {
  const wide = (url: string) => webhook("all-updates", url, { project: undefined, organizationWide: true, eventType: "workitem.updated", publisherInputs: {} });

  it("are read from the list filtered to their kind, created without a project and then found again", async () => {
    org = await startOrganization();
    org.emulator.state.insert(handMade("https://project.example.com/hook", WEBSITE, "workitem.updated"));
    repo = await makeRepo(BASE_CONFIG, [wide("https://hooks.example.com/all")]);
    org.emulator.resetCounters();
    const first = await plan();
    expect(listings(org.emulator.counters())).toEqual({ "GET /_apis/projects": 1, "GET /_apis/hooks/subscriptions": 1 });
    expect(first.plan.changes.map((change) => [change.action, change.name, change.organizationWide, change.project])).toEqual([
      ["create", "all-updates", true, undefined],
    ]);
    expect(first.plan.changes[0]?.body?.publisherInputs).toEqual({});
    expect(renderText(first.plan, { color: false })).toContain("+ all-updates (organization-wide) will be created");

    const applied = await applyRepository({ dir: repo.dir, org: org.org, env: org.env });
    expect(applied.kind).toBe("applied");
    const created = org.emulator.state.subscriptions().find((subscription) => subscription.consumerInputs.url === "https://hooks.example.com/all");
    expect(created?.publisherInputs.projectId).toBeUndefined();
    const again = await plan();
    expect(again.plan.changes).toEqual([]);
    expect(again.plan.refusals).toEqual([]);
  });

  it("are pruned only with prune.scope.organizationWide, which reads the whole list", async () => {
    org = await startOrganization();
    const stray = org.emulator.state.insert(handMade("https://stray.example.com/hook", undefined, "git.push"), { createdBy: DEFAULT_USER });
    repo = await makeRepo({ ...BASE_CONFIG, prune: { enabled: true } }, [
      webhook("site", "https://site.example.com/hook"),
      wide("https://hooks.example.com/all"),
    ]);
    const without = await plan();
    expect(without.plan.changes.map((change) => [change.action, change.name])).toEqual([
      ["create", "all-updates"],
      ["create", "site"],
    ]);

    await repo.writeConfig({ ...BASE_CONFIG, prune: { enabled: true, scope: { organizationWide: true } } });
    org.emulator.resetCounters();
    const withWide = await plan();
    expect(listings(org.emulator.counters())).toMatchObject({ "GET /_apis/hooks/subscriptions": 1, "GET /vsrm/_apis/hooks/subscriptions": 1 });
    const deletes = withWide.plan.changes.filter((change) => change.action === "delete");
    expect(deletes.map((change) => [change.liveId, change.organizationWide])).toEqual([[stray.id, true]]);
    expect(renderText(withWide.plan, { color: false })).toContain("- git.push -> webHooks (stray.example.com) (organization-wide) will be deleted");
  });

  it("a failed organization-wide listing withholds the organization-wide changes only", async () => {
    org = await startOrganization({ faults: { failNext: [{ status: 401, count: 10, route: "GET /_apis/hooks/subscriptions" }] } });
    repo = await makeRepo(BASE_CONFIG, [webhook("site", "https://site.example.com/hook"), wide("https://hooks.example.com/all")]);
    const run = await plan();
    expect(run.plan.changes.map((change) => [change.action, change.name])).toEqual([["create", "site"]]);
    expect(run.plan.refusals).toHaveLength(1);
    expect(run.plan.refusals[0]).toMatch(
      /^The subscriptions of the organization-wide list \(subscriptions without a project\) of the default host \(http:\/\/127\.0\.0\.1:\d+\/fabrikam\) could not be listed: .*withheld \(create "all-updates"\)/,
    );
  });
});
