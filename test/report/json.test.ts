import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/report/index.js";
import { mixedPlan } from "./fixtures.js";

describe("renderJson", () => {
  it("is the plan itself, 2-space indented, with formatVersion first", () => {
    const plan = mixedPlan();
    const json = renderJson(plan);
    expect(JSON.parse(json)).toEqual({ ...plan, summary: { create: 1, update: 1, replace: 1, delete: 1, repair: 1, noop: plan.noop } });
    expect(json.split("\n").slice(0, 4)).toEqual(["{", '  "formatVersion": 1,', '  "organization": "fabrikam",', '  "createdAt": "2025-02-01T12:00:00.000Z",']);
  });

  it("orders keys the same way whatever order they were built in", () => {
    const plan = mixedPlan();
    const reversed = JSON.parse(
      JSON.stringify(plan, (_key, value: unknown) =>
        value !== null && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
      ),
    ) as typeof plan;
    expect(renderJson(reversed)).toBe(renderJson(plan));
  });

  it("puts a change's identity before its details", () => {
    const change = JSON.parse(renderJson(mixedPlan())).changes[0] as Record<string, unknown>;
    expect(Object.keys(change).slice(0, 6)).toEqual(["action", "name", "project", "projectId", "host", "publisherId"]);
  });
});
