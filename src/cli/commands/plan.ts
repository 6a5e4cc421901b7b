import path from "node:path";
import { isPlanRun, planRepository, type PlanRun } from "../../engine/plan.js";
import { writeSavedPlan } from "../../engine/saved-plan.js";
import { hasChanges } from "../../reconcile/index.js";
import { renderJson, renderText } from "../../report/index.js";
import type { CommandContext } from "../io.js";
import type { CommonOptions } from "../options.js";
import { connectionOptions, makeOutput, printFindings, type Output } from "../output.js";

export interface PlanCommandOptions extends CommonOptions {
  out?: string;
  detailedExitcode?: boolean;
  allowDeletes?: number;
  replaceSecrets?: boolean;
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

export async function runPlan(dir: string, options: PlanCommandOptions, { io }: CommandContext): Promise<number> {
  const output = makeOutput(options, io);
  const startedAt = Date.now();
  const run = await planRepository({
    ...connectionOptions(dir, options, io, output),
    allowDeletes: options.allowDeletes,
    replaceSecrets: options.replaceSecrets,
  });
  printFindings(run.load, output);
  if (!isPlanRun(run)) return 1;
  try {
    describeLive(run, output, startedAt);
    output.out(options.json ? renderJson(run.plan) : renderText(run.plan, { color: output.color }));
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
