import path from "node:path";
import { isPlanRun, planRepository, type PlanRun } from "../../engine/plan.js";
import { writeSavedPlan } from "../../engine/saved-plan.js";
import { pullRequestPublisher } from "../../pipelines/index.js";
import { hasChanges } from "../../reconcile/index.js";
import { invalidConfigurationError, renderJson, renderJsonError, renderText } from "../../report/index.js";
import type { CommandContext } from "../io.js";
import type { CommonOptions } from "../options.js";
import { connectionOptions, makeOutput, printFindings, type Output } from "../output.js";

export interface PlanCommandOptions extends CommonOptions {
  out?: string;
  detailedExitcode?: boolean;
  allowDeletes?: number;
  replaceSecrets?: boolean;
  /** In an Azure Pipelines pull request build: plan thread, status, build summary and issues. */
  comment?: boolean;
}

/** The exit code of a computed plan: 1 when apply would refuse it, 2 for changes with --detailed-exitcode. */
export function planExitCode(run: PlanRun, detailed: boolean): number {
  if (run.plan.refusals.length > 0) return 1;
  return detailed && hasChanges(run.plan) ? 2 : 0;
}

function describeLive(run: PlanRun, output: Output, startedAt: number): void {
  const { live } = run;
  output.verbose(`connected to ${run.connection.organization} as ${live.self.providerDisplayName ?? live.self.displayName ?? live.self.id}`);
  output.verbose(`read ${live.subscriptions.length} live subscriptions and ${live.projects.length} projects in ${Date.now() - startedAt} ms`);
  for (const failure of live.failures) output.verbose(`listing the ${failure.host} host failed: ${failure.error.message}`);
}

/** `plan --json`: the plan; a refused one also carries `error` (kind `refused`, its reasons), as every failed --json run does. */
function planJson(run: PlanRun): string {
  const { refusals } = run.plan;
  if (refusals.length === 0) return renderJson(run.plan);
  const error = { kind: "refused", message: "the plan is refused: apply would change nothing", reasons: refusals };
  return `${JSON.stringify({ ...JSON.parse(renderJson(run.plan)), error }, null, 2)}\n`;
}

export async function runPlan(dir: string, options: PlanCommandOptions, { io }: CommandContext): Promise<number> {
  const output = makeOutput(options, io);
  const startedAt = Date.now();
  const log = options.json ? output.err : output.out;
  const publisher = options.comment ? pullRequestPublisher({ env: io.env, cwd: io.cwd, dir, config: options.config, log, note: output.err }) : undefined;
  await publisher?.start();
  let run: Awaited<ReturnType<typeof planRepository>>;
  try {
    run = await planRepository({
      ...connectionOptions(dir, options, io, output),
      allowDeletes: options.allowDeletes,
      replaceSecrets: options.replaceSecrets,
    });
  } catch (error) {
    // Replace the last push's plan thread: a stale plan must not look current.
    await publisher?.publish({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    throw error;
  }
  printFindings(run.load, output);
  if (!isPlanRun(run)) {
    await publisher?.publish({ kind: "invalid", findings: run.load.findings });
    if (options.json) output.out(renderJsonError(invalidConfigurationError(run.load)));
    return 1;
  }
  try {
    describeLive(run, output, startedAt);
    output.out(options.json ? planJson(run) : renderText(run.plan, { color: output.color }));
    await publisher?.publish({ kind: "plan", plan: run.plan, findings: run.load.findings });
    if (options.out !== undefined) {
      const configPath = path.join(run.load.config.root, path.basename(run.load.config.configFile));
      const shaping = { allowDeletes: options.allowDeletes, replaceSecrets: options.replaceSecrets };
      await writeSavedPlan(options.out, run.plan, configPath, shaping, io.cwd);
      const note = `Saved the plan to ${options.out}. Apply exactly these changes with: hookops apply ${options.out}\n`;
      if (options.json) output.err(note);
      else output.out(`\n${note}`);
    }
    return planExitCode(run, options.detailedExitcode === true);
  } finally {
    await run.connection.close();
  }
}
