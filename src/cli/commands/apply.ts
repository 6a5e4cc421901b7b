import { stat } from "node:fs/promises";
import path from "node:path";
import { readSavedPlan, savedPlanConfigPath, type ChangeResult } from "../../apply/index.js";
import { applyRepository, type ApplyRun, type RefusalCause } from "../../engine/apply.js";
import { HookopsError } from "../../errors.js";
import { inertText } from "../../util/inert.js";
import type { Plan } from "../../reconcile/index.js";
import { applyOutcomeJson, applyResultLine, applySummaryText, invalidConfigurationError, type JsonError, renderText, summaryLine } from "../../report/index.js";
import { STOPPED_AT_ONCE, type CliIO, type CommandContext } from "../io.js";
import type { CommonOptions } from "../options.js";
import { askYes, canPrompt, connectionOptions, makeOutput, printFindings, type Output } from "../output.js";

export interface ApplyCommandOptions extends CommonOptions {
  autoApprove?: boolean;
  detailedExitcode?: boolean;
  allowDeletes?: number;
  replaceSecrets?: boolean;
}

/** Apply refused a plan (stale, refused by the planner, secrets missing): nothing changed. */
export class ApplyRefusedError extends HookopsError {}

const REFUSAL_LEAD: Record<RefusalCause, string> = {
  stale: "the saved plan is not what re-planning gives now (live state, configuration, flags or the file itself changed), so nothing was changed",
  plan: "the plan is refused, so nothing was changed",
  secrets: "secret inputs cannot be filled, so nothing was changed",
};

const REFUSAL_HINT: Record<RefusalCause, string> = {
  stale: "Run `hookops plan --out <file>` again, review it, and apply the new plan.",
  plan: "Resolve what is listed above, then run apply again.",
  secrets: "Set the variables (or create the files) named above, then run apply again.",
};

async function isFile(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isFile();
  } catch {
    return false;
  }
}

/** Ctrl-C: the first stops new changes (those in flight finish); a second one ends the run at once. */
function interruptOnSignal(output: Output, context: CommandContext): { signal: AbortSignal; dispose: () => void } {
  const { signals } = context.io;
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) {
      output.err("\nStopped at once: a change in flight may or may not have been made; run `hookops plan` to see.\n");
      context.stopNow(STOPPED_AT_ONCE);
      return;
    }
    controller.abort();
    output.err("\nInterrupted: no new change will start; waiting for the changes in flight to finish (Ctrl-C again to stop at once).\n");
  };
  signals.on("SIGINT", onSignal);
  signals.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      signals.off("SIGINT", onSignal);
      signals.off("SIGTERM", onSignal);
    },
  };
}

function exitCodeOf(run: ApplyRun): number {
  if (run.kind !== "applied") return 1;
  return run.report.failed > 0 || run.report.interrupted ? 1 : 0;
}

function reportText(run: ApplyRun, output: Output): void {
  switch (run.kind) {
    case "invalid":
      return;
    case "refused":
      throw new ApplyRefusedError(`${REFUSAL_LEAD[run.cause]}:\n${run.reasons.map((reason) => `  - ${reason}`).join("\n")}\n${REFUSAL_HINT[run.cause]}`);
    case "declined":
      output.err("Apply cancelled: nothing was changed.\n");
      return;
    case "applied":
      if (run.plan.changes.length > 0) output.out(`\n${applySummaryText(run.report, { color: output.color })}`);
  }
}

/** `apply --json`: an invalid or refused run carries `error`, as every failed --json run does. */
function errorMember(run: ApplyRun): { error?: JsonError } {
  if (run.kind === "invalid") return { error: invalidConfigurationError(run.load) };
  if (run.kind === "refused") return { error: { kind: "refused", message: REFUSAL_LEAD[run.cause], reasons: run.reasons } };
  return {};
}

function checkFlags(saved: boolean, options: ApplyCommandOptions, io: CliIO): void {
  if (saved || options.autoApprove) return;
  if (options.json)
    throw new HookopsError("apply --json cannot ask for confirmation: add --auto-approve, or apply a plan saved with `hookops plan --out plan.json`");
  if (!canPrompt(io)) {
    throw new HookopsError(
      "apply asks for confirmation on a terminal, and none is attached: add --auto-approve, or apply a plan saved with `hookops plan --out plan.json`",
    );
  }
}

export async function runApply(target: string, options: ApplyCommandOptions, context: CommandContext): Promise<number> {
  const { io } = context;
  const output = makeOutput(options, io);
  const targetFile = path.resolve(io.cwd, target);
  if (target.toLowerCase().endsWith(".json") && !(await isFile(targetFile))) throw new HookopsError(`plan file ${target} does not exist`);
  const saved = (await isFile(targetFile)) ? await readSavedPlan(target, io.cwd) : undefined;
  checkFlags(saved !== undefined, options, io);
  const dir = saved === undefined ? target : ".";
  const configPath = options.config ?? (saved === undefined ? undefined : await savedPlanConfigPath(saved, io.cwd));
  const startedAt = Date.now();
  let total = 0;
  let done = 0;
  const onPlan = (plan: Plan) => {
    total = plan.changes.length;
    output.verbose(`${saved === undefined ? "planned" : "planned again to check the saved plan"} in ${Date.now() - startedAt} ms: ${summaryLine(plan)}`);
    if (!options.json) output.out(renderText(plan, { color: output.color }));
  };
  const onResult = (result: ChangeResult) => {
    done += 1;
    if (options.json) return;
    const progress = output.interactive ? `[${done}/${total}] ` : "";
    output.out(`${done === 1 ? "\n" : ""}${progress}${applyResultLine(result, { color: output.color })}\n`);
  };
  const confirm =
    saved === undefined && !options.autoApprove
      ? () => {
          output.out("\n");
          return askYes("Apply these changes? Only 'yes' is accepted: ", io);
        }
      : undefined;

  const interrupt = interruptOnSignal(output, context);
  let run: ApplyRun;
  try {
    run = await applyRepository({
      ...connectionOptions(dir, { ...options, config: configPath }, io, output),
      allowDeletes: options.allowDeletes,
      replaceSecrets: options.replaceSecrets,
      ...(saved === undefined ? {} : { savedPlan: { plan: saved.plan, options: saved.options } }),
      signal: interrupt.signal,
      onLoad: (load) => printFindings(load, output),
      onPlan,
      onResult,
      confirm,
    });
  } finally {
    interrupt.dispose();
  }
  output.verbose(`apply finished in ${Date.now() - startedAt} ms`);
  if (options.json) {
    output.out(`${JSON.stringify({ ...applyOutcomeJson(run), ...errorMember(run) }, null, 2)}\n`);
    if (run.kind === "refused") output.err(`Error: ${REFUSAL_LEAD[run.cause]}:\n${run.reasons.map((reason) => `  - ${inertText(reason)}`).join("\n")}\n`);
    return exitCodeOf(run);
  }
  reportText(run, output);
  return exitCodeOf(run);
}
