import * as core from "./core.js";
import { readStatus, statusExitCode } from "../engine/status.js";
import { hasChanges } from "../reconcile/index.js";
import { findingCounts, invalidBody, renderMarkdown, renderStatusMarkdown, renderStatusText, summaryLine as planSummaryLine } from "../report/index.js";
import type { StatusReport } from "../report/status-model.js";
import { inertText } from "../util/inert.js";
import { countOf } from "../util/text.js";
import { createOctokit } from "./comment.js";
import { chooseCredential } from "./credentials.js";
import { annotateFindings } from "./findings.js";
import { syncAttentionIssue } from "./issue.js";
import { setPlanOutputs } from "./outputs.js";
import { writeSummary, type CommandContext } from "./publish.js";

/** Subscriptions with at least one failed delivery in the window. */
function failingCount(report: StatusReport): number {
  return report.subscriptions.filter((row) => (row.deliveries?.failed ?? 0) > 0).length;
}

/** What the attention issue and the job summary say: health first, then drift. */
function statusBody(report: StatusReport, drift: string | undefined, runUrl: string | undefined): string {
  const blocks = [renderStatusMarkdown(report).trimEnd()];
  if (drift !== undefined) blocks.push(drift.trimEnd());
  if (runUrl !== undefined) blocks.push(`[This run](${runUrl})`);
  return `${blocks.join("\n\n")}\n`;
}

async function updateIssue(context: CommandContext, needsAttention: boolean, body: string, organization: string): Promise<void> {
  const { repository, runUrl } = context.run;
  if (repository === undefined || context.inputs.githubToken === undefined) {
    core.warning("issue: true needs GITHUB_REPOSITORY and github-token; no issue was opened or updated.");
    return;
  }
  try {
    const outcome = await syncAttentionIssue(createOctokit(context.inputs.githubToken, context.run.apiUrl), repository, context.markerId, {
      needsAttention,
      title: `hookops: service hooks in ${organization} need attention`,
      body,
      resolvedNote: `All service hooks are healthy and match the repository again${runUrl === undefined ? "." : ` ([run](${runUrl})).`}`,
    });
    if (outcome.number !== undefined) core.info(`Issue #${outcome.number} ${outcome.action}.`);
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    const hint = status === 403 || status === 404 ? " Give the job `permissions: issues: write`." : "";
    core.warning(`Could not update the attention issue${typeof status === "number" ? ` (HTTP ${status})` : ""}: ${inertText(message)}.${hint}`);
  }
}

/**
 * `command: status`: health and recent deliveries of the declared subscriptions, plus drift (what a
 * plan would change). Job summary, outputs, and with `issue: true` one issue kept while anything
 * needs attention. The step fails when something could not be read, or with `detailed-exitcode`
 * when anything is unhealthy or drifted.
 */
export async function runStatusCommand(context: CommandContext): Promise<void> {
  const { inputs, env } = context;
  const choice = chooseCredential(inputs, env);
  if (choice.kind === "missing") {
    core.setFailed(choice.reason);
    return;
  }
  const run = await readStatus({
    dir: inputs.path,
    cwd: context.cwd,
    org: inputs.organization,
    env,
    credential: choice.credential,
    all: inputs.all,
    window: inputs.since,
    maxFailureRate: inputs.maxFailureRate,
  });
  if (run.kind === "invalid") {
    annotateFindings(run.load.findings);
    await writeSummary(env, invalidBody(run.load.findings, { markerId: context.markerId, runUrl: context.run.runUrl, comment: false }));
    core.setFailed(`Validation failed: ${findingCounts(run.load.findings)}. No status was read.`);
    return;
  }
  annotateFindings(run.read.load.findings);
  const { report, plan } = run;
  core.info(renderStatusText(report, { color: (env.NO_COLOR ?? "") === "" }).trimEnd());
  const drifted = hasChanges(plan) || plan.refusals.length > 0;
  const failing = failingCount(report);
  core.setOutput("unhealthy", String(report.summary.unhealthy));
  core.setOutput("failing", String(failing));
  setPlanOutputs(plan);
  const body = statusBody(report, drifted ? renderMarkdown(plan) : undefined, context.run.runUrl);
  await writeSummary(env, body);
  const unreadable = statusExitCode(report, false) === 1;
  const needsAttention = unreadable || report.summary.unhealthy > 0 || drifted;
  if (inputs.issue) await updateIssue(context, needsAttention, body, report.organization);
  if (unreadable) {
    core.setFailed(`Could not read everything: ${inertText([...report.unread.map((scope) => scope.reason), ...report.errors].join("; "))}`);
  } else if (inputs.detailedExitcode && needsAttention) {
    const parts = [
      ...(report.summary.unhealthy > 0 ? [`${countOf(report.summary.unhealthy, "unhealthy subscription")} (${failing} with failed deliveries)`] : []),
      ...(drifted ? [`drift: ${planSummaryLine(plan)}`] : []),
    ];
    core.setFailed(`${parts.join("; ")} (detailed-exitcode)`);
  }
}
