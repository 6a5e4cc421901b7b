import * as core from "@actions/core";
import type { ApplyReport, ChangeResult } from "../apply/types.js";
import { applyRepository, type ApplyRun } from "../engine/apply.js";
import type { Plan } from "../reconcile/index.js";
import { renderMarkdown, renderText, summaryLine } from "../report/index.js";
import { invalidBody } from "./bodies.js";
import { chooseCredential } from "./credentials.js";
import { annotateFindings, findingCounts } from "./findings.js";
import { inertText } from "../util/inert.js";
import { codeSpan, markdownText, plural, runLink } from "./markdown.js";
import { setPlanOutputs } from "./outputs.js";
import { writeSummary, type CommandContext } from "./publish.js";

const OUTCOME_ICON: Record<ChangeResult["outcome"], string> = { succeeded: "✅ succeeded", failed: "❌ failed", skipped: "⏭️ skipped" };

function resultRow(result: ChangeResult): string {
  const { change } = result;
  const note = [result.message, ...result.notes].filter((text): text is string => text !== undefined && text !== "").join("; ");
  const id = result.liveId ?? change.liveId;
  return `| ${change.action} | ${markdownText(change.name)} | ${markdownText(change.project ?? "")} | ${OUTCOME_ICON[result.outcome]} | ${id === undefined ? "" : codeSpan(id, { inTable: true })} | ${markdownText(note)} |`;
}

function resultLine(result: ChangeResult): string {
  const mark = result.outcome === "succeeded" ? "✓" : result.outcome === "failed" ? "✗" : "-";
  const id = result.liveId === undefined ? "" : ` (${inertText(result.liveId)})`;
  return `${mark} ${result.change.action} ${inertText(result.change.name)}${id}: ${result.outcome}${result.message === undefined ? "" : ` — ${inertText(result.message)}`}`;
}

export function applySummary(plan: Plan, report: ApplyReport, runUrl: string | undefined): string {
  const head = `### hookops apply for ${codeSpan(plan.organization)}`;
  const counts = `**${report.succeeded} succeeded, ${report.failed} failed, ${report.skipped} skipped** of ${plural(report.results.length, "change")}.${report.interrupted ? " Interrupted before every change started." : ""}`;
  const blocks = [head, `${counts} ${markdownText(summaryLine(plan))}`];
  if (report.results.length > 0) {
    blocks.push(["| Action | Subscription | Project | Result | Id | Note |", "|---|---|---|---|---|---|", ...report.results.map(resultRow)].join("\n"));
  }
  const planMarkdown = renderMarkdown(plan, { maxLength: 800_000 }).trimEnd();
  blocks.push(`<details><summary>The plan that was applied</summary>\n\n${planMarkdown}\n\n</details>`, ...runLink(runUrl));
  return `${blocks.join("\n\n")}\n`;
}

function refusedSummary(plan: Plan, reasons: readonly string[]): string {
  const blocks = [
    `### hookops apply for ${codeSpan(plan.organization)} was refused`,
    ["Nothing was changed:", ...reasons.map((reason) => `- ${markdownText(reason)}`)].join("\n"),
    renderMarkdown(plan, { maxLength: 800_000 }).trimEnd(),
  ];
  return `${blocks.join("\n\n")}\n`;
}

/** `command: apply`: apply with auto-approve; the step fails when the plan is refused or any change fails. */
export async function runApplyCommand(context: CommandContext): Promise<void> {
  const { inputs, env } = context;
  const choice = chooseCredential(inputs, env);
  if (choice.kind === "missing") {
    core.setFailed(choice.reason);
    return;
  }
  // A cancelled run gets SIGINT, then SIGTERM: start no new change, let those in flight finish.
  const cancel = new AbortController();
  const stop = (): void => cancel.abort();
  process.once("SIGINT", stop).once("SIGTERM", stop);
  let run: ApplyRun;
  try {
    run = await applyRepository({
      dir: inputs.path,
      org: inputs.organization,
      env,
      credential: choice.credential,
      signal: cancel.signal,
      onPlan: (plan) => core.info(renderText(plan, { color: (env.NO_COLOR ?? "") === "" }).trimEnd()),
      onResult: (result) => core.info(resultLine(result)),
    });
  } finally {
    process.off("SIGINT", stop).off("SIGTERM", stop);
  }
  annotateFindings(run.load.findings);
  const target = { markerId: context.markerId, runUrl: context.run.runUrl, comment: false };
  switch (run.kind) {
    case "invalid":
      await writeSummary(env, invalidBody(run.load.findings, target));
      core.setFailed(`Validation failed: ${findingCounts(run.load.findings)}. Nothing was applied.`);
      return;
    case "refused":
      setPlanOutputs(run.plan);
      await writeSummary(env, refusedSummary(run.plan, run.reasons));
      core.setFailed(`Apply refused: ${inertText(run.reasons.join("; "))}`);
      return;
    case "declined":
      setPlanOutputs(run.plan);
      core.setFailed("Apply was not confirmed.");
      return;
    case "applied": {
      setPlanOutputs(run.plan);
      await writeSummary(env, applySummary(run.plan, run.report, context.run.runUrl));
      const line = `${run.report.succeeded} succeeded, ${run.report.failed} failed, ${run.report.skipped} skipped.`;
      if (run.report.failed > 0 || run.report.interrupted) core.setFailed(`Apply finished with failures: ${line}`);
      else core.info(`Apply complete: ${line}`);
      return;
    }
  }
}
