import * as core from "./core.js";
import { hasErrors, type RepositoryLoad } from "../config/index.js";
import { chooseOrganization, EMULATOR_ORGANIZATION, MissingOrganizationError } from "../engine/connect.js";
import { isPlanRun, loadForPlan, planRepository } from "../engine/plan.js";
import { failedBody, findingCounts, invalidBody, needsCredentialsBody, planBody, renderText, summaryLine, type BodyTarget } from "../report/index.js";
import { chooseCredential } from "./credentials.js";
import { annotateFindings } from "./findings.js";
import { setPlanOutputs } from "./outputs.js";
import { publishComment, writeSummary, type CommandContext } from "./publish.js";
import { inertText } from "../util/inert.js";
import { countOf } from "../util/text.js";

function targets(context: CommandContext): { summary: BodyTarget; comment: BodyTarget } {
  const base = { markerId: context.markerId, runUrl: context.run.runUrl };
  return { summary: { ...base, comment: false }, comment: { ...base, comment: true } };
}

async function publish(context: CommandContext, render: (target: BodyTarget) => string): Promise<void> {
  const { summary, comment } = targets(context);
  await writeSummary(context.env, render(summary));
  await publishComment(context, render(comment));
}

async function reportInvalid(context: CommandContext, load: RepositoryLoad): Promise<void> {
  annotateFindings(load.findings);
  await publish(context, (target) => invalidBody(load.findings, target));
  core.setFailed(`Validation failed: ${findingCounts(load.findings)}. No plan was made.`);
}

/** The organization, lower-cased; undefined when none is named (fork pull requests get no `vars` either). */
function organizationOf(context: CommandContext, load: RepositoryLoad): string | undefined {
  try {
    return chooseOrganization({ org: context.inputs.organization, config: load.config, env: context.env }).toLowerCase();
  } catch (error) {
    if (error instanceof MissingOrganizationError) return undefined;
    throw error;
  }
}

/** No credential: validate only. On a pull request that is a comment saying so; a fork's pull request is not failed for it. */
async function validateOnly(context: CommandContext, reason: string): Promise<"done" | "plan"> {
  const load = await loadForPlan({ dir: context.inputs.path, cwd: context.cwd, env: context.env });
  if (load.config === undefined || hasErrors(load.findings)) {
    await reportInvalid(context, load);
    return "done";
  }
  if (organizationOf(context, load) === EMULATOR_ORGANIZATION) return "plan";
  annotateFindings(load.findings);
  const { pullRequest } = context.run;
  const fromFork = pullRequest?.fromFork === true;
  await publish(context, (target) => needsCredentialsBody(load.findings, load.subscriptions.length, reason, fromFork, target));
  if (fromFork) {
    core.notice(
      `Validation passed (${countOf(load.subscriptions.length, "subscription")}); the plan was skipped: pull requests from forks get no Azure DevOps credentials.`,
    );
  } else {
    core.setFailed(inertText(reason));
  }
  return "done";
}

/** `command: plan`: validate, plan, job summary, pull request comment, outputs. */
export async function runPlanCommand(context: CommandContext): Promise<void> {
  const { inputs, env } = context;
  const choice = chooseCredential(inputs, env);
  if (choice.kind === "missing" && (await validateOnly(context, choice.reason)) === "done") return;

  let run: Awaited<ReturnType<typeof planRepository>>;
  try {
    run = await planRepository({
      dir: inputs.path,
      cwd: context.cwd,
      org: inputs.organization,
      env,
      credential: choice.kind === "ready" ? choice.credential : undefined,
    });
  } catch (error) {
    // Replace the last push's plan comment: a stale plan must not look current.
    const message = error instanceof Error ? error.message : String(error);
    await publish(context, (target) => failedBody(message, target));
    throw error;
  }
  if (!isPlanRun(run)) return reportInvalid(context, run.load);

  try {
    annotateFindings(run.load.findings);
    const { plan } = run;
    core.info(renderText(plan, { color: (env.NO_COLOR ?? "") === "" }).trimEnd());
    const outputs = setPlanOutputs(plan);
    await publish(context, (target) => planBody(plan, run.load.findings, target));
    if (plan.refusals.length > 0) {
      core.setFailed(`apply would refuse this plan: ${inertText(plan.refusals.join("; "))}`);
    } else if (inputs.detailedExitcode && outputs["has-changes"]) {
      core.setFailed(`${summaryLine(plan)} (detailed-exitcode: pending changes fail this step)`);
    }
  } finally {
    await run.connection.close();
  }
}
