import { describe, expect, it } from "vitest";
import type { LiveSubscription } from "../../src/ado/types.js";
import { buildPlan, isStale, naturalKeyOfBody, planSummary, staleReasons } from "../../src/reconcile/index.js";
import { desired, input, live, WEBSITE_ID } from "./builders.js";

describe("fingerprint and staleness", () => {
  const matched = live({ id: "b-matched", modifiedDate: "2025-01-02T00:00:00Z" });
  const updated = live({
    id: "c-updated",
    consumerInputs: { url: "https://u.example.com/" },
    resourceVersion: "2.0-preview.2",
    modifiedDate: "2025-01-03T00:00:00Z",
  });
  const stray = live({
    id: "a-stray",
    eventType: "git.push",
    publisherInputs: { projectId: WEBSITE_ID },
    consumerInputs: { url: "https://stray.example.com/" },
    modifiedDate: "2025-01-04T00:00:00Z",
  });
  const otherProject = live({ id: "d-elsewhere", publisherInputs: { projectId: "not-in-scope" }, consumerInputs: { url: "https://x.example.com/" } });
  const liveState = [matched, updated, stray, otherProject];
  const plan = buildPlan(
    input({
      desired: [
        desired(),
        desired({ name: "u", consumerInputs: { url: "https://u.example.com/" } }),
        desired({ name: "new", consumerInputs: { url: "https://n.example.com/" } }),
      ],
      live: liveState,
    }),
  );

  it("records every live subscription the plan decided about, sorted by id", () => {
    expect(plan.fingerprint).toEqual([
      { id: "a-stray", modifiedDate: "2025-01-04T00:00:00Z" },
      { id: "b-matched", modifiedDate: "2025-01-02T00:00:00Z" },
      { id: "c-updated", modifiedDate: "2025-01-03T00:00:00Z" },
    ]);
  });

  it("is current against the same live state", () => {
    expect(isStale(plan, liveState)).toBe(false);
    expect(isStale(plan, [...liveState, live({ id: "unrelated-new" })])).toBe(false);
  });

  it("is stale when a fingerprinted subscription changed or disappeared", () => {
    const edited: LiveSubscription[] = [matched, { ...updated, modifiedDate: "2025-02-01T00:00:00Z" }, stray];
    expect(isStale(plan, edited)).toBe(true);
    expect(staleReasons(plan, edited)).toEqual(["live subscription c-updated was modified since the plan was made"]);
    expect(staleReasons(plan, [matched, updated])).toEqual(["live subscription a-stray no longer exists"]);
  });

  it("survives a JSON round trip", () => {
    const saved = JSON.parse(JSON.stringify(plan)) as typeof plan;
    expect(saved).toEqual(plan);
    expect(isStale(saved, liveState)).toBe(false);
  });

  it("summarizes changes by action", () => {
    expect(planSummary(plan)).toEqual({ create: 1, update: 1, replace: 0, delete: 1, repair: 0 });
  });
});

describe("naturalKeyOfBody", () => {
  it("gives a created body and the live subscription it became the same key", () => {
    const plan = buildPlan(input({ desired: [desired({ publisherInputs: { buildStatus: "failed", definitionName: "WebSite.CI" } })] }));
    const body = plan.changes[0]?.body;
    if (!body) throw new Error("expected a create with a body");
    const created = live({
      publisherInputs: {
        buildStatus: "Failed",
        definitionName: "WebSite.CI",
        projectId: WEBSITE_ID.toUpperCase(),
        hostId: "h",
        tfsSubscriptionId: "t",
        branch: "",
      },
      consumerInputs: { url: "https://hooks.example.com/ado", basicAuthPassword: "********", messagesToSend: "text" },
    });
    expect(naturalKeyOfBody(created)).toBe(naturalKeyOfBody(body));
  });

  it("differs when the target or a filter differs", () => {
    const base = live();
    expect(naturalKeyOfBody({ ...base, consumerInputs: { url: "https://elsewhere.example.com/" } })).not.toBe(naturalKeyOfBody(base));
    expect(naturalKeyOfBody({ ...base, publisherInputs: { ...base.publisherInputs, buildStatus: "Succeeded" } })).not.toBe(naturalKeyOfBody(base));
  });
});
