import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/reconcile/index.js";
import { desired, envResolver, input, live } from "./builders.js";

describe("references in filters", () => {
  const wanted = desired({ publisherInputs: { buildStatus: "Failed", definitionName: "${env:DEFINITION}" } });

  it("are resolved before matching, so the live subscription made from them matches and nothing is created again", () => {
    const plan = buildPlan(input({ desired: [wanted], live: [live()], resolveReference: envResolver({ DEFINITION: "WebSite.CI" }) }));
    expect(plan.changes).toEqual([]);
    expect(plan.noop).toBe(1);
  });

  it("send the resolved value, and a changed value is a change of that filter", () => {
    const plan = buildPlan(input({ desired: [wanted], live: [], resolveReference: envResolver({ DEFINITION: "Other.CI" }) }));
    expect(plan.changes[0]?.body?.publisherInputs.definitionName).toBe("Other.CI");
    expect(plan.changes[0]?.fields).toContainEqual({ field: "publisherInputs.definitionName", after: "Other.CI" });
  });

  it("refuse the plan when one cannot be resolved, naming the reference", () => {
    const plan = buildPlan(input({ desired: [wanted], live: [live()] }));
    expect(plan.refusals).toEqual([
      '"website-ci-failed": publisherInputs.definitionName is "${env:DEFINITION}", which cannot be resolved here; filters are resolved when planning, so make it available (set the variable or create the file) and plan again.',
    ]);
  });
});

describe("URLs whose path is their secret", () => {
  const slack = desired({
    consumerId: "slack",
    consumerActionId: "postMessageToChannel",
    consumerInputs: { url: "https://hooks.slack.com/services/T0/B0/SECRETPATH" },
  });

  it("are left out of the planned body and shown as host only", () => {
    const plan = buildPlan(input({ desired: [slack] }));
    const [create] = plan.changes;
    expect(create?.secretInputs).toEqual(["url"]);
    expect(create?.body?.consumerInputs.url).toBeUndefined();
    expect(JSON.stringify(plan)).not.toContain("SECRETPATH");
  });

  it("are still compared: a changed path is a change, shown without either value", () => {
    const current = live({
      consumerId: "slack",
      consumerActionId: "postMessageToChannel",
      consumerInputs: { url: "https://hooks.slack.com/services/T0/B0/OLDPATH" },
    });
    const plan = buildPlan(input({ desired: [{ ...slack, id: current.id }], live: [current] }));
    expect(JSON.stringify(plan)).not.toMatch(/SECRETPATH|OLDPATH/);
    expect(plan.changes[0]?.fields).toContainEqual(expect.objectContaining({ field: "consumerInputs.url", sensitive: true }));
  });
});
