import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/reconcile/index.js";
import { renderText } from "../../src/report/index.js";
import { desired, input, live, OTHER_ID, WEBSITE_ID } from "./builders.js";

const EDITED = desired({ consumerInputs: { url: "https://hooks.example.com/v2" } });
const NOT_PRUNING = { enabled: false, scope: { createdBy: "self" as const }, maxDeletes: 10 };

describe("one declaration, one subscription", () => {
  it("changes the earlier version in place when the url of a declaration is edited (prune off)", () => {
    const plan = buildPlan(input({ desired: [EDITED], live: [live()], prune: NOT_PRUNING }));
    expect(plan.changes.map((change) => [change.action, change.name, change.liveId])).toEqual([["update", "website-ci-failed", live().id]]);
    expect(plan.changes[0]?.fields).toEqual([{ field: "consumerInputs.url", before: "https://hooks.example.com/ado", after: "https://hooks.example.com/v2" }]);
    expect(plan.changes[0]?.reasons[0]).toContain("created by the identity running hookops");
    expect(plan.unmanaged).toEqual([]);
    expect(renderText(plan, { color: false })).toContain(`~ consumerInputs.url: "https://hooks.example.com/ado" -> "https://hooks.example.com/v2"`);
  });

  it("pairs through a changed filter too, and the body sent is the declaration", () => {
    const plan = buildPlan(input({ desired: [desired({ publisherInputs: { buildStatus: "Succeeded", definitionName: "WebSite.CI" } })], live: [live()] }));
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]).toMatchObject({ action: "update", liveId: live().id });
    expect(plan.changes[0]?.body?.publisherInputs).toEqual({ projectId: WEBSITE_ID, buildStatus: "Succeeded", definitionName: "WebSite.CI" });
  });

  it("pairs a subscription another identity made only when prune owns it (createdBy: any)", () => {
    const byOther = live({ createdBy: { id: OTHER_ID, displayName: "Ada" } });
    const owned = buildPlan(input({ desired: [EDITED], live: [byOther], prune: { enabled: true, scope: { createdBy: "any" }, maxDeletes: 10 } }));
    expect(owned.changes.map((change) => change.action)).toEqual(["update"]);
    expect(owned.changes[0]?.reasons[0]).toContain("inside the prune scope");

    const notOwned = buildPlan(input({ desired: [EDITED], live: [byOther], prune: NOT_PRUNING }));
    expect(notOwned.changes.map((change) => change.action)).toEqual(["create"]);
    expect(notOwned.warnings.join("\n")).toContain(
      `${byOther.id} (build.complete -> webHooks (hooks.example.com)) in the same project, event and consumer action may be its earlier version, but it was not created by the identity running hookops`,
    );
  });

  it("never takes an unknown creator (a service principal's subscription) for its own", () => {
    const noCreator = live({ createdBy: null as never });
    const plan = buildPlan(input({ desired: [EDITED], live: [noCreator] }));
    expect(plan.changes.map((change) => change.action)).toEqual(["create"]);
    expect(plan.warnings.join("\n")).toContain("the service records no creator for it");
  });

  it("leaves a protected earlier version alone", () => {
    const plan = buildPlan(input({ desired: [EDITED], live: [live()], protect: [{ url: "https://hooks.example.com/*" }] }));
    expect(plan.changes.map((change) => change.action)).toEqual(["create"]);
    expect(plan.warnings.join("\n")).toContain("it matches a protect selector");
  });

  it("does not guess between two edited declarations in one slot", () => {
    const plan = buildPlan(
      input({ desired: [EDITED, desired({ name: "second", consumerInputs: { url: "https://hooks.example.com/v3" } })], live: [live()], prune: NOT_PRUNING }),
    );
    expect(plan.changes.map((change) => change.action)).toEqual(["create", "create"]);
    expect(plan.warnings.join("\n")).toContain(`"website-ci-failed", "second" have no live match`);
  });

  it("does not pair with a live subscription of another event or consumer action", () => {
    const plan = buildPlan(
      input({ desired: [EDITED], live: [live({ eventType: "git.push", publisherInputs: { projectId: WEBSITE_ID } })], prune: NOT_PRUNING }),
    );
    expect(plan.changes.map((change) => change.action)).toEqual(["create"]);
    expect(plan.warnings).toEqual([]);
  });

  it("keeps a pinned declaration's own rules (a pinned id is never re-paired)", () => {
    const plan = buildPlan(
      input({ desired: [desired({ id: "not-there", consumerInputs: { url: "https://hooks.example.com/v2" } })], live: [live()], prune: NOT_PRUNING }),
    );
    expect(plan.changes.map((change) => change.action)).toEqual(["create"]);
  });
});

describe("subscriptions without a recorded creator (service principals, R2)", () => {
  it("says how many there are in the prune scope and what to do", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ name: "kept" })],
        live: [
          live(),
          live({ id: "sp-1", createdBy: null as never, eventType: "git.push", publisherInputs: { projectId: WEBSITE_ID } }),
          live({
            id: "sp-2",
            createdBy: undefined,
            eventType: "git.push",
            publisherInputs: { projectId: WEBSITE_ID },
            consumerInputs: { url: "https://b.example.com/" },
          }),
        ],
      }),
    );
    expect(plan.changes).toEqual([]);
    const warning = plan.warnings.find((text) => text.includes("no creator recorded"));
    expect(warning).toContain("2 live subscriptions in WebSite have no creator recorded");
    expect(warning).toContain("set prune.scope.createdBy: any");
    expect(plan.unmanaged).toEqual([]);
  });

  it("prunes them when the repository is made authoritative with createdBy: any", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ name: "kept" })],
        live: [live(), live({ id: "sp-1", createdBy: null as never, eventType: "git.push", publisherInputs: { projectId: WEBSITE_ID } })],
        prune: { enabled: true, scope: { createdBy: "any" }, maxDeletes: 10 },
      }),
    );
    expect(plan.changes.map((change) => [change.action, change.liveId])).toEqual([["delete", "sp-1"]]);
    expect(plan.warnings.some((text) => text.includes("no creator recorded"))).toBe(false);
  });

  it("stays quiet with prune off, where nothing is deleted anyway", () => {
    const plan = buildPlan(
      input({
        desired: [desired()],
        live: [live(), live({ id: "sp-1", createdBy: null as never, eventType: "git.push", publisherInputs: { projectId: WEBSITE_ID } })],
        prune: NOT_PRUNING,
      }),
    );
    expect(plan.warnings).toEqual([]);
  });
});
