/** Entry point of the GitHub Action (bundled into dist/index.js): a thin shell over the CLI's engine. */
import path from "node:path";
import * as core from "@actions/core";
import { HookopsError } from "../errors.js";
import { inertText } from "../util/inert.js";
import { runApplyCommand } from "./apply-command.js";
import { readRunContext } from "./github-context.js";
import { readInputs } from "./inputs.js";
import { runPlanCommand } from "./plan-command.js";
import type { CommandContext } from "./publish.js";

/** hookops.yaml of `path`, relative to the workspace: names the pull request comment. */
function markerIdFor(dir: string): string {
  const relative = path.relative(process.cwd(), path.resolve(dir, "hookops.yaml"));
  return relative.split(path.sep).join("/");
}

async function main(): Promise<void> {
  try {
    const inputs = readInputs();
    const context: CommandContext = { inputs, run: readRunContext(process.env), env: process.env, markerId: markerIdFor(inputs.path) };
    if (inputs.command === "plan") await runPlanCommand(context);
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

await main();
