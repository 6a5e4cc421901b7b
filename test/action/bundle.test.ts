// The committed bundle as the runner starts it: rebuilt from the sources first (`npm run
// build:action`; esbuild output is deterministic, so a current dist/index.js stays byte for byte
// the same and CI's dist/ check still sees a stale commit), then run once as a separate process.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../src/emulator/index.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";
import { ADO_TOKEN, GITHUB_TOKEN, HOOK_PASSWORD, ROOT_CONFIG, SECRETS, seedLive, startTestEmulator, websiteHooks } from "./fixtures.js";
import { leakedSecrets, makeWorkspace, runBundle, RUN_URL, type Workspace } from "./harness.js";

const PR = 3;

let emulator: EmulatorHandle;
let github: FakeGitHub;
let workspace: Workspace;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, ["scripts/build-action.mjs"], { timeout: 60_000 });
  emulator = await startTestEmulator();
  github = await startFakeGitHub();
  const live = seedLive(emulator);
  workspace = await makeWorkspace({ "hookops.yaml": ROOT_CONFIG, "hooks/website.yaml": websiteHooks(live.deploysId) });
}, 60_000);
afterAll(async () => {
  await Promise.all([emulator?.close(), github?.close(), workspace?.cleanup()]);
});

describe("dist/index.js, rebuilt, in its own process", () => {
  it("plans a pull request: comment, job summary, outputs, masks, exit 0 and nothing on stderr", async () => {
    const run = await runBundle({
      workspace,
      eventName: "pull_request",
      pullRequest: { number: PR },
      githubApiUrl: github.url,
      inputs: { command: "plan", token: ADO_TOKEN, organization: emulator.url, "github-token": GITHUB_TOKEN },
      env: { WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD },
    });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`::add-mask::${ADO_TOKEN}`);
    expect(run.stdout).toContain(`Plan comment created on pull request #${PR}`);
    const comment = github.comments.get(PR)?.[0]?.body ?? "";
    expect(comment.startsWith("<!-- hookops-plan:hookops.yaml -->\n")).toBe(true);
    expect(comment).toContain("**Plan: 1 to create, 1 to update, 1 to replace, 1 to delete.**");
    expect(github.calls.find((call) => call.method === "POST")?.authorization).toBe(`token ${GITHUB_TOKEN}`);
    expect(run.summary).toContain("Plan: 1 to create, 1 to update, 1 to replace, 1 to delete.");
    expect(comment).toContain(RUN_URL);
    expect(run.outputs).toMatchObject({ "has-changes": "true", creates: "1", updates: "1", deletes: "1" });
    expect(JSON.parse(run.outputs["plan-json"] ?? "")).toMatchObject({ formatVersion: 1 });
    expect(leakedSecrets(run.everything, SECRETS)).toEqual([]);
  });
});
