import { describe, expect, it } from "vitest";
import type { LiveSubscription } from "../../src/ado/types.js";
import type { PruneSettings } from "../../src/config/types.js";
import { buildPlan } from "../../src/reconcile/index.js";
import { wildcardMatches } from "../../src/reconcile/ownership.js";
import { desired, input, live, MOBILE_ID, OTHER_ID, WEBSITE_ID } from "./builders.js";

const kept = live({ id: "kept" });
/** A live subscription the configuration does not declare. */
function stray(id: string, overrides: Partial<LiveSubscription> = {}): LiveSubscription {
  return live({ id, consumerInputs: { url: `https://${id}.example.com/hook` }, ...overrides });
}
function prune(overrides: Partial<PruneSettings> = {}, scope: Partial<PruneSettings["scope"]> = {}): PruneSettings {
  return { enabled: true, maxDeletes: 10, ...overrides, scope: { createdBy: "self", ...scope } };
}
const deletedIds = (plan: ReturnType<typeof buildPlan>) => plan.changes.filter((change) => change.action === "delete").map((change) => change.liveId);

describe("ownership and pruning", () => {
  it("deletes nothing when pruning is off, and lists strays as unmanaged", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [kept, stray("a")], prune: prune({ enabled: false }) }));
    expect(deletedIds(plan)).toEqual([]);
    expect(plan.unmanaged).toEqual([
      {
        id: "a",
        name: "build.complete -> webHooks (a.example.com)",
        project: "WebSite",
        projectId: WEBSITE_ID,
        host: "default",
        status: "enabled",
        createdBy: "Build Bot",
      },
    ]);
  });

  it("deletes strays in scope with a derived label", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [kept, stray("a")] }));
    expect(plan.changes).toMatchObject([
      { action: "delete", name: "build.complete -> webHooks (a.example.com)", project: "WebSite", liveId: "a", reasons: ["not in the configuration"] },
    ]);
    expect(plan.unmanaged).toEqual([]);
  });

  it("scopes by default to the projects the configuration names", () => {
    const mobile = stray("m", { publisherInputs: { projectId: MOBILE_ID } });
    const plan = buildPlan(input({ desired: [desired()], live: [kept, mobile] }));
    expect(deletedIds(plan)).toEqual([]);
    expect(plan.unmanaged).toEqual([]);
  });

  it("takes explicit scope projects by name or id", () => {
    const mobile = stray("m", { publisherInputs: { projectId: MOBILE_ID } });
    const web = stray("w");
    expect(deletedIds(buildPlan(input({ desired: [desired()], live: [kept, mobile, web], prune: prune({}, { projects: ["mobile"] }) })))).toEqual(["m"]);
    expect(deletedIds(buildPlan(input({ desired: [desired()], live: [kept, mobile, web], prune: prune({}, { projects: [MOBILE_ID, "WebSite"] }) })))).toEqual([
      "m",
      "w",
    ]);
  });

  it("warns about scope projects that do not exist", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [kept], prune: prune({}, { projects: ["Ghost"] }) }));
    expect(plan.warnings).toEqual(['prune.scope.projects names "Ghost", which is not a project of this organization.']);
  });

  it("createdBy self keeps other people's subscriptions out of scope", () => {
    const theirs = stray("theirs", { createdBy: { id: OTHER_ID } });
    const anonymous = stray("anonymous", { createdBy: undefined });
    const plan = buildPlan(input({ desired: [desired()], live: [kept, theirs, anonymous, stray("mine")] }));
    expect(deletedIds(plan)).toEqual(["mine"]);
    expect(plan.unmanaged).toEqual([]);
  });

  it("createdBy any takes everyone's, a list only those identities'", () => {
    const theirs = stray("theirs", { createdBy: { id: OTHER_ID } });
    const mine = stray("mine");
    expect(deletedIds(buildPlan(input({ desired: [desired()], live: [kept, theirs, mine], prune: prune({}, { createdBy: "any" }) })))).toEqual([
      "mine",
      "theirs",
    ]);
    expect(
      deletedIds(buildPlan(input({ desired: [desired()], live: [kept, theirs, mine], prune: prune({}, { createdBy: [OTHER_ID.toUpperCase()] }) }))),
    ).toEqual(["theirs"]);
  });

  it("never deletes protected subscriptions and lists them as protected", () => {
    const plan = buildPlan(
      input({
        desired: [desired()],
        live: [kept, stray("a"), stray("b")],
        protect: [{ url: "https://a.*/hook" }, { id: "B", eventType: "git.push" }],
      }),
    );
    expect(deletedIds(plan)).toEqual(["b"]);
    expect(plan.unmanaged).toMatchObject([{ id: "a", protected: true }]);
  });

  it("never updates a protected subscription the configuration matches", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ resourceVersion: "2.0-preview.2" })],
        live: [live({ status: "onProbation" })],
        protect: [{ project: "website", consumerId: "webHooks" }],
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.noop).toBe(0);
    expect(plan.warnings).toEqual([`"website-ci-failed" matches live subscription ${live().id}, which is protected; it is left untouched.`]);
    expect(plan.unhealthy).toMatchObject([{ id: live().id, protected: true, managed: true }]);
  });

  it("withholds deletes and refuses when the listing of their host did not complete", () => {
    const unread = [{ host: "default" as const, where: "https://dev.azure.com/fabrikam", reason: "GET … failed: HTTP 500." }];
    const plan = buildPlan(input({ desired: [desired()], live: [kept, stray("a")], unread }));
    expect(deletedIds(plan)).toEqual([]);
    expect(plan.refusals).toHaveLength(1);
    expect(plan.refusals[0]).toContain("The subscriptions of the default host (https://dev.azure.com/fabrikam) could not be listed: GET … failed: HTTP 500.");
    expect(plan.refusals[0]).toContain('1 change there is withheld (delete "build.complete -> webHooks');
  });

  it("lets a listing failure on the other host pass with a warning when no change concerns it", () => {
    const unread = [{ host: "release" as const, where: "https://vsrm.dev.azure.com/fabrikam", reason: "HTTP 503." }];
    const plan = buildPlan(input({ desired: [desired()], live: [kept, stray("a")], unread }));
    expect(deletedIds(plan)).toEqual(["a"]);
    expect(plan.refusals).toEqual([]);
    expect(plan.warnings).toContain(
      "The subscriptions of the release host (https://vsrm.dev.azure.com/fabrikam) could not be listed (HTTP 503.); no change in this plan concerns it.",
    );
  });

  it("refuses more deletes than maxDeletes unless --allow-deletes covers them", () => {
    const strays = [stray("a"), stray("b"), stray("c")];
    const over = buildPlan(input({ desired: [desired()], live: [kept, ...strays], prune: prune({ maxDeletes: 2 }) }));
    expect(deletedIds(over)).toEqual(["a", "b", "c"]);
    expect(over.refusals).toEqual([
      "This plan deletes 3 subscriptions (3 pruned), more than prune.maxDeletes (2) allows. Review the deletes and run again with --allow-deletes 3.",
    ]);
    expect(buildPlan(input({ desired: [desired()], live: [kept, ...strays], prune: prune({ maxDeletes: 3 }) })).refusals).toEqual([]);
    expect(buildPlan(input({ desired: [desired()], live: [kept, ...strays], prune: prune({ maxDeletes: 2 }), allowDeletes: 3 })).refusals).toEqual([]);
    expect(buildPlan(input({ desired: [desired()], live: [kept, ...strays], prune: prune({ maxDeletes: 10 }), allowDeletes: 2 })).refusals).toEqual([
      "This plan deletes 3 subscriptions (3 pruned), more than --allow-deletes 2 allows. Review the deletes and run again with --allow-deletes 3.",
    ]);
  });

  it("refuses to prune everything when the configuration came out empty", () => {
    const plan = buildPlan(input({ desired: [], live: [stray("a"), stray("b")], prune: prune({}, { projects: ["WebSite"] }) }));
    expect(deletedIds(plan)).toEqual(["a", "b"]);
    expect(plan.refusals).toEqual([
      "The configuration declares no subscriptions, so this plan would delete all 2 in scope. If that is intended, run again with --allow-deletes 2.",
    ]);
    const allowed = buildPlan(input({ desired: [], live: [stray("a"), stray("b")], prune: prune({}, { projects: ["WebSite"] }), allowDeletes: 2 }));
    expect(allowed.refusals).toEqual([]);
  });

  it("deletes nothing with an empty configuration and the default scope", () => {
    const plan = buildPlan(input({ desired: [], live: [stray("a")] }));
    expect(plan.changes).toEqual([]);
    expect(plan.refusals).toEqual([]);
  });
});

describe("wildcardMatches", () => {
  it("matches * across any characters and the rest literally", () => {
    expect(wildcardMatches("https://*.example.com/*", "https://a.b.example.com/x/y")).toBe(true);
    expect(wildcardMatches("https://hooks.example.com/ado", "https://HOOKS.example.com/ado")).toBe(true);
    expect(wildcardMatches("https://hooks.example.com/a.o", "https://hooks.example.com/ado")).toBe(false);
    expect(wildcardMatches("https://*.example.com", "https://example.org")).toBe(false);
  });
});
