// Ownership that works for every identity (R2) and one declaration, one subscription: in-process
// plan and apply against an emulator reached over HTTP, as a real organization would be.
import { afterEach, describe, expect, it } from "vitest";
import { applyRepository } from "../../src/engine/apply.js";
import { isPlanRun, planRepository } from "../../src/engine/plan.js";
import type { Plan } from "../../src/reconcile/index.js";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "./helpers.js";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

async function plan(): Promise<Plan> {
  const run = await planRepository({ dir: repo!.dir, org: org!.org, env: org!.env });
  if (!isPlanRun(run)) throw new Error("expected a plan");
  await run.connection.close();
  return run.plan;
}

async function apply(): Promise<void> {
  const run = await applyRepository({ dir: repo!.dir, org: org!.org, env: org!.env });
  if (run.kind !== "applied" || run.report.failed > 0) throw new Error(`apply did not succeed: ${run.kind}`);
}

const urls = () =>
  org!.emulator.state
    .subscriptions()
    .map((subscription) => subscription.consumerInputs.url)
    .sort();

describe("an edited declaration", () => {
  it("changes its subscription in place: one declaration, one subscription, with prune off", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://a.example.com/hook")]);
    await apply();
    const [created] = org.emulator.state.subscriptions();

    await repo.writeHooks([webhook("ci", "https://b.example.com/hook")]);
    const edited = await plan();
    expect(edited.changes.map((change) => [change.action, change.name, change.liveId])).toEqual([["update", "ci", created?.id]]);
    expect(edited.changes[0]?.fields).toEqual([{ field: "consumerInputs.url", before: "https://a.example.com/hook", after: "https://b.example.com/hook" }]);

    await apply();
    expect(org.emulator.state.subscriptions().map((subscription) => [subscription.id, subscription.consumerInputs.url])).toEqual([
      [created?.id, "https://b.example.com/hook"],
    ]);
    expect((await plan()).changes).toEqual([]);
  });
});

describe("a service principal running hookops", () => {
  it("is told that subscriptions without a recorded creator cannot be pruned with createdBy: self, and prunes them with createdBy: any", async () => {
    org = await startOrganization({ identity: "servicePrincipal" });
    const config = { ...BASE_CONFIG, prune: { enabled: true } };
    repo = await makeRepo(config, [
      webhook("keep", "https://keep.example.com/hook"),
      webhook("drop", "https://drop.example.com/hook", { publisherInputs: { buildStatus: "Succeeded" } }),
    ]);
    await apply();
    const listed = await planRepository({ dir: repo.dir, org: org.org, env: org.env });
    if (!isPlanRun(listed)) throw new Error("expected a plan");
    await listed.connection.close();
    expect(listed.live.subscriptions.map((subscription) => subscription.createdBy ?? null)).toEqual([null, null]);

    await repo.writeHooks([webhook("keep", "https://keep.example.com/hook")]);
    const self = await plan();
    expect(self.changes).toEqual([]);
    expect(self.warnings.join("\n")).toContain("1 live subscription in WebSite has no creator recorded");
    expect(self.warnings.join("\n")).toContain("set prune.scope.createdBy: any");

    await repo.writeConfig({ ...config, prune: { enabled: true, scope: { createdBy: "any" } } });
    const any = await plan();
    expect(any.changes.map((change) => change.action)).toEqual(["delete"]);
    await apply();
    expect(urls()).toEqual(["https://keep.example.com/hook"]);
  });

  it("pairs an edited declaration only where prune owns the project, since nothing it made records a creator", async () => {
    org = await startOrganization({ identity: "servicePrincipal" });
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://a.example.com/hook")]);
    await apply();
    await repo.writeHooks([webhook("ci", "https://b.example.com/hook")]);
    const unowned = await plan();
    expect(unowned.changes.map((change) => change.action)).toEqual(["create"]);
    expect(unowned.warnings.join("\n")).toContain("the service records no creator for it");

    await repo.writeConfig({ ...BASE_CONFIG, prune: { enabled: true, scope: { createdBy: "any" } } });
    const owned = await plan();
    expect(owned.changes.map((change) => change.action)).toEqual(["update"]);
    await apply();
    expect(urls()).toEqual(["https://b.example.com/hook"]);
  });
});
