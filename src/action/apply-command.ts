import * as core from "./core.js";
import { applyRepository, type ApplyRun } from "../engine/apply.js";
import { applyRefusedMarkdown, applyResultLogLine, applySummaryMarkdown, findingCounts, invalidBody, renderText } from "../report/index.js";
import { chooseCredential } from "./credentials.js";
import { annotateFindings } from "./findings.js";
import { inertText } from "../util/inert.js";
import { setPlanOutputs } from "./outputs.js";
import { writeSummary, type CommandContext } from "./publish.js";

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
  const stopListening = core.onceCancelled(() => cancel.abort());
  let run: ApplyRun;
  try {
    run = await applyRepository({
      dir: inputs.path,
      cwd: context.cwd,
      org: inputs.organization,
      env,
      credential: choice.credential,
      signal: cancel.signal,
      onPlan: (plan) => core.info(renderText(plan, { color: (env.NO_COLOR ?? "") === "" }).trimEnd()),
      onResult: (result) => core.info(applyResultLogLine(result)),
    });
  } finally {
    stopListening();
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
      await writeSummary(env, applyRefusedMarkdown(run.plan, run.reasons));
      core.setFailed(`Apply refused: ${inertText(run.reasons.join("; "))}`);
      return;
    case "declined":
      setPlanOutputs(run.plan);
      core.setFailed("Apply was not confirmed.");
      return;
    case "applied": {
      setPlanOutputs(run.plan);
      await writeSummary(env, applySummaryMarkdown(run.plan, run.report, context.run.runUrl));
      const line = `${run.report.succeeded} succeeded, ${run.report.failed} failed, ${run.report.skipped} skipped.`;
      if (run.report.failed > 0 || run.report.interrupted) core.setFailed(`Apply finished with failures: ${line}`);
      else core.info(`Apply complete: ${line}`);
      return;
    }
  }
}
