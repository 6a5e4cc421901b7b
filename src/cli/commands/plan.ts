import path from "node:path";
import type { Command } from "commander";
import { writeSavedPlan } from "../../apply/index.js";
import { isPlanRun, planRepository, type PlanRun } from "../../engine/plan.js";
import { hasChanges } from "../../reconcile/index.js";
import { renderJson, renderText } from "../../report/index.js";
import { addCommonOptions, addPlanShapingOptions, type CommonOptions } from "../options.js";
import { describeListing, makeOutput, printFindings, type Output } from "../output.js";

interface PlanCommandOptions extends CommonOptions {
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

async function runPlan(dir: string, options: PlanCommandOptions): Promise<void> {
  const output = makeOutput(options);
  const startedAt = Date.now();
  const run = await planRepository({
    dir,
    configPath: options.config,
    org: options.org,
    env: process.env,
    concurrency: options.concurrency,
    listTimeoutMs: options.listTimeout === undefined ? undefined : options.listTimeout * 1000,
    onListing: (record) => output.verbose(describeListing(record)),
    allowDeletes: options.allowDeletes,
    replaceSecrets: options.replaceSecrets,
  });
  printFindings(run.load, output);
  if (!isPlanRun(run)) {
    process.exitCode = 1;
    return;
  }
  try {
    describeLive(run, output, startedAt);
    output.out(options.json ? renderJson(run.plan) : renderText(run.plan, { color: output.color }));
    if (options.out !== undefined) {
      const configPath = path.join(run.load.config.root, path.basename(run.load.config.configFile));
      await writeSavedPlan(options.out, run.plan, configPath, { allowDeletes: options.allowDeletes, replaceSecrets: options.replaceSecrets });
      const note = `Saved the plan to ${options.out}. Apply exactly these changes with: hookops apply ${options.out}\n`;
      if (options.json) output.err(note);
      else output.out(`\n${note}`);
    }
    process.exitCode = planExitCode(run, options.detailedExitcode === true);
  } finally {
    await run.connection.close();
  }
}

export function registerPlan(program: Command): void {
  const command = program
    .command("plan")
    .description("compare the configuration with the live subscriptions and show what apply would change")
    .argument("[dir]", "folder holding hookops.yaml", ".")
    .option("--out <file>", "also save the plan as JSON, for `hookops apply <file>`")
    .option("--detailed-exitcode", "exit 2 when there are changes (0: none, 1: error)");
  addPlanShapingOptions(command);
  addCommonOptions(command).action(runPlan);
}
