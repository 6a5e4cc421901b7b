import { CommanderError } from "commander";
import { HookopsError } from "../errors.js";
import { inertLines } from "../util/inert.js";
import type { CliIO, CommandContext } from "./io.js";
import { buildProgram, type RunState } from "./program.js";

async function execute(args: readonly string[], context: CommandContext): Promise<number> {
  const state: RunState = { exitCode: 0 };
  const { stderr } = context.io;
  try {
    await buildProgram(context, state).parseAsync([...args], { from: "user" });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (error instanceof HookopsError) {
      stderr.write(`Error: ${inertLines(error.message).join("\n")}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    stderr.write(`hookops: unexpected failure (a bug; please report it):\n${inertLines(detail).join("\n")}\n`);
    return 1;
  }
}

/**
 * Runs `hookops <args>` against `io` and resolves to the exit code. It never exits the process
 * nor touches process.env, cwd, streams or exitCode, so tests run it in-process.
 */
export function runCli(args: readonly string[], io: CliIO): Promise<number> {
  let stopNow: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (stopNow = resolve));
  return Promise.race([execute(args, { io, stopNow: (code) => stopNow(code) }), stopped]);
}
