import path from "node:path";
import { HookopsError } from "../errors.js";
import { inertText } from "../util/inert.js";
import { toPosix } from "../util/paths.js";
import { runApplyCommand } from "./apply-command.js";
import * as core from "./core.js";
import { readRunContext } from "./github-context.js";
import { readInputs } from "./inputs.js";
import { runPlanCommand } from "./plan-command.js";
import { runStatusCommand } from "./status-command.js";
import type { CommandContext } from "./publish.js";

/** hookops.yaml of `path`, relative to the workspace: names the pull request comment. */
function markerIdFor(workspace: string, dir: string): string {
  return toPosix(path.relative(workspace, path.resolve(workspace, dir, "hookops.yaml")));
}

async function main(): Promise<void> {
  try {
    const inputs = readInputs();
    const env = core.env();
    const cwd = core.cwd();
    const context: CommandContext = { inputs, run: readRunContext(env), env, cwd, markerId: markerIdFor(cwd, inputs.path) };
    if (inputs.command === "plan") await runPlanCommand(context);
    else if (inputs.command === "status") await runStatusCommand(context);
    else await runApplyCommand(context);
  } catch (error) {
    if (error instanceof HookopsError) {
      core.setFailed(inertText(error.message));
    } else {
      // A bug: show where, so it can be reported. The message may quote a value, so only the stack frames keep their lines.
      const message = inertText(error instanceof Error ? error.message : String(error));
      const frames = error instanceof Error ? (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line)) : [];
      core.info([message, ...frames.map(inertText)].join("\n"));
      core.setFailed(`hookops failed unexpectedly: ${message}`);
    }
  }
}

/**
 * One run of the Action against `io` (inputs as INPUT_<NAME> in its env, as the runner sets them);
 * resolves to the step's exit code. It touches no process-wide state, so tests run it in-process.
 */
export function runAction(io: core.ActionIO): Promise<number> {
  return core.withActionRun(io, main);
}
