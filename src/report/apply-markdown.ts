import type { ApplyReport, ChangeResult } from "../apply/types.js";
import type { Plan } from "../reconcile/types.js";
import { inertText } from "../util/inert.js";
import { countOf } from "../util/text.js";
import { summaryLine } from "./format.js";
import { codeSpan, markdownText } from "./markdown-escape.js";
import { renderMarkdown, runLink } from "./markdown.js";

const OUTCOME_ICON: Record<ChangeResult["outcome"], string> = { succeeded: "✅ succeeded", failed: "❌ failed", skipped: "⏭️ skipped" };

function resultRow(result: ChangeResult): string {
  const { change } = result;
  const note = [result.message, ...result.notes].filter((text): text is string => text !== undefined && text !== "").join("; ");
  const id = result.liveId ?? change.liveId;
  return `| ${change.action} | ${markdownText(change.name)} | ${markdownText(change.organizationWide === true ? "organization-wide" : (change.project ?? ""))} | ${OUTCOME_ICON[result.outcome]} | ${id === undefined ? "" : codeSpan(id, { inTable: true })} | ${markdownText(note)} |`;
}

/** One log line per completed change, as the Action prints it: `✓ create website-ci-failed (3f2c…): succeeded`. */
export function applyResultLogLine(result: ChangeResult): string {
  const mark = result.outcome === "succeeded" ? "✓" : result.outcome === "failed" ? "✗" : "-";
  const id = result.liveId === undefined ? "" : ` (${inertText(result.liveId)})`;
  return `${mark} ${result.change.action} ${inertText(result.change.name)}${id}: ${result.outcome}${result.message === undefined ? "" : ` — ${inertText(result.message)}`}`;
}

/** The job summary of an apply: the counts, a row per change, and the plan that was applied. */
export function applySummaryMarkdown(plan: Plan, report: ApplyReport, runUrl: string | undefined): string {
  const head = `### hookops apply for ${codeSpan(plan.organization)}`;
  const counts = `**${report.succeeded} succeeded, ${report.failed} failed, ${report.skipped} skipped** of ${countOf(report.results.length, "change")}.${report.interrupted ? " Interrupted before every change started." : ""}`;
  const blocks = [head, `${counts} ${markdownText(summaryLine(plan))}`];
  if (report.results.length > 0) {
    blocks.push(["| Action | Subscription | Project | Result | Id | Note |", "|---|---|---|---|---|---|", ...report.results.map(resultRow)].join("\n"));
  }
  const planMarkdown = renderMarkdown(plan, { maxLength: 800_000 }).trimEnd();
  blocks.push(`<details><summary>The plan that was applied</summary>\n\n${planMarkdown}\n\n</details>`, ...runLink(runUrl));
  return `${blocks.join("\n\n")}\n`;
}

/** The job summary of a refused apply: why nothing was changed, and the plan. */
export function applyRefusedMarkdown(plan: Plan, reasons: readonly string[]): string {
  const blocks = [
    `### hookops apply for ${codeSpan(plan.organization)} was refused`,
    ["Nothing was changed:", ...reasons.map((reason) => `- ${markdownText(reason)}`)].join("\n"),
    renderMarkdown(plan, { maxLength: 800_000 }).trimEnd(),
  ];
  return `${blocks.join("\n\n")}\n`;
}
