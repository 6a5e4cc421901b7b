import { describe, expect, it } from "vitest";
import type { ApplyReport, ChangeResult } from "../../src/apply/index.js";
import { applyResultLine, applySummaryText } from "../../src/report/apply.js";
import { plannedChange } from "./helpers.js";

const OLD = "11111111-1111-4111-8111-111111111111";
const NEW = "22222222-2222-4222-8222-222222222222";

const results: ChangeResult[] = [
  { change: plannedChange("create", "website-ci-failed"), outcome: "succeeded", liveId: NEW, notes: [] },
  { change: plannedChange("replace", "website-deploys", { liveId: OLD }), outcome: "succeeded", liveId: NEW, notes: ["the old subscription was already gone"] },
  { change: plannedChange("update", "website-pr", { liveId: OLD }), outcome: "failed", message: "PUT … failed: HTTP 400", notes: [] },
  {
    change: plannedChange("delete", "build.complete -> webHooks (old.example)", { liveId: OLD }),
    outcome: "skipped",
    message: "not started: apply was interrupted",
    notes: [],
  },
];

describe("apply output", () => {
  it("prints one line per completed change, with notes", () => {
    expect(results.map((result) => applyResultLine(result, { color: false })).join("\n")).toMatchInlineSnapshot(`
      "+ created website-ci-failed (WebSite) 22222222-2222-4222-8222-222222222222
      -/+ replaced website-deploys (WebSite) 11111111-1111-4111-8111-111111111111 -> 22222222-2222-4222-8222-222222222222
          note: the old subscription was already gone
      ✗ failed to update website-pr (WebSite): PUT … failed: HTTP 400
      · skipped build.complete -> webHooks (old.example) (WebSite): not started: apply was interrupted"
    `);
  });

  it("summarizes what was and was not changed", () => {
    const report: ApplyReport = { results, succeeded: 2, failed: 1, skipped: 1, interrupted: true };
    expect(applySummaryText(report, { color: false })).toMatchInlineSnapshot(`
      "Apply interrupted: 2 changed, 1 failed, 1 skipped.
      Failed (not changed, or only partly):
        ✗ website-pr (WebSite) (update): PUT … failed: HTTP 400
      Skipped (not changed):
        · build.complete -> webHooks (old.example) (WebSite) (delete): not started: apply was interrupted
      Run \`hookops plan\` to see what is left, and apply again to converge.
      "
    `);
    const clean: ApplyReport = { results: results.slice(0, 2), succeeded: 2, failed: 0, skipped: 0, interrupted: false };
    expect(applySummaryText(clean, { color: false })).toBe("Apply complete: 2 changed, 0 failed, 0 skipped.\n");
  });

  it("colors only when asked", () => {
    expect(applyResultLine(results[0]!, { color: true })).toContain("\u001b[32m+\u001b[39m");
    expect(applyResultLine(results[0]!, { color: false })).not.toContain("\u001b[");
  });
});
