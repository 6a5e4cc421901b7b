import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { readSavedPlan, type SavedPlan } from "../../src/apply/index.js";
import { writeSavedPlan } from "../../src/engine/saved-plan.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { applyRepository } from "../../src/engine/apply.js";
import { isPlanRun, planRepository } from "../../src/engine/plan.js";
import { renderText } from "../../src/report/index.js";
import { CANARY, OTHER, SELF } from "./matrix.js";

let emulator: EmulatorHandle | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const WEBSITE = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";
const env = { AZURE_DEVOPS_TOKEN: SELF.token, HOOK_PASSWORD: CANARY };

async function repoWith(subscriptions: Record<string, unknown>[], config: Record<string, unknown> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-safety-"));
  await mkdir(path.join(dir, "hooks"));
  await writeFile(path.join(dir, "hookops.yaml"), stringify({ include: ["hooks/**/*.yaml"], ...config }));
  await writeFile(path.join(dir, "hooks", "a.yaml"), stringify({ subscriptions }));
  return dir;
}

const hook = (index: number) => ({
  name: `hook-${index}`,
  project: "WebSite",
  eventType: "build.complete",
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  consumerInputs: { url: `https://h${index}.example/hook`, basicAuthUsername: "ado", basicAuthPassword: "${env:HOOK_PASSWORD}" },
});

function liveUrls(handle: EmulatorHandle): string[] {
  return handle.state
    .subscriptions()
    .map((subscription) => subscription.consumerInputs.url ?? "")
    .sort();
}

describe("two applies at once", () => {
  it("duplicate what both create, the plan in between says so, and one more apply leaves one per declaration", async () => {
    emulator = await startEmulator({ users: [SELF, OTHER], faults: { latencyMs: 20 } });
    const declarations = Array.from({ length: 20 }, (_, index) => hook(index));
    const dir = await repoWith(declarations);
    const org = emulator.url;
    const [first, second] = await Promise.all([applyRepository({ dir, org, env }), applyRepository({ dir, org, env })]);
    expect([first.kind, second.kind]).toEqual(["applied", "applied"]);
    expect(emulator.state.subscriptions()).toHaveLength(40);

    const between = await planRepository({ dir, org, env });
    if (!isPlanRun(between)) throw new Error("invalid");
    await between.connection.close();
    const text = renderText(between.plan, { color: false });
    expect(text).not.toContain("No changes.");
    expect(text).toContain("Plan: 0 to create, 0 to update, 0 to replace, 20 to delete.");
    expect(between.plan.changes.every((change) => change.reasons[0]?.startsWith('duplicate of "hook-'))).toBe(true);
    expect(between.plan.refusals).toEqual([
      "This plan deletes 20 subscriptions (20 duplicates), more than prune.maxDeletes (10) allows. Review the deletes and run again with --allow-deletes 20.",
    ]);

    // Each run keeps the same copy (the oldest), so even two cleanups at once agree.
    const [cleanA, cleanB] = await Promise.all([applyRepository({ dir, org, env, allowDeletes: 20 }), applyRepository({ dir, org, env, allowDeletes: 20 })]);
    expect([cleanA.kind, cleanB.kind]).toEqual(["applied", "applied"]);
    expect(liveUrls(emulator)).toEqual(declarations.map((declaration) => declaration.consumerInputs.url).sort());
    const after = await planRepository({ dir, org, env });
    if (!isPlanRun(after)) throw new Error("invalid");
    await after.connection.close();
    expect(after.plan.changes).toEqual([]);
  });
});

describe("an edited saved plan", () => {
  async function setUp() {
    emulator = await startEmulator({ users: [SELF, OTHER] });
    const kept = emulator.state.insert(
      {
        publisherId: "tfs",
        eventType: "build.complete",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        publisherInputs: { projectId: WEBSITE },
        consumerInputs: { url: "https://h0.example/hook", basicAuthUsername: "ado", basicAuthPassword: CANARY, messagesToSend: "text" },
      },
      { createdBy: SELF },
    );
    const someoneElses = emulator.state.insert(
      {
        publisherId: "tfs",
        eventType: "git.push",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        publisherInputs: { projectId: WEBSITE },
        consumerInputs: { url: "https://ada.example/" },
      },
      { createdBy: OTHER },
    );
    const dir = await repoWith([{ ...hook(0), consumerInputs: { ...hook(0).consumerInputs, messagesToSend: "none" } }, hook(1)]);
    const planned = await planRepository({ dir, org: emulator.url, env });
    if (!isPlanRun(planned)) throw new Error("invalid");
    await planned.connection.close();
    const file = path.join(dir, "plan.json");
    await writeSavedPlan(file, planned.plan, path.join(dir, "hookops.yaml"));
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(CANARY);
    return { dir, file, text, keptId: kept.id, someoneElsesId: someoneElses.id };
  }

  type Edit = (plan: SavedPlan, ids: { keptId: string; someoneElsesId: string }) => void;
  const create = (plan: SavedPlan) => plan.changes.find((change) => change.action === "create")!;
  const update = (plan: SavedPlan) => plan.changes.find((change) => change.action === "update")!;
  const edits: [string, Edit][] = [
    [
      "a create's URL",
      (plan) => {
        create(plan).body!.consumerInputs.url = "https://attacker.example/steal";
      },
    ],
    [
      "a create's secret inputs",
      (plan) => {
        create(plan).secretInputs = [];
      },
    ],
    [
      "an update's target id",
      (plan, ids) => {
        update(plan).liveId = ids.someoneElsesId;
      },
    ],
    [
      "an update turned into a delete",
      (plan) => {
        update(plan).action = "delete";
      },
    ],
    [
      "a change's name",
      (plan) => {
        create(plan).name = "hook-0";
      },
    ],
    [
      "a change's host",
      (plan) => {
        create(plan).host = "release";
      },
    ],
    [
      "a change's project",
      (plan) => {
        create(plan).body!.publisherInputs.projectId = "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62";
      },
    ],
    [
      "an injected delete",
      (plan, ids) => void plan.changes.push({ ...update(plan), action: "delete", name: "x", liveId: ids.someoneElsesId, fields: [], reasons: [] }),
    ],
    ["a dropped change", (plan) => void plan.changes.splice(plan.changes.indexOf(create(plan)), 1)],
    [
      "the organization",
      (plan) => {
        plan.organization = "https://evil.example/fabrikam";
      },
    ],
    [
      "the fingerprint",
      (plan) => {
        plan.fingerprint[0]!.modifiedDate = "2020-01-01T00:00:00Z";
      },
    ],
    [
      "the plan-shaping flags",
      (plan) => {
        plan.source.options = { allowDeletes: 100 };
      },
    ],
  ];

  it.each(edits)("is refused when %s was changed, and nothing is sent", async (_what, edit) => {
    const { dir, file, text, keptId, someoneElsesId } = await setUp();
    const before = JSON.stringify(emulator!.state.subscriptions());
    const saved = JSON.parse(text) as SavedPlan;
    edit(saved, { keptId, someoneElsesId });
    await writeFile(file, JSON.stringify(saved));
    const loaded = await readSavedPlan(file);
    emulator!.resetCounters();
    const run = await applyRepository({ dir, org: emulator!.url, env, savedPlan: { plan: loaded.plan, options: loaded.options } });
    expect(run.kind).toBe("refused");
    if (run.kind === "refused") expect(run.cause).toBe("stale");
    expect(JSON.stringify(emulator!.state.subscriptions())).toBe(before);
    const writes = Object.entries(emulator!.counters()).filter(([route]) => !route.startsWith("GET") && !route.includes("subscriptionsquery"));
    expect(writes).toEqual([]);
  });

  it("is applied when untouched, carrying the real secret that the file never held", async () => {
    const { dir, file } = await setUp();
    const loaded = await readSavedPlan(file);
    const run = await applyRepository({ dir, org: emulator!.url, env, savedPlan: { plan: loaded.plan, options: loaded.options } });
    expect(run.kind).toBe("applied");
    const created = emulator!.state.subscriptions().find((subscription) => subscription.consumerInputs.url === "https://h1.example/hook");
    expect(created?.consumerInputs.basicAuthPassword).toBe(CANARY);
  });
});
