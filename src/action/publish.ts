import * as core from "./core.js";
import { inertText } from "../util/inert.js";
import { createOctokit, upsertComment } from "./comment.js";
import type { ActionInputs } from "./inputs.js";
import type { RunContext } from "./github-context.js";

/** What every command shares: inputs, the run, and which configuration it is about. */
export interface CommandContext {
  inputs: ActionInputs;
  run: RunContext;
  env: NodeJS.ProcessEnv;
  /** The workspace: base of the `path` input and of file names in findings. */
  cwd: string;
  /** hookops.yaml relative to the workspace, e.g. "hookops.yaml" or "teams/web/hookops.yaml". */
  markerId: string;
}

/** Appends to the job summary; skipped when the runner gives no summary file (a local run). */
export async function writeSummary(env: NodeJS.ProcessEnv, markdown: string): Promise<void> {
  if ((env.GITHUB_STEP_SUMMARY ?? "") === "") return;
  await core.appendSummary(markdown);
}

/**
 * Posts or edits the pull request comment when there is a pull request and commenting is on.
 * A failure to comment is a warning, not a failed step: the job summary has the same content,
 * and a fork's read-only token cannot comment at all.
 */
export async function publishComment(context: CommandContext, body: string): Promise<void> {
  const { pullRequest } = context.run;
  if (pullRequest === undefined || !context.inputs.comment) return;
  if (context.inputs.githubToken === undefined) {
    core.warning("No github-token: the plan comment was not posted (the job summary has the plan).");
    return;
  }
  try {
    const comment = await upsertComment(createOctokit(context.inputs.githubToken, context.run.apiUrl), pullRequest, context.markerId, body);
    core.info(`Plan comment ${comment.outcome} on pull request #${pullRequest.number} (comment ${comment.id}).`);
  } catch (error) {
    const status = (error as { status?: unknown }).status;
    const hint =
      status === 403 || status === 404
        ? pullRequest.fromFork
          ? " Workflows for pull requests from forks get a read-only token."
          : " Give the job `permissions: pull-requests: write`."
        : "";
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    core.warning(
      `Could not post the plan comment on pull request #${pullRequest.number}${typeof status === "number" ? ` (HTTP ${status})` : ""}: ${inertText(message ?? "")}.${hint} The job summary has the plan.`,
    );
  }
}
