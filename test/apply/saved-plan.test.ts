import { mkdir, mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InvalidSavedPlanError, readSavedPlan, savedPlanProblems, writeSavedPlan } from "../../src/apply/index.js";
import type { LiveSubscription } from "../../src/ado/index.js";
import type { Plan, PlannedChange } from "../../src/reconcile/index.js";
import { desiredWithSecret, plannedChange, webhookBody } from "./helpers.js";

function planOf(changes: PlannedChange[], fingerprint: Plan["fingerprint"] = []): Plan {
  return { formatVersion: 1, organization: "https://dev.azure.com/fabrikam", createdAt: "2025-01-01T00:00:00Z", changes, noop: 0, unmanaged: [], unhealthy: [], warnings: [], refusals: [], fingerprint };
}

function live(id: string, url: string, modifiedDate = "2025-01-01T00:00:00Z"): LiveSubscription {
  return { ...webhookBody(url), id, modifiedDate };
}

describe("saved plan files", () => {
  it("records the configuration relative to the plan file and reads it back as an absolute path", async () => {
    const base = await mkdtemp(path.join(tmpdir(), "hookops-saved-"));
    await mkdir(path.join(base, "plans"));
    const planFile = path.join(base, "plans", "plan.json");
    const plan = planOf([plannedChange("create", "hook", { body: webhookBody("https://a.example/hook") })]);
    await writeSavedPlan(planFile, plan, path.join(base, "repo", "hookops.yaml"));
    const written = JSON.parse(await readFile(planFile, "utf8")) as { source: unknown; formatVersion: unknown };
    expect(written.formatVersion).toBe(1);
    expect(written.source).toEqual({ config: "../repo/hookops.yaml" });
    expect((await stat(planFile)).mode & 0o077).toBe(0);
    const loaded = await readSavedPlan(planFile);
    expect(loaded.configPath).toBe(path.join(base, "repo", "hookops.yaml"));
    expect(loaded.plan).toEqual(plan);
  });

  it.each([
    ["{not json", "it is not valid JSON"],
    ['{"formatVersion": 2, "organization": "x", "changes": [], "fingerprint": [], "refusals": []}', "formatVersion is 2, this hookops reads formatVersion 1"],
    ['{"formatVersion": 1, "organization": "x", "fingerprint": [], "refusals": []}', '"changes" is not a list'],
    ['{"formatVersion": 1, "organization": "x", "changes": [{"action": "rename", "name": "a", "host": "default"}], "fingerprint": [], "refusals": []}', "change 1 is not a planned change"],
  ])("refuses a file that is not a saved plan: %s", async (text, reason) => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), "hookops-saved-")), "plan.json");
    await writeFile(file, text);
    const read = readSavedPlan(file);
    await expect(read).rejects.toThrow(InvalidSavedPlanError);
    await expect(read).rejects.toThrow(reason);
  });
});

describe("savedPlanProblems", () => {
  const organization = "https://dev.azure.com/fabrikam";
  const desired = [desiredWithSecret("hook", "https://a.example/hook", "P"), desiredWithSecret("kept", "https://k.example/hook", "P")];

  it("accepts a plan whose live subscriptions are unchanged", () => {
    const update = plannedChange("update", "kept", { liveId: "id-1", body: webhookBody("https://k.example/hook") });
    const plan = planOf([update], [{ id: "id-1", modifiedDate: "2025-01-01T00:00:00Z" }]);
    expect(savedPlanProblems(plan, { organization: `${organization}/`, live: [live("ID-1", "https://k.example/hook")], desired, bodies: new Map() })).toEqual([]);
  });

  it("names every reason the plan no longer holds", () => {
    const create = plannedChange("create", "hook", { body: webhookBody("https://a.example/hook") });
    const update = plannedChange("update", "kept", { liveId: "id-1", body: webhookBody("https://k.example/hook") });
    const gone = plannedChange("update", "renamed", { liveId: "id-2", body: webhookBody("https://r.example/hook") });
    const plan = planOf([create, update, gone], [
      { id: "id-1", modifiedDate: "2025-01-01T00:00:00Z" },
      { id: "id-2", modifiedDate: "2025-01-01T00:00:00Z" },
    ]);
    const now = [live("id-1", "https://k.example/hook", "2025-02-02T00:00:00Z"), live("id-9", "https://a.example/hook")];
    expect(savedPlanProblems(plan, { organization, live: now, desired, bodies: new Map() })).toEqual([
      "live subscription id-1 was modified since the plan was made",
      "live subscription id-2 no longer exists",
      '"hook" would be created, but live subscription id-9 with the same key exists now',
      '"renamed" is in the plan but no longer in the configuration',
    ]);
  });

  it("refuses a plan made for another organization", () => {
    expect(savedPlanProblems(planOf([]), { organization: "emulator", live: [], desired, bodies: new Map() })).toEqual([
      "the plan was made for https://dev.azure.com/fabrikam, but apply is connected to emulator",
    ]);
  });
});
