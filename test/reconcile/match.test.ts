import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/reconcile/index.js";
import { desired, envResolver, input, live, MOBILE_ID, OTHER_ID, WEBSITE_ID } from "./builders.js";

describe("matching", () => {
  it("matches by natural key and updates differing fields in place", () => {
    const plan = buildPlan(
      input({
        desired: [
          desired({
            resourceVersion: "2.0-preview.2",
            consumerInputs: { url: "https://hooks.example.com/ado", messagesToSend: "markdown", basicAuthUsername: "ado" },
          }),
        ],
        live: [live({ consumerInputs: { url: "https://hooks.example.com/ado", messagesToSend: "text", detailedMessagesToSend: "none" } })],
      }),
    );
    expect(plan.changes).toHaveLength(1);
    const [change] = plan.changes;
    expect(change).toMatchObject({
      action: "update",
      name: "website-ci-failed",
      project: "WebSite",
      projectId: WEBSITE_ID,
      liveId: live().id,
      host: "default",
    });
    expect(change?.fields).toEqual([
      { field: "consumerInputs.basicAuthUsername", after: "ado" },
      { field: "consumerInputs.detailedMessagesToSend", before: "none" },
      { field: "consumerInputs.messagesToSend", before: "text", after: "markdown" },
      { field: "resourceVersion", before: "1.0", after: "2.0-preview.2" },
    ]);
    expect(change?.body).toEqual({
      publisherId: "tfs",
      eventType: "build.complete",
      resourceVersion: "2.0-preview.2",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      publisherInputs: { projectId: WEBSITE_ID, buildStatus: "Failed", definitionName: "WebSite.CI" },
      consumerInputs: { url: "https://hooks.example.com/ado", messagesToSend: "markdown", basicAuthUsername: "ado" },
      status: "enabled",
    });
  });

  it("treats a different key as a different subscription when the old one is declared too: create the new one", () => {
    const plan = buildPlan(
      input({
        desired: [
          desired({ consumerInputs: { url: "https://hooks.example.com/new" } }),
          desired({ name: "old", consumerInputs: { url: "https://hooks.example.com/ado" } }),
        ],
        live: [live()],
      }),
    );
    expect(plan.changes.map((change) => [change.action, change.name])).toEqual([["create", "website-ci-failed"]]);
  });

  it("treats a different key as a different subscription where a second one in the slot makes pairing ambiguous", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ consumerInputs: { url: "https://hooks.example.com/new" } })],
        live: [live(), live({ id: "22222222-3a9a-4ad0-860f-2a5c7379e3eb", publisherInputs: { ...live().publisherInputs, buildStatus: "Succeeded" } })],
      }),
    );
    expect(plan.changes.map((change) => [change.action, change.name])).toEqual([
      ["create", "website-ci-failed"],
      ["delete", "build.complete -> webHooks (hooks.example.com)"],
      ["delete", "build.complete -> webHooks (hooks.example.com)"],
    ]);
    expect(plan.warnings.join("\n")).toContain("hookops cannot tell which is which");
  });

  it("matches a pinned id even when the key differs, and replaces it", () => {
    const plan = buildPlan(
      input({
        desired: [
          desired({
            id: live().id.toUpperCase(),
            publisherInputs: { buildStatus: "Succeeded", definitionName: "WebSite.CI" },
            consumerInputs: { url: "https://hooks.example.com/v2", messagesToSend: "none" },
          }),
        ],
        live: [live()],
      }),
    );
    expect(plan.changes).toHaveLength(1);
    const [change] = plan.changes;
    expect(change).toMatchObject({ action: "replace", liveId: live().id, name: "website-ci-failed" });
    expect(change?.fields).toEqual([
      { field: "publisherInputs.buildStatus", before: "Failed", after: "Succeeded", forcesReplacement: true },
      { field: "consumerInputs.url", before: "https://hooks.example.com/ado", after: "https://hooks.example.com/v2", forcesReplacement: true },
      { field: "consumerInputs.messagesToSend", after: "none" },
    ]);
    expect(change?.body?.consumerInputs.url).toBe("https://hooks.example.com/v2");
  });

  it("replaces a pinned subscription moved to another event, deleting the old one only because it may", () => {
    const plan = buildPlan(input({ desired: [desired({ id: live().id, eventType: "git.push", publisherInputs: {} })], live: [live()] }));
    expect(plan.changes[0]?.action).toBe("replace");
    expect(plan.changes[0]?.fields.slice(0, 1)).toEqual([{ field: "eventType", before: "build.complete", after: "git.push", forcesReplacement: true }]);
    expect(plan.refusals).toEqual([]);
  });

  it("refuses to replace a pinned subscription the delete rule protects, with prune off or on", () => {
    const prune = { enabled: false, scope: { createdBy: "self" as const }, maxDeletes: 10 };
    const moved = buildPlan(
      input({ desired: [desired({ id: live().id, project: "Mobile", eventType: "git.push", publisherInputs: {} })], live: [live()], prune }),
    );
    expect(moved.changes).toEqual([]);
    expect(moved.refusals).toEqual([
      `"website-ci-failed": a change of project, eventType, publisherInputs.buildStatus, publisherInputs.definitionName needs a replace (a new subscription created, then ${live().id} deleted), but ${live().id} may not be deleted: its project WebSite is outside the managed projects (prune.scope.projects, by default the projects the files name).`,
    ]);
    const someoneElses = live({ createdBy: { id: OTHER_ID, displayName: "Ada" } });
    const other = buildPlan(input({ desired: [desired({ id: live().id, consumerInputs: { url: "https://new.example.com/" } })], live: [someoneElses], prune }));
    expect(other.changes).toEqual([]);
    expect(other.refusals[0]).toContain("may not be deleted: it was created by Ada, not by the identity running hookops");
    const protectedOne = buildPlan(
      input({
        desired: [desired({ id: live().id, consumerInputs: { url: "https://new.example.com/" } })],
        live: [someoneElses],
        prune: { ...prune, scope: { createdBy: "any" } },
      }),
    );
    expect(protectedOne.changes.map((change) => change.action)).toEqual(["replace"]);
  });

  it("counts the old halves of replaces toward maxDeletes", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ id: live().id, consumerInputs: { url: "https://new.example.com/" } })],
        live: [live()],
        prune: { enabled: false, scope: { createdBy: "self" }, maxDeletes: 0 },
      }),
    );
    expect(plan.refusals).toEqual([
      "This plan deletes 1 subscription (1 replaced), more than prune.maxDeletes (0) allows. Review the deletes and run again with --allow-deletes 1.",
    ]);
  });

  it("falls back to the key when a pinned id is gone, with a warning", () => {
    const plan = buildPlan(input({ desired: [desired({ id: "00000000-0000-0000-0000-00000000dead" })], live: [live()] }));
    expect(plan.changes).toEqual([]);
    expect(plan.noop).toBe(1);
    expect(plan.warnings).toEqual([expect.stringContaining("pins id 00000000-0000-0000-0000-00000000dead, which no live subscription has")]);
  });

  it("keeps fan-out names and resolves each project", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ name: "ci-failed@WebSite", project: "WebSite" }), desired({ name: "ci-failed@Mobile", project: "Mobile" })],
        live: [live()],
      }),
    );
    expect(plan.noop).toBe(1);
    expect(plan.changes.map((change) => [change.action, change.name, change.project, change.projectId])).toEqual([
      ["create", "ci-failed@Mobile", "Mobile", MOBILE_ID],
    ]);
  });

  it("refuses a desired subscription whose project does not exist", () => {
    const plan = buildPlan(input({ desired: [desired({ project: "Nope" })] }));
    expect(plan.changes).toEqual([]);
    expect(plan.refusals).toEqual(['hooks/website.yaml:2:5: "website-ci-failed" names project "Nope", which does not exist in fabrikam.']);
  });

  it("names the declaring file and line of a misspelled project, and the closest project", () => {
    const plan = buildPlan(input({ desired: [desired({ project: "WebSit" })] }));
    expect(plan.refusals).toEqual([
      'hooks/website.yaml:2:5: "website-ci-failed" names project "WebSit", which does not exist in fabrikam. Did you mean "WebSite"?',
    ]);
  });

  it("routes release-management subscriptions to the release host", () => {
    const plan = buildPlan(
      input({
        desired: [
          desired({ publisherId: "rm", eventType: "ms.vss-release.deployment-completed-event", resourceVersion: "3.0-preview.1", publisherInputs: {} }),
        ],
      }),
    );
    expect(plan.changes[0]).toMatchObject({ action: "create", host: "release" });
  });
});

describe("duplicates", () => {
  const older = live({ id: "aaaaaaaa-0000-4000-8000-000000000001", createdDate: "2024-01-01T00:00:00Z" });
  const newer = live({ id: "aaaaaaaa-0000-4000-8000-000000000002", createdDate: "2024-06-01T00:00:00Z" });

  it("matches the oldest of equal duplicates and prunes the others", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [newer, older] }));
    expect(plan.noop).toBe(1);
    expect(plan.changes).toMatchObject([{ action: "delete", liveId: newer.id, reasons: ['duplicate of "website-ci-failed"'] }]);
    expect(plan.warnings).toEqual([]);
  });

  it("does not take a subscription listed by both hosts for its own duplicate", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [older, { ...older, id: older.id.toUpperCase() }] }));
    expect(plan.noop).toBe(1);
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it("keeps a healthy copy over an older unhealthy one, in any listing order, so a half-done probation replace is finished, not undone", () => {
    const disabledOlder = { ...older, status: "disabledBySystem" as const };
    for (const live of [
      [disabledOlder, newer],
      [newer, disabledOlder],
    ]) {
      const plan = buildPlan(input({ desired: [desired()], live }));
      expect(plan.changes.map((change) => [change.action, change.liveId])).toEqual([["delete", older.id]]);
    }
  });

  it("keeps the oldest among equally unhealthy copies, and repairs it", () => {
    const disabledOlder = { ...older, status: "disabledBySystem" as const };
    const disabledNewer = { ...newer, status: "onProbation" as const };
    for (const live of [
      [disabledOlder, disabledNewer],
      [disabledNewer, disabledOlder],
    ]) {
      const plan = buildPlan(input({ desired: [desired()], live }));
      expect(plan.changes.map((change) => [change.action, change.liveId])).toEqual([
        ["repair", older.id],
        ["delete", newer.id],
      ]);
    }
  });

  it("keeps the lowest id among duplicates created at the same moment", () => {
    const twin = live({ id: "aaaaaaaa-0000-4000-8000-000000000000", createdDate: older.createdDate });
    const plan = buildPlan(input({ desired: [desired()], live: [older, twin] }));
    expect(plan.changes.map((change) => change.liveId)).toEqual([older.id]);
  });

  it("deletes duplicates with pruning off too: collapsing a declaration's copies is not a prune", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [older, newer], prune: { enabled: false, scope: { createdBy: "self" }, maxDeletes: 10 } }));
    expect(plan.changes).toMatchObject([{ action: "delete", liveId: newer.id, reasons: ['duplicate of "website-ci-failed"'] }]);
    expect(plan.unmanaged).toEqual([]);
  });

  it("shows, and keeps, a duplicate the delete rule protects", () => {
    const othersCopy = live({ id: newer.id, createdDate: newer.createdDate, createdBy: { id: OTHER_ID, displayName: "Ada" } });
    const plan = buildPlan(input({ desired: [desired()], live: [older, othersCopy] }));
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([
      `"website-ci-failed" has 1 duplicate live subscription that hookops may not delete: ${newer.id} (it was created by Ada, not by the identity running hookops (prune.scope.createdBy: self)). Events reach the target once per copy.`,
    ]);
  });

  it("counts duplicate deletes toward maxDeletes", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [older, newer], prune: { enabled: false, scope: { createdBy: "self" }, maxDeletes: 0 } }));
    expect(plan.refusals).toEqual([
      "This plan deletes 1 subscription (1 duplicate), more than prune.maxDeletes (0) allows. Review the deletes and run again with --allow-deletes 1.",
    ]);
  });
});

describe("key inputs holding unresolvable references", () => {
  const slack = (url: string, id: string) => live({ id, consumerId: "slack", consumerActionId: "postMessageToChannel", consumerInputs: { url } });
  const wanted = desired({ consumerId: "slack", consumerActionId: "postMessageToChannel", consumerInputs: { url: "${env:SLACK_URL}" } });

  it("matches the only candidate that agrees on everything else", () => {
    const plan = buildPlan(input({ desired: [wanted], live: [slack("https://hooks.slack.com/services/T0/B0/secret", "s-1")] }));
    expect(plan.changes).toEqual([]);
    expect(plan.noop).toBe(1);
    expect(plan.warnings[0]).toContain("consumerInputs.url could not be resolved here; matched the only live subscription");
  });

  it("uses the resolved value when available", () => {
    const plan = buildPlan(
      input({
        desired: [wanted],
        live: [slack("https://hooks.slack.com/services/T0/B0/one", "s-1"), slack("https://hooks.slack.com/services/T0/B0/two", "s-2")],
        resolveReference: envResolver({ SLACK_URL: "https://hooks.slack.com/services/T0/B0/two" }),
      }),
    );
    expect(plan.noop).toBe(1);
    expect(plan.changes).toMatchObject([{ action: "delete", liveId: "s-1" }]);
  });

  it("refuses to guess between several candidates and deletes none of them", () => {
    const plan = buildPlan(
      input({
        desired: [wanted],
        live: [slack("https://hooks.slack.com/services/T0/B0/one", "s-1"), slack("https://hooks.slack.com/services/T0/B0/two", "s-2")],
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.refusals).toEqual([expect.stringContaining("2 live subscriptions could be the one it means (s-1, s-2)")]);
    expect(plan.unmanaged.map((entry) => entry.id)).toEqual(["s-1", "s-2"]);
  });
});
