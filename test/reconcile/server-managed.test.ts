import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/reconcile/index.js";
import { desired, input, live, WEBSITE_ID } from "./builders.js";

const ENDPOINT = { eventType: "ms.vss-endpoint.endpoint-created", resourceVersion: undefined, publisherInputs: {} };

describe("values the service manages (R10)", () => {
  it("sends a personal subscription's subscriberId back on a PUT, and never diffs it", () => {
    const personal = live({ publisherInputs: { ...live().publisherInputs, subscriberId: "5d1e0a11-0000-4000-8000-00000000beef" } });
    const plan = buildPlan(
      input({ desired: [desired({ consumerInputs: { url: "https://hooks.example.com/ado", messagesToSend: "none" } })], live: [personal] }),
    );
    expect(plan.changes).toHaveLength(1);
    expect(plan.changes[0]?.fields.map((field) => field.field)).toEqual(["consumerInputs.messagesToSend"]);
    expect(plan.changes[0]?.body?.publisherInputs.subscriberId).toBe("5d1e0a11-0000-4000-8000-00000000beef");
  });

  it("shows no change where the live resourceVersion is latest and none is declared", () => {
    expect(buildPlan(input({ desired: [desired({ resourceVersion: undefined })], live: [live({ resourceVersion: "latest" })] })).changes).toEqual([]);
  });

  it("does not diff a version the action cannot choose (the service picks it for Slack)", () => {
    const slack = { consumerId: "slack", consumerActionId: "postMessageToChannel", consumerInputs: { url: "https://hooks.slack.com/services/T0/B0/x" } };
    const plan = buildPlan(input({ desired: [desired({ ...slack, resourceVersion: undefined })], live: [live({ ...slack, resourceVersion: "2.0" })] }));
    expect(plan.changes).toEqual([]);
  });
});

describe("events the service never lists (R4)", () => {
  it("refuses to create a pinned one again when it cannot be read", () => {
    const plan = buildPlan(input({ desired: [desired({ ...ENDPOINT, name: "endpoints", id: "7a7a7a7a-0000-4000-8000-000000000001" })] }));
    expect(plan.changes).toEqual([]);
    expect(plan.refusals.join("\n")).toContain(
      '"endpoints" pins id 7a7a7a7a-0000-4000-8000-000000000001 of a ms.vss-endpoint.endpoint-created subscription, which the service never lists',
    );
  });

  it("creates an unpinned one once, saying the id must be pinned", () => {
    const plan = buildPlan(input({ desired: [desired({ ...ENDPOINT, name: "endpoints" })] }));
    expect(plan.changes.map((change) => change.action)).toEqual(["create"]);
    expect(plan.warnings.join("\n")).toContain("pin the id apply prints");
  });

  it("changes a pinned one that a GET by id found in place, even its url, so its id stays", () => {
    const found = live({
      id: "7a7a7a7a-0000-4000-8000-000000000001",
      eventType: ENDPOINT.eventType,
      resourceVersion: undefined,
      publisherInputs: { projectId: WEBSITE_ID },
    });
    const plan = buildPlan(
      input({ desired: [desired({ ...ENDPOINT, id: found.id, consumerInputs: { url: "https://hooks.example.com/v2" } })], live: [found] }),
    );
    expect(plan.refusals).toEqual([]);
    expect(plan.changes.map((change) => [change.action, change.liveId])).toEqual([["update", found.id]]);
  });
});
