import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../src/emulator/index.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";
import { ADO_TOKEN, GITHUB_TOKEN, HOOK_PASSWORD, ROOT_CONFIG, SECRETS, seedLive, startTestEmulator, websiteHooks } from "./fixtures.js";
import { leakedSecrets, makeWorkspace, runAction, type RunOptions, type Workspace } from "./harness.js";

const PR = 12;
const LITERAL_PASSWORD = "literal-Secret-Pw-991";

let emulator: EmulatorHandle;
let github: FakeGitHub;
let workspace: Workspace;

beforeEach(async () => {
  emulator = await startTestEmulator();
  github = await startFakeGitHub();
  const { deploysId } = seedLive(emulator);
  workspace = await makeWorkspace({ "hookops.yaml": ROOT_CONFIG, "hooks/website.yaml": websiteHooks(deploysId) });
  emulator.resetCounters();
});
afterEach(async () => {
  await Promise.all([emulator.close(), github.close(), workspace.cleanup()]);
});

/** 12 unknown event types and a literal password (13 errors), 12 unset secret references (12 warnings). */
function invalidHooks(): string {
  const entries = Array.from(
    { length: 12 },
    (_, index) => `  - name: bad-${index}
    project: WebSite
    eventType: build.completed
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs:
      url: https://hooks.example.com/${index}
      basicAuthUsername: ado
      basicAuthPassword: \${env:MISSING_PASSWORD_${index}}
`,
  );
  entries.push(`  - name: literal
    project: WebSite
    eventType: build.complete
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs:
      url: https://hooks.example.com/literal
      basicAuthUsername: ado
      basicAuthPassword: ${LITERAL_PASSWORD}
`);
  return `subscriptions:\n${entries.join("\n")}`;
}

function planOnPullRequest(options: Partial<RunOptions> & { inputs?: Record<string, string> } = {}): ReturnType<typeof runAction> {
  return runAction({
    workspace,
    eventName: "pull_request",
    pullRequest: { number: PR },
    githubApiUrl: github.url,
    env: { WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD },
    ...options,
    inputs: { command: "plan", organization: emulator.url, "github-token": GITHUB_TOKEN, ...options.inputs },
  });
}

describe("invalid configuration", () => {
  it("annotates the first 10 errors and 10 warnings on file, line and column, and lists all of them in the comment and summary", async () => {
    await workspace.write("hooks/website.yaml", invalidHooks());
    const run = await planOnPullRequest({ inputs: { token: ADO_TOKEN } });

    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("::error::Validation failed: 13 errors, 12 warnings. No plan was made.");
    const located = run.annotations.filter((annotation) => annotation.properties.file !== undefined);
    expect(located.filter((annotation) => annotation.kind === "error")).toHaveLength(10);
    expect(located.filter((annotation) => annotation.kind === "warning")).toHaveLength(10);
    expect(located[0]).toEqual({
      kind: "error",
      properties: { title: "hookops: unknown-event-type", file: "hooks/website.yaml", line: "4", col: "16" },
      message: 'unknown eventType "build.completed". Did you mean "build.complete"?',
    });
    // core.error writes the title first: `::error title=…,file=…,line=…,col=…::message`.
    expect(run.stdout).toMatch(/^::error title=hookops%3A unknown-event-type,file=hooks\/website\.yaml,line=4,col=16::unknown eventType/m);
    expect(run.stdout).toContain("5 more findings not annotated");

    const body = github.comments.get(PR)?.[0]?.body ?? "";
    expect(body).toMatch(/^<!-- hookops-plan:hookops.yaml -->\n\n### hookops: validation failed for `hookops.yaml`\n\n\*\*13 errors, 12 warnings\.\*\*/);
    expect(body).toContain("| `hooks/website.yaml:130:26` | ❌ error | `secret-literal` |");
    expect(body).toContain("| `hooks/website.yaml:120:26` | ⚠️ warning | `unset-reference` |");
    expect(body).not.toContain("Plan:");
    expect(run.summary.match(/\| `hooks\/website\.yaml:\d+:\d+` \|/g)).toHaveLength(25);

    // Invalid configuration contacts nobody, and the literal password is shown nowhere.
    expect(emulator.counters()).toEqual({});
    expect(leakedSecrets(`${run.everything}\n${body}`, [...SECRETS, LITERAL_PASSWORD])).toEqual([]);
  });
});

describe("pull requests without Azure DevOps credentials", () => {
  it("from a fork: validates, comments that the plan needs credentials, and passes", async () => {
    // As the example workflow runs for a fork: secrets and `vars` come through empty.
    const run = await planOnPullRequest({
      pullRequest: { number: PR, headRepo: "contributor/hooks" },
      env: { WEBSITE_HOOK_PASSWORD: "" },
      inputs: { organization: "", "azure-client-id": "", "azure-tenant-id": "" },
    });
    expect(run.exitCode).toBe(0);
    const body = github.comments.get(PR)?.[0]?.body ?? "";
    expect(body).toMatch(/^<!-- hookops-plan:hookops.yaml -->\n\n### hookops: validation passed for `hookops.yaml`/);
    expect(body).toContain("**3 subscriptions valid, 1 warning.** The plan needs Azure DevOps credentials and was not made.");
    expect(body).toContain("comes from a fork");
    expect(body).toContain("environment variable WEBSITE_HOOK_PASSWORD is not set");
    expect(run.annotations.map((annotation) => annotation.kind)).toEqual(["warning", "notice"]);
    expect(run.outputs["has-changes"]).toBeUndefined();
    expect(emulator.counters()).toEqual({});
  });

  it("from a fork whose token cannot comment: warns and still passes, the summary has the result", async () => {
    await github.close();
    github = await startFakeGitHub({ readOnly: true });
    const run = await planOnPullRequest({ pullRequest: { number: PR, headRepo: "contributor/hooks" }, githubApiUrl: github.url });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^::warning::Could not post the plan comment on pull request #12 \(HTTP 403\).*read-only token/m);
    expect(run.summary).toContain("validation passed");
    expect(github.comments.get(PR) ?? []).toEqual([]);
  });

  it("from this repository: comments, then fails the step saying which input is missing", async () => {
    const run = await planOnPullRequest();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error::No Azure DevOps credential: pass the `token` input/m);
    expect(github.comments.get(PR)?.[0]?.body).toContain("The plan needs Azure DevOps credentials and was not made.");
  });

  it("with azure-client-id but no OIDC token: tells to add permissions id-token: write", async () => {
    const run = await runAction({
      workspace,
      eventName: "push",
      inputs: {
        command: "plan",
        organization: emulator.url,
        "azure-client-id": "11111111-2222-3333-4444-555555555555",
        "azure-tenant-id": "contoso.onmicrosoft.com",
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error::.*add `permissions: id-token: write` to the job/m);
  });
});
