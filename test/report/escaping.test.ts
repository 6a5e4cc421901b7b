import { describe, expect, it, vi } from "vitest";
import { makeOutput, printFindings } from "../../src/cli/output.js";
import { githubAnnotation, renderFindingsGithub, renderFindingsText, toValidationReport } from "../../src/report/findings.js";
import type { Finding } from "../../src/config/types.js";
import { applyResultLine, applySummaryText, resultJson } from "../../src/report/apply.js";
import { buildPlan } from "../../src/reconcile/index.js";
import { renderJson, renderMarkdown, renderText } from "../../src/report/index.js";
import { desired, envResolver, input } from "../reconcile/builders.js";
import { expectInert, expectOwnHtmlOnly, HOSTILE, hostilePlan, hostileReport, hostileResults, INJECTION, SLACK_URL } from "./hostile.js";

describe("plan text", () => {
  for (const color of [false, true]) {
    it(`keeps every value on its line and escapes control characters (color: ${color})`, () => {
      const text = renderText(hostilePlan(), { color });
      expectInert(text);
      expect(text).toContain(
        "evil\\n::error::pwned \\x1b[2J\\x1b]8;;https://evil.example.com\\u{7} </details> ``` <img src=x> \\u{202e}txt.exe\\u{2028}#\\u{23}vso[",
      );
      expect(text).toContain("hookops plan for fabrikam\\n::error::pwned");
      expect(text).toContain("posting to https://hooks.slack.com/…");
    });
  }

  it("still shows header lists as a diff of lines, each line escaped", () => {
    const lines = renderText(hostilePlan(), { color: false }).split("\n");
    expect(lines).toContain("        +X-Evil: \\x1b[2J");
    expect(lines).toContain("        +\\u{3a}:error::header");
    const patch = lines.slice(lines.findIndex((line) => line.includes("~ consumerInputs.httpHeaders:")));
    // A line break inside a header list is a new header line, shown as such; no line escapes its diff line.
    expect(patch.slice(1, 7)).toEqual([
      "        --- live",
      "        +++ desired",
      "        @@ -1,1 +1,3 @@",
      "         X-Team: web",
      "        +X-Evil: evil",
      expect.stringMatching(/^ {8}\+\\u\{3a\}:error::pwned \\x1b\[2J/),
    ]);
  });

  it("quotes values as before when there is nothing to escape", () => {
    const plan = hostilePlan();
    plan.changes = [{ ...plan.changes[0]!, name: "a", project: "b", fields: [{ field: "consumerInputs.url", after: 'https://h.example.com/"q"\\x' }] }];
    expect(renderText(plan, { color: false })).toContain('+ consumerInputs.url = "https://h.example.com/\\"q\\"\\\\x"');
  });
});

describe("plan Markdown", () => {
  it("keeps its structure whatever the values hold", () => {
    const plan = hostilePlan();
    const markdown = renderMarkdown(plan, { marker: "hooks/::error::x\n", runUrl: "https://github.com/o/r/actions/runs/1" });
    expectInert(markdown);
    expectOwnHtmlOnly(markdown);
    expect(markdown.split("\n")[0]).toBe("<!-- hookops-plan:hooks/::error::x\\n -->");
    const outsideFences = markdown.replace(/^(`{3,})diff\n[\s\S]*?\n\1$/gm, "");
    expect(outsideFences.match(/<details>/g)).toHaveLength(plan.changes.length);
    expect(outsideFences.match(/<\/details>/g)).toHaveLength(plan.changes.length);
    // Each change: summary, a fence longer than any backtick run inside, the close of <details>.
    const blocks = [...markdown.matchAll(/<details><summary>([^\n]*)<\/summary>\n\n(`{3,})diff\n([\s\S]*?)\n\2\n\n<\/details>/g)];
    expect(blocks).toHaveLength(plan.changes.length);
    for (const [, summary, ticks, body] of blocks) {
      expect(summary).toContain("<b>evil\\n::error::pwned \\x1b[2J\\x1b]8;;https://evil.example.com\\u{7} &lt;/details&gt; ``` &lt;img src=x&gt;");
      const longestRun = Math.max(0, ...(body!.match(/`+/g) ?? []).map((run) => run.length));
      expect(ticks!.length).toBeGreaterThan(longestRun);
    }
    expect(markdown).toContain("### hookops plan for `fabrikam\\n::error::pwned`");
    expect(markdown).toContain("> - refusal evil\\\\n::error::pwned \\\\x1b\\[2J");
    expect(markdown).toContain("posting to https://hooks.slack.com/…");
  });

  it("table rows stay one row with five cells", () => {
    const markdown = renderMarkdown(hostilePlan());
    const rows = markdown.split("\n").filter((line) => line.startsWith("| evil"));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(7);
    expect(rows[0]).toContain("| `id\\n::error::pwned` |");
  });

  it("keeps its structure when truncated", () => {
    const markdown = renderMarkdown(hostilePlan(), { maxLength: 3000 });
    expect(markdown.length).toBeLessThanOrEqual(3000);
    expectInert(markdown);
    const outsideFences = markdown.replace(/^(`{3,})diff\n[\s\S]*?\n\1$/gm, "");
    expect(outsideFences.match(/<details>/g)?.length).toBe(outsideFences.match(/<\/details>/g)?.length);
    expectOwnHtmlOnly(markdown);
  });
});

describe("apply output", () => {
  for (const color of [false, true]) {
    it(`result lines and the summary escape names, ids, service messages and notes (color: ${color})`, () => {
      const lines = hostileResults()
        .map((result) => applyResultLine(result, { color }))
        .join("\n");
      const summary = applySummaryText(hostileReport(), { color });
      for (const output of [lines, summary]) {
        expectInert(output);
        expect(output).toContain("evil\\n::error::pwned");
      }
      expect(lines).toContain("new\\n::error::pwned");
      expect(summary).toContain("at https://hooks.slack.com/…");
    });
  }

  it("as JSON, messages show incoming-webhook URLs by host", () => {
    const json = JSON.stringify(hostileResults().map(resultJson));
    expect(json).not.toContain("SLACKPATH");
    expect(json).toContain("at https://hooks.slack.com/…");
  });
});

describe("the plan as shown in JSON", () => {
  it("holds no secret-by-nature value: webhook URLs by host only, referenced headers left to apply", () => {
    const slack = desired({
      name: "slack",
      consumerId: "slack",
      consumerActionId: "postMessageToChannel",
      consumerInputs: { url: SLACK_URL, channel: "#ops" },
    });
    const hooked = desired({ name: "hooked", consumerInputs: { url: "${env:HOOK_URL}", httpHeaders: "X-Trace: 1\nCookie: ${env:HOOK_COOKIE}" } });
    const plan = buildPlan(
      input({ desired: [slack, hooked], resolveReference: envResolver({ HOOK_URL: "https://h.example/x", HOOK_COOKIE: "a=cookie-value" }) }),
    );
    const json = renderJson(plan);
    expect(json).not.toContain("SLACKPATH");
    expect(json).not.toContain("cookie-value");
    expect(plan.changes.find((change) => change.name === "slack")?.fields).toContainEqual({ field: "consumerInputs.url", after: "https://hooks.slack.com/…" });
    expect(plan.changes.find((change) => change.name === "slack")?.body?.consumerInputs).toEqual({ channel: "#ops" });
  });
});

describe("validation findings", () => {
  const findings: Finding[] = [
    { file: `hooks/${HOSTILE}.yaml`, line: 2, column: 5, severity: "error", rule: `rule${INJECTION}`, message: `value ${HOSTILE} posts to ${SLACK_URL}` },
    { file: "::warning::x.yaml", line: 1, column: 1, severity: "warning", rule: "r", message: "m" },
  ];
  const report = toValidationReport({ subscriptions: [], findings, files: ["hookops.yaml"] });

  for (const color of [false, true]) {
    it(`as text: one line per finding, values inert (color: ${color})`, () => {
      const text = renderFindingsText(report, { color });
      expectInert(text);
      expect(text.trimEnd().split("\n")).toHaveLength(findings.length + 1);
      expect(text).toContain("\\u{3a}:warning::x.yaml:1:1:");
    });
  }

  it("as GitHub annotations: one command per finding, the message's own line breaks encoded", () => {
    const lines = renderFindingsGithub(report).trimEnd().split("\n");
    expect(lines).toHaveLength(findings.length + 1);
    expect(lines.filter((line) => line.startsWith("::"))).toHaveLength(findings.length);
    expect(lines.join("\n")).not.toMatch(/[\u001b\u2028\u202e]/);
    expect(githubAnnotation(findings[0]!)).toContain("::value evil%0A\\u{3a}:error::pwned \\x1b[2J");
    expect(githubAnnotation(findings[0]!)).not.toContain("SLACKPATH");
  });

  it("printed by the CLI to stderr, and --verbose lines, stay inert", () => {
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
    try {
      const output = makeOutput({ color: true, verbose: true }, { env: { FORCE_COLOR: "1" }, stdout: process.stdout, stderr: process.stderr });
      printFindings({ subscriptions: [], findings, files: ["hookops.yaml"] }, output);
      output.verbose(`listing failed: ${HOSTILE}`);
    } finally {
      spy.mockRestore();
    }
    const written = chunks.join("");
    expectInert(written);
    expect(written).toContain("hookops: listing failed: evil\\n::error::pwned");
  });
});
