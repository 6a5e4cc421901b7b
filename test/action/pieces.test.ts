import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { withActionRun } from "../../src/action/core.js";
import { markerLine } from "../../src/action/comment.js";
import { annotateFindings } from "../../src/action/findings.js";
import { parseBoolean } from "../../src/action/inputs.js";
import { setPlanOutputs } from "../../src/action/outputs.js";
import type { Finding } from "../../src/config/types.js";
import {
  applySummaryMarkdown,
  COMMENT_LIMIT,
  failedBody,
  findingsTable,
  invalidBody,
  needsCredentialsBody,
  planBody,
  renderMarkdown,
} from "../../src/report/index.js";
import { mixedPlan } from "../report/fixtures.js";
import { expectInert, expectOwnHtmlOnly, HOSTILE, hostilePlan, hostileReport, INJECTION, SLACK_SECRET, SLACK_URL } from "../report/hostile.js";
import { buildPlan } from "../../src/reconcile/index.js";
import { desired, input } from "../reconcile/builders.js";

function finding(index: number): Finding {
  return {
    file: "hooks/a.yaml",
    line: index + 1,
    column: 3,
    severity: index % 2 === 0 ? "error" : "warning",
    rule: "unknown-event-type",
    message: `problem ${index} | with a pipe and <tag>`,
  };
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

describe("hostile values in the Action's outputs", () => {
  const findings: Finding[] = [
    { file: `hooks/${HOSTILE}.yaml`, line: 2, column: 5, severity: "error", rule: `rule${INJECTION}`, message: `bad value ${HOSTILE} for ${SLACK_URL}` },
    { file: "hooks/a.yaml", line: 3, column: 1, severity: "warning", rule: "r", message: HOSTILE },
  ];

  async function captureStdout(run: () => void): Promise<string> {
    const chunks: string[] = [];
    const io = { env: {}, cwd: process.cwd(), stdout: { write: (text: string) => chunks.push(text) }, signals: new EventEmitter() };
    await withActionRun(io, async () => run());
    return chunks.join("");
  }

  it("annotations and log lines: one line per finding, nothing a runner would take for a command", async () => {
    const log = await captureStdout(() => annotateFindings(findings));
    const lines = log.trimEnd().split("\n");
    const commands = lines.filter((line) => line.startsWith("::"));
    expect(commands.map((line) => line.slice(0, line.indexOf(" ")))).toEqual(["::error", "::warning"]);
    for (const line of lines.filter((candidate) => !commands.includes(candidate))) expect(line.trimStart().startsWith("::")).toBe(false);
    expect(log).not.toMatch(/[\u001b\u2028\u202e]/);
    expect(log).not.toContain(SLACK_SECRET);
  });

  it("the plan-json output holds no secret-by-nature URL", async () => {
    const slack = desired({ name: "slack", consumerId: "slack", consumerActionId: "postMessageToChannel", consumerInputs: { url: SLACK_URL } });
    const plan = buildPlan(input({ desired: [slack] }));
    const log = await captureStdout(() => setPlanOutputs(plan));
    expect(log).toContain("plan-json");
    expect(log).not.toContain(SLACK_SECRET);
  });

  it("summary, comment and failure bodies keep their Markdown structure", () => {
    const target = { markerId: `x${INJECTION}/hookops.yaml`, comment: true, runUrl: "https://github.com/o/r/actions/runs/1" };
    const bodies = [
      planBody(hostilePlan(), findings, target),
      planBody(hostilePlan(), findings, { ...target, comment: false }),
      invalidBody(findings, target),
      needsCredentialsBody(findings, 2, `no credential ${HOSTILE}`, false, target),
      failedBody(`request failed: ${HOSTILE}\nsecond line ${SLACK_URL}`, target),
      applySummaryMarkdown(hostilePlan(), hostileReport(), target.runUrl),
    ];
    for (const body of bodies) {
      expectInert(body);
      expectOwnHtmlOnly(body);
    }
    for (const body of [bodies[0]!, bodies[2]!, bodies[3]!, bodies[4]!]) expect(body.split("\n")[0]).toBe(markerLine(target.markerId));
    // An error message keeps its lines inside the fence, each made inert.
    expect(bodies[4]).toContain("````text\nrequest failed: evil\n\\u{3a}:error::pwned");
    const rows = bodies[5]!.split("\n").filter((line) => /^\| (create|update|delete) \|/.test(line));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(8);
  });
});
