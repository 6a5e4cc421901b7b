import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { ChangeResult } from "../../src/apply/index.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { applyRepository } from "../../src/engine/apply.js";
import type { Plan } from "../../src/reconcile/index.js";

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function repoWith(subscriptions: Record<string, unknown>[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-engine-"));
  await mkdir(path.join(dir, "hooks"));
  await writeFile(path.join(dir, "hookops.yaml"), stringify({ include: ["hooks/**/*.yaml"] }));
  await writeFile(path.join(dir, "hooks", "a.yaml"), stringify({ subscriptions }));
  return dir;
}

const hook = (name: string, eventType = "build.complete") => ({
  name,
  project: "WebSite",
  eventType,
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  consumerInputs: { url: `https://${name}.example/hook` },
});

describe("applyRepository", () => {
  it("shows the plan, then asks; a declined plan changes nothing", async () => {
    emulator = await startEmulator();
    const dir = await repoWith([hook("one")]);
    const seen: Plan[] = [];
    const run = await applyRepository({
      dir,
      org: emulator.url,
      env: { AZURE_DEVOPS_TOKEN: emulator.token },
      onPlan: (plan) => seen.push(plan),
      confirm: async () => false,
    });
    expect(run.kind).toBe("declined");
    expect(seen).toHaveLength(1);
    expect(emulator.state.subscriptions()).toEqual([]);
  });

  it("applies on approval and reports each result as it completes", async () => {
    emulator = await startEmulator();
    const dir = await repoWith([hook("one"), hook("two", "git.push")]);
    const results: ChangeResult[] = [];
    const run = await applyRepository({
      dir,
      org: emulator.url,
      env: { AZURE_DEVOPS_TOKEN: emulator.token },
      confirm: async () => true,
      onResult: (result) => results.push(result),
    });
    expect(run.kind).toBe("applied");
    if (run.kind !== "applied") return;
    expect(run.report).toMatchObject({ succeeded: 2, failed: 0, skipped: 0, interrupted: false });
    expect(results.map((result) => result.change.name).sort()).toEqual(["one", "two"]);
    expect(emulator.state.subscriptions()).toHaveLength(2);
  });

  it("refuses before any change when a secret cannot be resolved, naming every reference", async () => {
    emulator = await startEmulator();
    const secret = (variable: string) => ({ basicAuthUsername: "ado", basicAuthPassword: `\${env:${variable}}` });
    const first = { ...hook("first"), consumerInputs: { ...hook("first").consumerInputs, ...secret("HOOK_PASSWORD") } };
    const second = { ...hook("second", "git.push"), consumerInputs: { ...hook("second").consumerInputs, ...secret("OTHER_PASSWORD") } };
    const dir = await repoWith([first, second]);
    const run = await applyRepository({ dir, org: emulator.url, env: { AZURE_DEVOPS_TOKEN: emulator.token }, confirm: async () => true });
    expect(run).toMatchObject({
      kind: "refused",
      cause: "secrets",
      reasons: [
        '"first": consumerInputs.basicAuthPassword needs environment variable HOOK_PASSWORD, which is not available',
        '"second": consumerInputs.basicAuthPassword needs environment variable OTHER_PASSWORD, which is not available',
      ],
    });
    expect(Object.keys(emulator.counters()).filter((route) => !route.startsWith("GET ") && !route.endsWith("subscriptionsquery"))).toEqual([]);
    expect(emulator.state.subscriptions()).toEqual([]);
  });

  it("returns the findings of an invalid repository without connecting", async () => {
    emulator = await startEmulator();
    const dir = await repoWith([{ ...hook("one"), eventType: "no.such.event" }]);
    const run = await applyRepository({ dir, org: emulator.url, env: { AZURE_DEVOPS_TOKEN: emulator.token } });
    expect(run.kind).toBe("invalid");
    expect(run.load.findings.some((finding) => finding.severity === "error")).toBe(true);
    expect(emulator.counters()).toEqual({});
  });
});
