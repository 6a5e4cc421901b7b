import { describe, expect, it } from "vitest";
import { invalidBody } from "../../src/action/bodies.js";
import { COMMENT_LIMIT, markerLine } from "../../src/action/comment.js";
import { findingsTable } from "../../src/action/findings.js";
import { parseBoolean } from "../../src/action/inputs.js";
import type { Finding } from "../../src/config/types.js";
import { renderMarkdown } from "../../src/report/index.js";
import { mixedPlan } from "../report/fixtures.js";

function finding(index: number): Finding {
  return { file: "hooks/a.yaml", line: index + 1, column: 3, severity: index % 2 === 0 ? "error" : "warning", rule: "unknown-event-type", message: `problem ${index} | with a pipe and <tag>` };
}

describe("the comment marker", () => {
  it("is the first line renderMarkdown writes, also for paths that need escaping", () => {
    for (const id of ["hookops.yaml", "teams/web & mobile/hookops.yaml", "odd/<dir>/hookops.yaml"]) {
      expect(renderMarkdown(mixedPlan(), { marker: id }).split("\n")[0]).toBe(markerLine(id));
    }
    expect(markerLine("a/-->/hookops.yaml")).toBe("<!-- hookops-plan:a/--&gt;/hookops.yaml -->");
  });
});

describe("findings in Markdown", () => {
  it("escapes table cells and drops rows that do not fit, saying how many", () => {
    const findings = Array.from({ length: 2000 }, (_, index) => finding(index));
    const full = findingsTable(findings);
    expect(full.split("\n")).toHaveLength(2002);
    expect(full).toContain("| `hooks/a.yaml:1:3` | ❌ error | `unknown-event-type` | problem 0 \\| with a pipe and &lt;tag&gt; |");

    const body = invalidBody(findings, { markerId: "hookops.yaml", comment: true, runUrl: "https://github.com/o/r/actions/runs/1" });
    expect(body.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(body).toMatch(/_\d+ more findings not shown here; the job summary lists them all\._/);
    expect(body.trimEnd().endsWith("[View the workflow run](https://github.com/o/r/actions/runs/1)")).toBe(true);
    const summary = invalidBody(findings, { markerId: "hookops.yaml", comment: false });
    expect(summary).not.toContain("more findings not shown");
    expect(summary).not.toContain("<!-- hookops-plan");
  });
});

describe("boolean inputs", () => {
  it("reads the YAML 1.2 core booleans, defaults when empty, and rejects anything else", () => {
    expect(parseBoolean("comment", "", true)).toBe(true);
    expect(parseBoolean("comment", "False", true)).toBe(false);
    expect(parseBoolean("detailed-exitcode", " TRUE ", false)).toBe(true);
    expect(() => parseBoolean("detailed-exitcode", "yes", false)).toThrow('Input "detailed-exitcode" must be true or false (got "yes").');
  });
});
