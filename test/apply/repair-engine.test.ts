import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { ChangeResult } from "../../src/apply/index.js";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator/index.js";
import { applyRepository, type ApplyRun } from "../../src/engine/apply.js";
import { isPlanRun, planRepository } from "../../src/engine/plan.js";
import { applyResultLine } from "../../src/report/apply.js";

// plan -> apply -> plan against the emulator playing the real service (a PUT keeps probation, R6).

const OWNER = { token: "owner-token", kind: "pat", id: "0c1d2e3f-4a5b-4c6d-8e7f-000000000001", displayName: "Owner", uniqueName: "owner@x.example" } as const;
const OTHER = { token: "other-token", kind: "pat", id: "0c1d2e3f-4a5b-4c6d-8e7f-000000000002", displayName: "Other", uniqueName: "other@x.example" } as const;
const POST = "POST /_apis/hooks/subscriptions";

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function repo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-repair-"));
  await mkdir(path.join(dir, "hooks"));
  await writeFile(path.join(dir, "hookops.yaml"), stringify({ include: ["hooks/**/*.yaml"] }));
  const hook = {
    name: "ci",
    project: "WebSite",
    eventType: "build.complete",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url: "https://ci.example/hook" },
  };
  await writeFile(path.join(dir, "hooks", "a.yaml"), stringify({ subscriptions: [hook] }));
  return dir;
}

async function start(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  emulator = await startEmulator({ putClearsProbation: false, users: [OWNER, OTHER], ...options });
  return emulator;
}

async function apply(dir: string, handle: EmulatorHandle, token: string = OWNER.token): Promise<Extract<ApplyRun, { kind: "applied" }>> {
  const run = await applyRepository({ dir, org: handle.url, env: { AZURE_DEVOPS_TOKEN: token } });
  if (run.kind !== "applied") throw new Error(`apply did not run: ${run.kind}`);
  return run;
}

async function pendingChanges(dir: string, handle: EmulatorHandle): Promise<string[]> {
  const run = await planRepository({ dir, org: handle.url, env: { AZURE_DEVOPS_TOKEN: OWNER.token } });
  if (!isPlanRun(run)) throw new Error("plan did not run");
  await run.connection.close();
  return run.plan.changes.map((change) => `${change.action} ${change.name}`);
}

function line(result: ChangeResult | undefined): string {
  if (result === undefined) throw new Error("no result");
  return applyResultLine(result, { color: false });
}

/** Applies the repo once, then puts the subscription it made on probation. */
async function onProbation(dir: string, handle: EmulatorHandle, token: string = OWNER.token): Promise<string> {
  await apply(dir, handle, token);
  const [made] = handle.state.subscriptions();
  if (made === undefined) throw new Error("nothing was created");
  handle.state.setStatus(made.id, "onProbation", { probationRetries: 3 });
  return made.id;
}

describe("probation repair end to end", () => {
  it("converges in one apply: the PUT leaves it on probation, so it is replaced; the next plan has no changes", async () => {
    const handle = await start();
    const dir = await repo();
    const oldId = await onProbation(dir, handle);
    expect(await pendingChanges(dir, handle)).toEqual(["repair ci"]);

    const run = await apply(dir, handle);
    const text = line(run.report.results[0]);
    expect(text).toMatch(new RegExp(`^~ repaired ci \\(WebSite\\) ${oldId} -> [0-9a-f-]{36}\\n    note: replaced: PUT left it onProbation$`));
    expect(handle.state.subscriptions().map((subscription) => subscription.status)).toEqual(["enabled"]);
    expect(await pendingChanges(dir, handle)).toEqual([]);
  });

  it("a failed repair says what was and was not changed, and the next apply converges", async () => {
    const handle = await start();
    const dir = await repo();
    const oldId = await onProbation(dir, handle);
    handle.setFaults({ failNext: [{ status: 400, count: 1, route: POST }] });

    const failed = await apply(dir, handle);
    expect(failed.report).toMatchObject({ succeeded: 0, failed: 1 });
    const text = line(failed.report.results[0]);
    expect(text).toContain("✗ failed to repair ci (WebSite): PUT left it onProbation, and creating its replacement failed");
    expect(text).toContain(`note: ${oldId} was kept (still onProbation); no replacement was made`);
    expect(handle.state.subscriptions().map((subscription) => [subscription.id, subscription.status])).toEqual([[oldId, "onProbation"]]);

    const again = await apply(dir, handle);
    expect(again.report).toMatchObject({ succeeded: 1, failed: 0 });
    expect(await pendingChanges(dir, handle)).toEqual([]);
  });

  it("converges after a repair whose delete of the old subscription failed", async () => {
    const handle = await start();
    const dir = await repo();
    const oldId = await onProbation(dir, handle);
    handle.setFaults({ failNext: [{ status: 400, count: 1, route: "DELETE /_apis/hooks/subscriptions/{subscriptionId}" }] });
    const failed = await apply(dir, handle);
    expect(line(failed.report.results[0])).toContain("✗ failed to repair ci (WebSite): PUT left it onProbation; created ");
    expect(handle.state.subscriptions()).toHaveLength(2);

    await apply(dir, handle);
    const left = handle.state.subscriptions();
    expect(left.map((subscription) => subscription.status)).toEqual(["enabled"]);
    expect(left[0]?.id).not.toBe(oldId);
    expect(await pendingChanges(dir, handle)).toEqual([]);
  });

  it("does not replace a subscription the delete rule keeps (created by someone else), and says what to do", async () => {
    const handle = await start();
    const dir = await repo();
    const oldId = await onProbation(dir, handle, OTHER.token);
    const run = await apply(dir, handle);
    const text = line(run.report.results[0]);
    expect(text).toContain(
      "✗ failed to repair ci (WebSite): PUT left it onProbation: the service does not take a subscription off probation through an update",
    );
    expect(text).toContain(`bring ${oldId} inside prune.scope`);
    expect(handle.state.subscriptions().map((subscription) => [subscription.id, subscription.status])).toEqual([[oldId, "onProbation"]]);
    expect(handle.counters()[POST]).toBe(1); // the first apply's create only
  });
});
