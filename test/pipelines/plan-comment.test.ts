// `hookops plan --comment` in an Azure Pipelines pull request build, end to end against the
// emulator: the plan thread, the pull request status, the build summary and the build issues.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_USER, SEEDED_PROJECTS } from "../../src/emulator/index.js";
import { projectResources } from "../../src/emulator/state/resources.js";
import { runCli } from "../cli/helpers.js";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";

const JOB_TOKEN = "job-token-0123456789";
const BUILD_SERVICE = {
  token: JOB_TOKEN,
  kind: "bearer" as const,
  id: "8a1e0f52-3c7d-4b9e-a6f1-2d5c8e7b0a93",
  displayName: "WebSite Build Service (fabrikam)",
  uniqueName: "Build\\b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51",
  servicePrincipal: true,
};
const WEBSITE = SEEDED_PROJECTS.find((project) => project.name === "WebSite") ?? SEEDED_PROJECTS[0];
const REPOSITORY_ID = WEBSITE === undefined ? "" : (projectResources(WEBSITE).repositories[0]?.id ?? "");
const PULL_REQUEST = 7;
const THREADS_ROUTE = "POST /{project}/_apis/git/repositories/{repositoryId}/pullRequests/{pullRequestId}/threads";

let org: Organization | undefined;
let repo: Repo | undefined;
let temp: string | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  if (temp !== undefined) await rm(temp, { recursive: true, force: true });
  org = repo = temp = undefined;
});

async function setUp(subscriptions: Record<string, unknown>[]): Promise<{ org: Organization; repo: Repo; env: Record<string, string> }> {
  org = await startOrganization({ users: [BUILD_SERVICE, DEFAULT_USER] });
  repo = await makeRepo(BASE_CONFIG, subscriptions);
  temp = await mkdtemp(path.join(tmpdir(), "hookops-agent-"));
  const env = {
    TF_BUILD: "True",
    SYSTEM_COLLECTIONURI: `${org.emulator.url}/`,
    SYSTEM_TEAMPROJECTID: WEBSITE?.id ?? "",
    SYSTEM_TEAMPROJECT: "WebSite",
    BUILD_REPOSITORY_ID: REPOSITORY_ID,
    BUILD_REPOSITORY_PROVIDER: "TfsGit",
    SYSTEM_PULLREQUEST_PULLREQUESTID: String(PULL_REQUEST),
    SYSTEM_PULLREQUEST_ISFORK: "False",
    SYSTEM_ACCESSTOKEN: JOB_TOKEN,
    BUILD_SOURCESDIRECTORY: repo.dir,
    BUILD_BUILDID: "42",
    AGENT_TEMPDIRECTORY: temp,
  };
  return { org, repo, env };
}

/** What the pull request shows, read through the API as the web UI reads it. */
async function pullRequestView(
  organization: Organization,
): Promise<{ threads: { id: number; comments: { id: number; content: string }[] }[]; statuses: Record<string, unknown>[] }> {
  const base = `${organization.emulator.url}/${WEBSITE?.id}/_apis/git/repositories/${REPOSITORY_ID}/pullRequests/${PULL_REQUEST}`;
  const get = async (what: string) => {
    const response = await fetch(`${base}/${what}?api-version=7.1`, { headers: { authorization: `Bearer ${JOB_TOKEN}` } });
    expect(response.status).toBe(200);
    return ((await response.json()) as { value: never[] }).value;
  };
  return { threads: await get("threads"), statuses: await get("statuses") };
}

/** Someone else's thread on the pull request. */
async function postThread(organization: Organization, content: string): Promise<void> {
  const url = `${organization.emulator.url}/WebSite/_apis/git/repositories/${REPOSITORY_ID}/pullRequests/${PULL_REQUEST}/threads?api-version=7.1`;
  const body = JSON.stringify({ comments: [{ parentCommentId: 0, content, commentType: 1 }], status: 1 });
  const response = await fetch(url, { method: "POST", body, headers: { authorization: `Bearer ${JOB_TOKEN}`, "content-type": "application/json" } });
  expect(response.status).toBe(200);
}

function plan(dir: string, env: Record<string, string>, extra: string[] = ["--comment"]) {
  return runCli(["plan", dir, "--org", org?.emulator.url ?? "", ...extra], { cwd: dir, env });
}

describe("plan --comment in an Azure Pipelines pull request build", () => {
  it("posts one plan thread, edits it on the next run, sets the status and writes the build summary", async () => {
    const { org, repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook")]);
    const first = await plan(repo.dir, env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const summaryFile = path.join(env.AGENT_TEMPDIRECTORY ?? "", "hookops-plan-hookops.yaml.md");
    expect(first.stdout).toContain(`##vso[task.uploadsummary]${summaryFile}\n`);
    expect(first.stdout).toMatch(/hookops: plan thread created on pull request 7 \(thread \d+\)/);
    expect(await readFile(summaryFile, "utf8")).toContain("Plan: 1 to create, 0 to update, 0 to replace, 0 to delete.");

    let view = await pullRequestView(org);
    expect(view.threads).toHaveLength(1);
    const [thread] = view.threads;
    expect(thread?.comments[0]?.content.startsWith("<!-- hookops-plan:hookops.yaml -->\n")).toBe(true);
    expect(thread?.comments[0]?.content).toContain("<b>website-ci</b> (WebSite) will be created");
    expect(thread?.comments[0]?.content).toContain("/_build/results?buildId=42");
    expect(view.statuses).toMatchObject([
      {
        state: "pending",
        description: "hookops is planning this change.",
        context: { name: "plan", genre: "hookops" },
        targetUrl: expect.stringContaining("buildId=42"),
      },
      { state: "succeeded", description: "Plan: 1 to create, 0 to update, 0 to replace, 0 to delete.", context: { name: "plan", genre: "hookops" } },
    ]);

    // A thread quoting the plan, and the plan thread of another hookops.yaml, are not this plan's thread.
    await postThread(org, "> <!-- hookops-plan:hookops.yaml -->\n> quoted");
    await postThread(org, "<!-- hookops-plan:teams/web/hookops.yaml -->\nanother repository's plan");
    await repo.writeHooks([webhook("website-ci", "https://ci.example/hook"), webhook("website-nightly", "https://ci.example/nightly")]);
    const second = await plan(repo.dir, env);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(`hookops: plan thread updated on pull request 7 (thread ${thread?.id}).`);
    view = await pullRequestView(org);
    expect(view.threads.map((each) => each.comments[0]?.content.split("\n")[0])).toEqual([
      "<!-- hookops-plan:hookops.yaml -->",
      "> <!-- hookops-plan:hookops.yaml -->",
      "<!-- hookops-plan:teams/web/hookops.yaml -->",
    ]);
    expect(view.threads[0]?.comments[0]?.content).toContain("Plan: 2 to create");
    expect(view.statuses.at(-1)).toMatchObject({ state: "succeeded", description: "Plan: 2 to create, 0 to update, 0 to replace, 0 to delete." });
    expect(`${first.stdout}${second.stdout}${first.stderr}${second.stderr}`).not.toContain(JOB_TOKEN);
  });

  it("posts a thread of its own when the only thread with the marker is someone else's (it cannot be edited)", async () => {
    const { org, repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook")]);
    const other = "another-users-token";
    const added = await fetch(`${new URL(org.emulator.url).origin}/_emulator/identities`, {
      method: "POST",
      body: JSON.stringify({ token: other }),
      headers: { authorization: `Bearer ${JOB_TOKEN}`, "content-type": "application/json" },
    });
    expect(added.status).toBe(200);
    const url = `${org.emulator.url}/WebSite/_apis/git/repositories/${REPOSITORY_ID}/pullRequests/${PULL_REQUEST}/threads?api-version=7.1`;
    const body = JSON.stringify({ comments: [{ parentCommentId: 0, content: "<!-- hookops-plan:hookops.yaml -->\nnot hookops", commentType: 1 }], status: 1 });
    const posted = await fetch(url, { method: "POST", body, headers: { authorization: `Bearer ${other}`, "content-type": "application/json" } });
    expect(posted.status).toBe(200);
    const run = await plan(repo.dir, env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/hookops: plan thread created on pull request 7/);
    const view = await pullRequestView(org);
    expect(view.threads).toHaveLength(2);
    expect(view.threads[0]?.comments[0]?.content).toBe("<!-- hookops-plan:hookops.yaml -->\nnot hookops");
    expect(view.threads[1]?.comments[0]?.content).toContain("Plan: 1 to create");
  });

  it("edits every plan thread when two first runs at once each posted one, so none shows an old plan", async () => {
    const { org, repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook")]);
    await postThread(org, "<!-- hookops-plan:hookops.yaml -->\nan older plan");
    await postThread(org, "<!-- hookops-plan:hookops.yaml -->\nanother older plan");
    const run = await plan(repo.dir, env);
    expect(run.code).toBe(0);
    const view = await pullRequestView(org);
    expect(view.threads).toHaveLength(2);
    for (const thread of view.threads) expect(thread.comments[0]?.content).toContain("Plan: 1 to create");
    expect(run.stdout).toContain(`hookops: plan thread updated on pull request 7 (thread ${Math.min(...view.threads.map((thread) => thread.id))}).`);
  });

  it("reports invalid configuration as build issues, a failed status and a thread saying so", async () => {
    const { org, repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook", { eventType: "build.finished" })]);
    const run = await plan(repo.dir, env);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^##vso\[task\.logissue type=error;sourcepath=hooks\/hooks\.yaml;linenumber=\d+;columnnumber=\d+;code=hookops\/[\w-]+\].*build\.finished/m,
    );
    const view = await pullRequestView(org);
    expect(view.threads[0]?.comments[0]?.content).toContain("hookops: validation failed for `hookops.yaml`");
    expect(view.statuses).toMatchObject([{ state: "pending" }, { state: "failed", description: expect.stringMatching(/^Validation failed: 1 error/) }]);
  });

  it("replaces the plan with the failure when no plan could be made, so an old plan never looks current", async () => {
    const { org, repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook")]);
    expect((await plan(repo.dir, env)).code).toBe(0);
    const wrongOrganization = org.emulator.url.replace(/fabrikam$/, "contoso");
    const run = await runCli(["plan", repo.dir, "--org", wrongOrganization, "--comment"], { cwd: repo.dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("hookops: plan thread updated on pull request 7");
    const view = await pullRequestView(org);
    expect(view.threads).toHaveLength(1);
    expect(view.threads[0]?.comments[0]?.content).toContain("### hookops: the plan for `hookops.yaml` failed");
    expect(view.statuses.at(-1)).toMatchObject({ state: "failed", description: "The plan could not be made; see the build log." });
  });

  it("takes a refused thread post as a warning: the status and summary are still written, the exit code is the plan's", async () => {
    const { org, repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook")]);
    org.emulator.setFaults({ failNext: [{ status: 403, count: 1, route: THREADS_ROUTE }] });
    const run = await plan(repo.dir, env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^##vso\[task\.logissue type=warning\]hookops: could not post the plan on pull request 7 \(HTTP 403.*"Contribute to pull requests"/m,
    );
    expect(run.stdout).toContain("##vso[task.uploadsummary]");
    const view = await pullRequestView(org);
    expect(view.threads).toHaveLength(0);
    expect(view.statuses).toMatchObject([{ state: "pending" }, { state: "succeeded" }]);
  });

  it("without a mapped SYSTEM_ACCESSTOKEN writes the summary and says how to map the token", async () => {
    const { org, repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook")]);
    const { SYSTEM_ACCESSTOKEN: _unmapped, ...rest } = env;
    const run = await plan(repo.dir, { ...rest, AZURE_DEVOPS_TOKEN: DEFAULT_USER.token });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("##vso[task.uploadsummary]");
    expect(run.stdout).toContain("##vso[task.logissue type=warning]hookops: SYSTEM_ACCESSTOKEN is not set");
    expect(Object.keys(org.emulator.counters()).filter((route) => route.includes("pullRequests"))).toEqual([]);
  });

  it("does nothing of this without --comment, or with --comment outside a pull request build, and says why", async () => {
    const { org, repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook")]);
    const quiet = await plan(repo.dir, env, []);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain("##vso[");

    const { SYSTEM_PULLREQUEST_PULLREQUESTID: _none, ...ciBuild } = env;
    const onMain = await plan(repo.dir, ciBuild);
    expect(onMain.code).toBe(0);
    expect(onMain.stderr).toContain(
      "hookops: --comment: this build is not for a pull request (SYSTEM_PULLREQUEST_PULLREQUESTID is not set); nothing is posted.",
    );
    expect(onMain.stdout).not.toContain("##vso[");

    const laptop = await plan(repo.dir, { AZURE_DEVOPS_TOKEN: DEFAULT_USER.token });
    expect(laptop.code).toBe(0);
    expect(laptop.stderr).toContain("hookops: --comment: this is not an Azure Pipelines build (TF_BUILD is not True); nothing is posted.");

    const github = await plan(repo.dir, { ...env, BUILD_REPOSITORY_PROVIDER: "GitHub" });
    expect(github.stderr).toContain("the pull request is on GitHub, and hookops comments on Azure Repos pull requests only");
    expect(Object.keys(org.emulator.counters()).filter((route) => route.includes("pullRequests"))).toEqual([]);
  });

  it("keeps logging commands in stderr with --json, so stdout stays the plan", async () => {
    const { repo, env } = await setUp([webhook("website-ci", "https://ci.example/hook")]);
    const run = await plan(repo.dir, env, ["--comment", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ formatVersion: 1 });
    expect(run.stderr).toContain("##vso[task.uploadsummary]");
  });
});
