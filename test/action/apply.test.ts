import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../src/emulator/index.js";
import { ADO_TOKEN, HOOK_PASSWORD, ROOT_CONFIG, SECRETS, seedLive, startTestEmulator, websiteHooks, type SeededLive } from "./fixtures.js";
import { leakedSecrets, makeWorkspace, runAction, RUN_URL, type Workspace } from "./harness.js";

let emulator: EmulatorHandle;
let workspace: Workspace;
let live: SeededLive;

beforeEach(async () => {
  emulator = await startTestEmulator();
  live = seedLive(emulator);
  workspace = await makeWorkspace({ "hookops.yaml": ROOT_CONFIG, "hooks/website.yaml": websiteHooks(live.deploysId) });
});
afterEach(async () => {
  await Promise.all([emulator.close(), workspace.cleanup()]);
});

function applyOnPush(env: Record<string, string> = { WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD }): ReturnType<typeof runAction> {
  return runAction({ workspace, eventName: "push", inputs: { command: "apply", path: ".", token: ADO_TOKEN, organization: emulator.url }, env });
}

function liveUrls(): string[] {
  return emulator.state
    .subscriptions()
    .map((subscription) => subscription.consumerInputs.url ?? "")
    .sort();
}

describe("command: apply on push", () => {
  it("creates, updates, replaces and deletes in Azure DevOps and summarizes the results", async () => {
    const run = await applyOnPush();
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);

    expect(liveUrls()).toEqual([
      "https://alerts.example.com/ado/build-failed",
      "https://deploys.example.com/v2",
      "https://review-bot.example.com/hooks/pull-request",
      "https://teams.example.com/ado",
    ]);
    const ciFailed = emulator.state.get(live.ciFailedId);
    expect(ciFailed?.consumerInputs.messagesToSend).toBe("none");
    // The secret was resolved from the environment and sent, never shown.
    expect(ciFailed?.consumerInputs.basicAuthPassword).toBe(HOOK_PASSWORD);
    expect(emulator.state.get(live.deploysId)).toBeUndefined();
    expect(emulator.state.get(live.retiredId)).toBeUndefined();

    expect(run.summary).toMatch(
      /^### hookops apply for `http:\/\/127\.0\.0\.1:\d+\/fabrikam`\n\n\*\*4 succeeded, 0 failed, 0 skipped\*\* of 4 changes\. Plan: 1 to create, 1 to update, 1 to replace, 1 to delete\./,
    );
    for (const name of ["website-pr-created", "website-ci-failed", "website-deploys"])
      expect(run.summary).toMatch(new RegExp(`\\| \\w+ \\| ${name} \\| WebSite \\| ✅ succeeded \\|`));
    expect(run.summary).toContain(`| delete | git.pullrequest.updated -&gt; webHooks (retired.example.com) | WebSite | ✅ succeeded | \`${live.retiredId}\` |`);
    expect(run.summary).toContain(`[View the workflow run](${RUN_URL})`);
    expect(run.stdout).toContain("Apply complete: 4 succeeded, 0 failed, 0 skipped.");
    expect([run.outputs["has-changes"], run.outputs.creates, run.outputs.updates, run.outputs.deletes]).toEqual(["true", "1", "1", "1"]);
    expect(leakedSecrets(run.everything, SECRETS)).toEqual([]);

    const again = await applyOnPush();
    expect(again.exitCode).toBe(0);
    expect(again.outputs["has-changes"]).toBe("false");
    expect(again.summary).toContain("**0 succeeded, 0 failed, 0 skipped** of 0 changes. No changes.");
  });

  it("fails the step when a change fails, and says which", async () => {
    emulator.setFaults({ failNext: [{ status: 400, count: 10, route: "POST /_apis/hooks/subscriptions" }] });
    const run = await applyOnPush();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error::Apply finished with failures: 2 succeeded, 2 failed, 0 skipped\.$/m);
    expect(run.summary).toMatch(/\| create \| website-pr-created \| WebSite \| ❌ failed \|/);
    expect(run.summary).toMatch(/\| update \| website-ci-failed \| WebSite \| ✅ succeeded \|/);
    expect(liveUrls()).not.toContain("https://review-bot.example.com/hooks/pull-request");
    expect(leakedSecrets(run.everything, SECRETS)).toEqual([]);
  });

  it("fails the step and changes nothing when the plan is refused", async () => {
    await workspace.write("hookops.yaml", ROOT_CONFIG.replace("maxDeletes: 5", "maxDeletes: 0"));
    const before = liveUrls();
    const run = await applyOnPush();
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error::Apply refused: .*delete/m);
    expect(run.summary).toMatch(/was refused\n\nNothing was changed:\n- /);
    expect(liveUrls()).toEqual(before);
  });

  it("refuses to apply when a referenced secret is not in the environment", async () => {
    const before = liveUrls();
    const run = await applyOnPush({});
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/^::error::Apply refused: .*WEBSITE_HOOK_PASSWORD/m);
    expect(liveUrls()).toEqual(before);
  });

  it("stops starting changes when the run is cancelled, finishes those in flight, and fails the step", async () => {
    const hooks = Array.from(
      { length: 40 },
      (_, index) => `  - name: cancel-${index}
    project: WebSite
    eventType: git.push
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs: { url: "https://cancel.example.com/${index}" }
`,
    );
    await workspace.write("hooks/cancel.yaml", `subscriptions:\n${hooks.join("\n")}`);
    emulator.setFaults({ latencyMs: 250 });
    let signalled = false;
    const run = await runAction({
      workspace,
      eventName: "push",
      inputs: { command: "apply", token: ADO_TOKEN, organization: emulator.url },
      env: { WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD },
      // The runner sends SIGINT to a cancelled step.
      onStdout: (stdout, step) => {
        if (!signalled && /^✓ create cancel-/m.test(stdout)) {
          signalled = true;
          step.signal("SIGINT");
        }
      },
    });
    expect(signalled).toBe(true);
    expect(run.exitCode).toBe(1);
    const created = emulator.state.subscriptions().filter((subscription) => subscription.consumerInputs.url?.startsWith("https://cancel.example.com/")).length;
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(40);
    expect(run.summary).toContain("Interrupted before every change started.");
    expect(run.summary).toContain("not started: apply was interrupted");
    expect(run.stdout).toMatch(/^::error::Apply finished with failures: \d+ succeeded, 0 failed, \d+ skipped\.$/m);
  });
});
