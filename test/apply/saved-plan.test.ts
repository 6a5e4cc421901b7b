import { mkdir, mkdtemp, readFile, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidSavedPlanError, planDigest, readSavedPlan, savedPlanConfigPath, savedPlanProblems } from "../../src/apply/index.js";
import { writeSavedPlan } from "../../src/engine/saved-plan.js";
import type { LiveSubscription } from "../../src/ado/index.js";
import type { Plan, PlannedChange } from "../../src/reconcile/index.js";
import { plannedChange, webhookBody } from "./helpers.js";

function planOf(changes: PlannedChange[], fingerprint: Plan["fingerprint"] = []): Plan {
  return {
    formatVersion: 1,
    organization: "https://dev.azure.com/fabrikam",
    createdAt: "2025-01-01T00:00:00Z",
    changes,
    noop: 0,
    unmanaged: [],
    unhealthy: [],
    warnings: [],
    refusals: [],
    fingerprint,
  };
}

function live(id: string, url: string, modifiedDate = "2025-01-01T00:00:00Z"): LiveSubscription {
  return { ...webhookBody(url), id, modifiedDate };
}

describe("saved plan files", () => {
  it("records the configuration relative to the plan file, the shaping flags and a digest", async () => {
    const base = await mkdtemp(path.join(tmpdir(), "hookops-saved-"));
    await mkdir(path.join(base, "plans"));
    await mkdir(path.join(base, "repo"));
    await writeFile(path.join(base, "repo", "hookops.yaml"), "organization: x\n");
    const planFile = path.join(base, "plans", "plan.json");
    const plan = planOf([plannedChange("create", "hook", { body: webhookBody("https://a.example/hook") })]);
    await writeSavedPlan(planFile, plan, path.join(base, "repo", "hookops.yaml"), { allowDeletes: 3 });
    const written = JSON.parse(await readFile(planFile, "utf8")) as { source: unknown; formatVersion: unknown; digest: unknown };
    expect(written.formatVersion).toBe(1);
    expect(written.source).toEqual({ config: "../repo/hookops.yaml", options: { allowDeletes: 3 } });
    expect(written.digest).toBe(planDigest(plan));
    expect(written.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await stat(planFile)).mode & 0o077).toBe(0);
    const loaded = await readSavedPlan(planFile);
    expect(loaded.plan).toEqual(plan);
    expect(loaded.options).toEqual({ allowDeletes: 3 });
    expect(await savedPlanConfigPath(loaded, base)).toBe(path.join(base, "repo", "hookops.yaml"));
  });

  it("refuses a configuration path that leaves the repository apply runs in, also through a symlink", async () => {
    const base = await mkdtemp(path.join(tmpdir(), "hookops-saved-"));
    const repo = path.join(base, "repo");
    const other = path.join(base, "other");
    await mkdir(path.join(repo, ".git"), { recursive: true });
    await mkdir(path.join(repo, "sub"));
    await mkdir(other);
    await writeFile(path.join(other, "hookops.yaml"), "organization: https://evil.example/x\n");
    await symlink(other, path.join(repo, "linked"));
    const planFile = path.join(repo, "plan.json");
    for (const config of ["../other/hookops.yaml", "linked/hookops.yaml"]) {
      await writeFile(planFile, JSON.stringify({ ...planOf([]), source: { config } }));
      const loaded = await readSavedPlan(planFile);
      await expect(savedPlanConfigPath(loaded, path.join(repo, "sub"))).rejects.toThrow(
        /which is outside .*repo; a saved plan may only name a configuration inside the repository/,
      );
    }
    await writeFile(path.join(repo, "hookops.yaml"), "organization: x\n");
    await writeFile(planFile, JSON.stringify({ ...planOf([]), source: { config: "hookops.yaml" } }));
    expect(await savedPlanConfigPath(await readSavedPlan(planFile), path.join(repo, "sub"))).toBe(path.join(repo, "hookops.yaml"));
  });

  it.each([
    ["{not json", "it is not valid JSON"],
    ["[]", "it is not a JSON object"],
    ["null", "it is not a JSON object"],
    ['{"formatVersion": 2, "organization": "x", "changes": [], "fingerprint": []}', "formatVersion is 2, this hookops reads formatVersion 1"],
    ['{"formatVersion": 1, "changes": [], "fingerprint": []}', "it names no organization"],
    ['{"formatVersion": 1, "organization": "x", "fingerprint": []}', '"changes" is not a list'],
    ['{"formatVersion": 1, "organization": "x", "changes": [null], "fingerprint": []}', "change 1 is not a planned change"],
    ['{"formatVersion": 1, "organization": "x", "changes": [{"action": 3, "name": "a"}], "fingerprint": []}', "change 1 is not a planned change"],
    ['{"formatVersion": 1, "organization": "x", "changes": [], "fingerprint": [{"id": 5}]}', "the fingerprint is malformed"],
    ['{"formatVersion": 1, "organization": "x", "changes": [], "fingerprint": [], "source": "x"}', '"source" is not an object'],
    ['{"formatVersion": 1, "organization": "x", "changes": [], "fingerprint": [], "source": {"config": 7}}', '"source.config" is not a path'],
    [
      '{"formatVersion": 1, "organization": "x", "changes": [], "fingerprint": [], "source": {"options": {"allowDeletes": -1}}}',
      '"source.options.allowDeletes" is not a whole number',
    ],
  ])("refuses a file that is not a saved plan: %s", async (text, reason) => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "hookops-saved-")), "plan.json");
    await writeFile(file, text);
    const read = readSavedPlan(file);
    await expect(read).rejects.toThrow(InvalidSavedPlanError);
    await expect(read).rejects.toThrow(reason);
  });
});

describe("savedPlanProblems: a saved plan is a promise, checked against re-planning", () => {
  const update = plannedChange("update", "kept", { liveId: "id-1", body: webhookBody("https://k.example/hook") });
  const fingerprint = [{ id: "id-1", modifiedDate: "2025-01-01T00:00:00Z" }];
  const now = [live("ID-1", "https://k.example/hook")];
  const check = (fresh: Plan, extra: Partial<Parameters<typeof savedPlanProblems>[1]> = {}) => ({ fresh, live: now, options: {}, savedOptions: {}, ...extra });

  it("accepts a plan that re-planning gives again exactly", () => {
    const saved = planOf([update], fingerprint);
    const fresh = { ...planOf([structuredClone(update)], fingerprint), createdAt: "2025-03-03T00:00:00Z", organization: "https://dev.azure.com/fabrikam/" };
    expect(savedPlanProblems(saved, check(fresh))).toEqual([]);
  });

  it("names each edit of the file: a URL, an injected delete, a dropped change", () => {
    const edited = { ...update, body: webhookBody("https://attacker.example/steal") };
    const injected = plannedChange("delete", "someone-elses", { liveId: "id-7" });
    const create = plannedChange("create", "new", { body: webhookBody("https://n.example/") });
    const saved = planOf([edited, injected], fingerprint);
    const fresh = planOf([update, create], fingerprint);
    expect(savedPlanProblems(saved, check(fresh))).toEqual([
      'update "kept" (id-1) differs from re-planning in body.consumerInputs.url',
      'the saved plan would delete "someone-elses" (id-7), which re-planning does not',
      're-planning would also create "new", which the saved plan does not',
    ]);
  });

  it("refuses a plan whose live subscriptions moved, and one made with other flags", () => {
    const saved = planOf([update], fingerprint);
    const moved = [live("id-1", "https://k.example/hook", "2025-02-02T00:00:00Z")];
    expect(savedPlanProblems(saved, check(planOf([update], fingerprint), { live: moved }))).toEqual([
      "live subscription id-1 was modified since the plan was made",
    ]);
    expect(savedPlanProblems(saved, check(planOf([update], fingerprint), { savedOptions: { allowDeletes: 50 } }))).toEqual([
      "the plan was made with --allow-deletes 50, but apply was given no plan-shaping flags; pass the same flags",
    ]);
  });

  it("refuses a plan made for another organization", () => {
    expect(savedPlanProblems(planOf([]), check({ ...planOf([]), organization: "emulator" }))).toEqual([
      "the plan was made for https://dev.azure.com/fabrikam, but apply is connected to emulator",
    ]);
  });
});
