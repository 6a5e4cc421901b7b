import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../src/emulator/index.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";
import { ADO_TOKEN, GITHUB_TOKEN, HOOK_PASSWORD, ROOT_CONFIG, SECRETS, seedLive, startTestEmulator, websiteHooks, type SeededLive } from "./fixtures.js";
import { leakedSecrets, makeWorkspace, runAction, RUN_URL, type RunOptions, type Workspace } from "./harness.js";

const PR = 7;
const MARKER = "<!-- hookops-plan:hookops.yaml -->";

let emulator: EmulatorHandle;
let github: FakeGitHub;
let workspace: Workspace;
let live: SeededLive;

beforeEach(async () => {
  emulator = await startTestEmulator();
  github = await startFakeGitHub();
  live = seedLive(emulator);
  workspace = await makeWorkspace({ "hookops.yaml": ROOT_CONFIG, "hooks/website.yaml": websiteHooks(live.deploysId) });
});
afterEach(async () => {
  await Promise.all([emulator.close(), github.close(), workspace.cleanup()]);
});

function planOnPullRequest(extra: Partial<RunOptions> = {}): Promise<Awaited<ReturnType<typeof runAction>>> {
  return runAction({
    workspace,
    eventName: "pull_request",
    pullRequest: { number: PR },
    githubApiUrl: github.url,
    inputs: {
      command: "plan",
      path: ".",
      token: ADO_TOKEN,
      organization: emulator.url,
      "github-token": GITHUB_TOKEN,
      comment: "true",
      "detailed-exitcode": "false",
    },
    env: { WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD },
    ...extra,
  });
}

function seedOtherComments(count: number): void {
  github.comments.set(
    PR,
    Array.from({ length: count }, (_, index) => ({
      id: index + 1,
      body: index === 3 ? `> ${MARKER}\n> quoted by a reviewer` : `comment ${index}`,
      user: { login: "reviewer", type: "User" },
    })),
  );
}

describe("command: plan on a pull request", () => {
  it("posts one comment with the plan and edits that same comment on the next push", async () => {
    seedOtherComments(120); // the plan comment lands on the second page of 100

    const first = await planOnPullRequest();
    expect(first.stderr).toBe("");
    expect(first.exitCode).toBe(0);
    const posts = github.calls.filter((call) => call.method === "POST");
    expect(posts).toHaveLength(1);
    const comments = github.comments.get(PR) ?? [];
    expect(comments).toHaveLength(121);
    const planComment = comments.at(-1);
    const body = planComment?.body ?? "";
    expect(body.startsWith(`${MARKER}\n`)).toBe(true);
    expect(body).toContain("**Plan: 1 to create, 1 to update, 1 to replace, 1 to delete.**");
    expect(body).toContain("> [!WARNING]\n> This plan deletes 1 subscription and replaces 1 subscription");
    expect(body).toMatch(/<details><summary><code>\+<\/code> <b>website-pr-created<\/b> \(WebSite\) will be created<\/summary>/);
    expect(body).toContain('- consumerInputs.messagesToSend: "text"\n+ consumerInputs.messagesToSend: "none"');
    expect(body).toContain('- consumerInputs.url: "https://deploys.example.com/v1"  # forces replacement');
    expect(body).toContain(`# id: ${live.retiredId}`);
    expect(body).toContain("#### Unhealthy subscriptions");
    expect(body).toContain(`[View the workflow run](${RUN_URL})`);
    expect(github.calls.every((call) => call.authorization === `token ${GITHUB_TOKEN}`)).toBe(true);

    expect(first.outputs["has-changes"]).toBe("true");
    expect([first.outputs.creates, first.outputs.updates, first.outputs.deletes]).toEqual(["1", "1", "1"]);
    const planJson = JSON.parse(first.outputs["plan-json"] ?? "{}") as { formatVersion?: number; changes?: { action: string; name: string }[] };
    expect(planJson.formatVersion).toBe(1);
    expect(planJson.changes?.map((change) => change.action).sort()).toEqual(["create", "delete", "replace", "update"]);
    expect(first.summary).toContain("**Plan: 1 to create, 1 to update, 1 to replace, 1 to delete.**");
    expect(first.summary).not.toContain(MARKER);
    expect(first.stdout).toContain("Plan comment created on pull request #7");

    // The next push drops the new subscription: the same comment now shows three changes.
    await workspace.write("hooks/website.yaml", websiteHooks(live.deploysId, { withCreate: false }));
    github.calls.length = 0;
    const second = await planOnPullRequest();
    expect(second.exitCode).toBe(0);
    expect(github.calls.filter((call) => call.method === "POST")).toHaveLength(0);
    const patches = github.calls.filter((call) => call.method === "PATCH");
    expect(patches.map((call) => call.path)).toEqual([`/repos/fabrikam/hooks/issues/comments/${planComment?.id}`]);
    const pagesRead = github.calls.filter((call) => call.method === "GET").length;
    expect(pagesRead).toBe(2);
    expect(github.comments.get(PR)).toHaveLength(121);
    expect(github.comments.get(PR)?.at(-1)?.body).toContain("**Plan: 0 to create, 1 to update, 1 to replace, 1 to delete.**");
    expect(second.outputs.creates).toBe("0");

    // Planning changed nothing in Azure DevOps.
    expect(emulator.state.subscriptions()).toHaveLength(4);
    for (const run of [first, second]) expect(leakedSecrets(run.everything, SECRETS)).toEqual([]);
    expect(
      leakedSecrets(
        [...github.comments.values()]
          .flat()
          .map((comment) => comment.body)
          .join("\n"),
        SECRETS,
      ),
    ).toEqual([]);
  });

  it("keeps a plan too long for one comment under 65,536 characters and points to the job summary", async () => {
    const many = Array.from(
      { length: 300 },
      (_, index) => `  - name: website-build-${String(index).padStart(3, "0")}
    project: WebSite
    eventType: build.complete
    resourceVersion: "1.0"
    publisherInputs: { buildStatus: Failed, definitionName: "WebSite.Build.${index}" }
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs:
      url: https://builds.example.com/notify/${"x".repeat(120)}/${index}
`,
    ).join("\n");
    await workspace.write("hooks/many.yaml", `subscriptions:\n${many}`);
    const run = await planOnPullRequest();
    expect(run.exitCode).toBe(0);
    const body = github.comments.get(PR)?.[0]?.body ?? "";
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body.length).toBeGreaterThan(50_000);
    expect(body).toMatch(
      /more changes and the rest of the plan are not shown: the comment would exceed 65536 characters\. The full plan is in the \[job summary\]\(https:\/\/github\.com\/fabrikam\/hooks\/actions\/runs\/4242\)/,
    );
    expect(body).toContain(`[View the workflow run](${RUN_URL})`);
    expect(run.summary).toContain("website-build-299");
    expect(run.summary).toContain("website-build-000");
    expect(run.outputs.creates).toBe("301");
  });

  it("plans with validation warnings: annotated, counted in the comment, listed in the summary", async () => {
    const run = await planOnPullRequest({ env: {} });
    expect(run.exitCode).toBe(0);
    expect(run.annotations).toEqual([
      expect.objectContaining({ kind: "warning", properties: expect.objectContaining({ file: "hooks/website.yaml", line: "14", col: "26" }) as unknown }),
    ]);
    const body = github.comments.get(PR)?.[0]?.body ?? "";
    expect(body).toContain("**Plan: 1 to create, 1 to update, 1 to replace, 1 to delete.**");
    expect(body.trimEnd().endsWith(`> 1 validation warning (see the annotations and the [job summary](${RUN_URL})).`)).toBe(true);
    expect(run.summary).toContain("#### Validation warnings");
    expect(run.summary).toContain("environment variable WEBSITE_HOOK_PASSWORD is not set");
  });

  it("replaces the last plan comment when the plan cannot be made", async () => {
    await planOnPullRequest();
    emulator.setFaults({ failNext: [{ status: 401, count: 1000, route: "GET /_apis/connectionData" }] });
    const failed = await planOnPullRequest();
    expect(failed.exitCode).toBe(1);
    const comments = github.comments.get(PR) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toMatch(/^<!-- hookops-plan:hookops.yaml -->\n\n### hookops: the plan for `hookops.yaml` failed/);
    expect(comments[0]?.body).not.toContain("Plan:");
    expect(failed.stdout).toMatch(/^::error::.*401/m);
    expect(leakedSecrets(failed.everything + comments[0]?.body, SECRETS)).toEqual([]);
  });
});

describe("drift checks", () => {
  it("detailed-exitcode fails the step while changes are pending and passes once live state matches", async () => {
    const drift = (): ReturnType<typeof runAction> =>
      runAction({
        workspace,
        eventName: "schedule",
        inputs: { command: "plan", token: ADO_TOKEN, organization: emulator.url, "detailed-exitcode": "true" },
        env: { WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD },
      });
    const pending = await drift();
    expect(pending.exitCode).toBe(1);
    expect(pending.stdout).toContain("::error::Plan: 1 to create, 1 to update, 1 to replace, 1 to delete. (detailed-exitcode: pending changes fail this step)");
    expect(pending.outputs["has-changes"]).toBe("true");

    const apply = await runAction({
      workspace,
      eventName: "push",
      inputs: { command: "apply", token: ADO_TOKEN, organization: emulator.url },
      env: { WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD },
    });
    expect(apply.exitCode).toBe(0);

    const clean = await drift();
    expect(clean.exitCode).toBe(0);
    expect(clean.outputs["has-changes"]).toBe("false");
    expect(clean.summary).toContain("No changes. Live subscriptions match the configuration.");
  });
});
