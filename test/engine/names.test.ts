// Names instead of ids in filters: resolving them from lists (inline fixtures), showing them in
// plans, writing them back in exports, and what a failed lookup does to a plan.
import { afterEach, describe, expect, it } from "vitest";
import { NameLookupError } from "../../src/engine/names/index.js";
import { ResourceLists, distinctLists } from "../../src/engine/names/lists.js";
import { neededLists, resolveNames, type NameContext } from "../../src/engine/names/resolve.js";
import { exportedName, showResourceNames } from "../../src/engine/names/show.js";
import { planRepository } from "../../src/engine/plan.js";
import type { Plan } from "../../src/reconcile/index.js";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";
import { desired, MOBILE_ID, PROJECTS, WEBSITE_ID } from "../reconcile/builders.js";

const SITE_REPO = "1f2e3d4c-5b6a-4789-8abc-def012345678";
const DOCS_REPO = "2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d";
const MOBILE_REPO = "3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d7e";

function lists(): ResourceLists {
  const result = new ResourceLists();
  result.addRepositories(WEBSITE_ID, [
    { id: SITE_REPO, name: "WebSite" },
    { id: DOCS_REPO, name: "WebSite.Docs" },
  ]);
  result.addRepositories(MOBILE_ID, [{ id: MOBILE_REPO, name: "WebSite" }]);
  result.addBuildDefinitions(WEBSITE_ID, [
    { id: 31, name: "Deploy", path: "\\Services" },
    { id: 32, name: "Deploy", path: "\\Tools" },
    { id: 33, name: "WebSite.CI", path: "\\" },
    { id: 34, name: "1234", path: "\\" },
  ]);
  result.addReleaseDefinitions(WEBSITE_ID, [
    { id: 1, name: "Services", environments: [{ id: 6, name: "Production" }] },
    {
      id: 2,
      name: "Tools",
      environments: [
        { id: 7, name: "Test" },
        { id: 8, name: "Production" },
      ],
    },
  ]);
  return result;
}

const context = (env: Record<string, string> = {}): NameContext => ({
  projects: PROJECTS,
  resolveReference: (value) => value.replace(/\$\{env:(\w+)\}/g, (_, name: string) => env[name] ?? ""),
});

const push = (repository: string, overrides: Parameters<typeof desired>[0] = {}) =>
  desired({
    name: "pushed",
    eventType: "git.push",
    publisherInputs: { repository, branch: "refs/heads/main" },
    inputSources: { repository: { file: "hooks/site.yaml", line: 7, column: 19 } },
    ...overrides,
  });

const pipeline = (pipelineId: string) =>
  desired({ name: "run", publisherId: "pipelines", eventType: "ms.vss-pipelines.run-state-changed-event", publisherInputs: { pipelineId } });

const deployment = (releaseDefinitionId: string, releaseEnvironmentId: string) =>
  desired({
    name: "deployed",
    publisherId: "rm",
    eventType: "ms.vss-release.deployment-completed-event",
    publisherInputs: { releaseDefinitionId, releaseEnvironmentId },
  });

function resolvedInputs(subscription: ReturnType<typeof desired>, env: Record<string, string> = {}) {
  const result = resolveNames([subscription], lists(), context(env));
  return {
    inputs: result.subscriptions[0]?.publisherInputs,
    findings: result.findings.map((finding) => `${finding.line}:${finding.column} ${finding.rule}: ${finding.message}`),
  };
}

describe("resolving names to ids", () => {
  it("puts the id of a named repository in place, in the subscription's own project, case-insensitively", () => {
    expect(resolvedInputs(push("website.docs")).inputs).toEqual({ repository: DOCS_REPO, branch: "refs/heads/main" });
    expect(resolvedInputs(push("WebSite", { project: "Mobile" })).inputs?.repository).toBe(MOBILE_REPO);
    expect(resolvedInputs(push("WebSite", { project: WEBSITE_ID })).inputs?.repository).toBe(SITE_REPO);
  });

  it("leaves ids, empty filters, unknown projects and filters that take no name as written", () => {
    const subscriptions = [push(DOCS_REPO.toUpperCase()), push(""), push("WebSite", { project: "Nowhere" }), desired()];
    const result = resolveNames(subscriptions, lists(), context());
    expect(result.subscriptions).toEqual(subscriptions);
    expect(result.findings).toEqual([]);
    expect(neededLists(subscriptions, context())).toEqual([]);
  });

  it("resolves a name given by a reference, and leaves a reference that holds an id", () => {
    expect(resolvedInputs(push("${env:REPO}"), { REPO: "WebSite.Docs" }).inputs?.repository).toBe(DOCS_REPO);
    expect(resolvedInputs(push("${env:REPO}"), { REPO: SITE_REPO }).inputs?.repository).toBe("${env:REPO}");
  });

  it("reports a name that matches nothing at the filter's line, with the closest names", () => {
    expect(resolvedInputs(push("WebSite.Doc")).findings).toEqual([
      '7:19 unresolved-name: filter "repository": project "WebSite" has no Git repository named "WebSite.Doc". Did you mean "WebSite.Docs"?',
    ]);
    // Nothing close: the few there are.
    expect(resolvedInputs(pipeline("Nightly")).findings).toEqual([
      '2:5 unresolved-name: filter "pipelineId": project "WebSite" has no pipeline named "Nightly". Its pipelines: "1234", "Deploy" and "WebSite.CI".',
    ]);
  });

  it("refuses a name on an organization-wide subscription: there is no project to look it up in", () => {
    expect(resolvedInputs(push("WebSite", { project: "", organizationWide: true })).findings).toEqual([
      '7:19 unresolved-name: filter "repository": "WebSite" is a name, and names are looked up in the subscription\'s project; an organization-wide subscription gives the id.',
    ]);
  });

  it("refuses a name shared by two pipelines, and takes the folder and name that tell them apart", () => {
    expect(resolvedInputs(pipeline("Deploy")).findings).toEqual([
      '2:5 ambiguous-name: filter "pipelineId": "Deploy" names 2 pipelines of project "WebSite": "\\Services\\Deploy" (id 31) and "\\Tools\\Deploy" (id 32); write its folder and name as listed, or its id.',
    ]);
    expect(resolvedInputs(pipeline("\\Tools\\Deploy")).inputs?.pipelineId).toBe("32");
    expect(resolvedInputs(pipeline("services\\deploy")).inputs?.pipelineId).toBe("31");
    expect(resolvedInputs(pipeline("\\WebSite.CI")).inputs?.pipelineId).toBe("33");
    // A number is an id, even where a pipeline has that name; "\1234" (in the root folder) names it.
    expect(resolvedInputs(pipeline("1234")).inputs?.pipelineId).toBe("1234");
    expect(resolvedInputs(pipeline("\\1234")).inputs?.pipelineId).toBe("34");
  });

  it("finds a stage within the release pipeline the subscription names, by name or id", () => {
    expect(resolvedInputs(deployment("Tools", "Production")).inputs).toEqual({ releaseDefinitionId: "2", releaseEnvironmentId: "8" });
    expect(resolvedInputs(deployment("1", "production")).inputs).toEqual({ releaseDefinitionId: "1", releaseEnvironmentId: "6" });
    expect(resolvedInputs(deployment("", "Test")).inputs).toEqual({ releaseDefinitionId: "", releaseEnvironmentId: "7" });
    expect(resolvedInputs(deployment("", "Production")).findings).toEqual([
      '2:5 ambiguous-name: filter "releaseEnvironmentId": "Production" names 2 release stages of project "WebSite": "Production" of "Services" (id 6) and "Production" of "Tools" (id 8); set "releaseDefinitionId" to say which release pipeline, or write the stage id.',
    ]);
    expect(resolvedInputs(deployment("Services", "Test")).findings).toEqual([
      '2:5 unresolved-name: filter "releaseEnvironmentId": release pipeline "Services" of project "WebSite" has no release stage named "Test". Its release stages: "Production".',
    ]);
    // The release pipeline's own error is the one reported.
    expect(resolvedInputs(deployment("Tols", "Production")).findings).toEqual([
      '2:5 unresolved-name: filter "releaseDefinitionId": project "WebSite" has no release pipeline named "Tols". Did you mean "Tools"?',
    ]);
  });

  it("needs one list per kind and project, however many subscriptions use names", () => {
    const subscriptions = [
      ...Array.from({ length: 50 }, (_, index) => push("WebSite", { name: `push-${index}` })),
      push("WebSite", { project: "mobile" }),
      pipeline("Deploy"),
      deployment("Tools", "Production"),
      deployment("1", "Production"),
    ];
    expect(distinctLists(neededLists(subscriptions, context()))).toEqual([
      { kind: "buildDefinition", projectId: WEBSITE_ID },
      { kind: "releaseDefinition", projectId: WEBSITE_ID },
      { kind: "repository", projectId: WEBSITE_ID },
      { kind: "repository", projectId: MOBILE_ID },
    ]);
  });
});

describe("names in plans and exports", () => {
  it("shows the name beside an id the run looked up; the body keeps the id", () => {
    const body = {
      publisherId: "tfs",
      eventType: "git.push",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      consumerInputs: {},
      publisherInputs: {},
    };
    const plan: Plan = {
      formatVersion: 1,
      organization: "fabrikam",
      createdAt: "2025-01-01T00:00:00Z",
      changes: [
        {
          action: "update",
          name: "pushed",
          projectId: WEBSITE_ID,
          host: "default",
          publisherId: "tfs",
          eventType: "git.push",
          consumerId: "webHooks",
          consumerActionId: "httpRequest",
          reasons: [],
          fields: [
            { field: "publisherInputs.repository", before: SITE_REPO, after: DOCS_REPO },
            { field: "publisherInputs.branch", before: "refs/heads/main", after: "refs/heads/dev" },
          ],
          body: { ...body, publisherInputs: { repository: DOCS_REPO } },
        },
      ],
      noop: 0,
      unmanaged: [],
      unhealthy: [],
      warnings: [],
      refusals: [],
      fingerprint: [],
    };
    const shown = showResourceNames(plan, lists());
    expect(shown.changes[0]?.fields).toEqual([
      { field: "publisherInputs.repository", before: `WebSite (id ${SITE_REPO})`, after: `WebSite.Docs (id ${DOCS_REPO})` },
      { field: "publisherInputs.branch", before: "refs/heads/main", after: "refs/heads/dev" },
    ]);
    expect(shown.changes[0]?.body).toEqual(plan.changes[0]?.body);
    expect(showResourceNames(plan, undefined)).toBe(plan);
  });

  it("exports a name only where plan resolves it back to exactly that id", () => {
    const subject = (eventType: string, publisherInputs: Record<string, string>) => ({ projectId: WEBSITE_ID, eventType, publisherInputs });
    const name = (eventType: string, inputId: string, publisherInputs: Record<string, string>) =>
      exportedName(lists(), subject(eventType, publisherInputs), inputId, publisherInputs[inputId] ?? "");
    expect(name("git.push", "repository", { repository: DOCS_REPO })).toBe("WebSite.Docs");
    expect(name("git.push", "repository", { repository: "4c5d6e7f-0000-4000-8000-000000000000" })).toBeUndefined();
    expect(name("ms.vss-pipelines.run-state-changed-event", "pipelineId", { pipelineId: "33" })).toBe("WebSite.CI");
    expect(name("ms.vss-pipelines.run-state-changed-event", "pipelineId", { pipelineId: "32" })).toBe("\\Tools\\Deploy");
    // Its name alone would read as an id; with its (root) folder it is a name.
    expect(name("ms.vss-pipelines.run-state-changed-event", "pipelineId", { pipelineId: "34" })).toBe("\\1234");
    const stage = "ms.vss-release.deployment-completed-event";
    expect(name(stage, "releaseEnvironmentId", { releaseDefinitionId: "2", releaseEnvironmentId: "8" })).toBe("Production");
    expect(name(stage, "releaseEnvironmentId", { releaseDefinitionId: "", releaseEnvironmentId: "8" })).toBeUndefined();
    expect(name(stage, "releaseEnvironmentId", { releaseDefinitionId: "", releaseEnvironmentId: "7" })).toBe("Test");
    expect(name("build.complete", "definitionName", { definitionName: "33" })).toBeUndefined();
  });
});

describe("a lookup that fails", () => {
  let org: Organization | undefined;
  let repo: Repo | undefined;
  afterEach(async () => {
    await org?.emulator.close();
    await repo?.cleanup();
    org = undefined;
    repo = undefined;
  });

  it("refuses the plan after the retries, naming what could not be read", async () => {
    const route = "GET /{project}/_apis/build/definitions";
    org = await startOrganization({ faults: { failNext: [{ status: 503, count: 100, route }] } });
    const run = webhook("run", "https://hooks.example.com/run", {
      eventType: "ms.vss-pipelines.run-state-changed-event",
      resourceVersion: "5.1-preview.1",
      publisherInputs: { pipelineId: "WebSite.CI" },
    });
    repo = await makeRepo(BASE_CONFIG, [run]);
    const transport = { sleep: async () => undefined };
    const planned = planRepository({ dir: repo.dir, org: org.org, env: org.env, transport });
    await expect(planned).rejects.toThrow(NameLookupError);
    await expect(planned).rejects.toThrow(/reading the pipelines of project "WebSite" \(.*HTTP 503.*\) failed; nothing was planned or changed\.$/);
    // The first try and its four retries: one list, never a second.
    expect(org.emulator.counters()[route]).toBe(5);
    expect(org.emulator.state.subscriptions()).toEqual([]);
  });
});
