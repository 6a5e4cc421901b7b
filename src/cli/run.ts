import { CommanderError } from "commander";
import { HookopsError } from "../errors.js";
import { inertLines } from "../util/inert.js";
import type { CliIO, CommandContext, TextOutput } from "./io.js";
import { buildProgram, type RunState } from "./program.js";

/** `--json` or `--format json` anywhere before `--`: a failure is then also told as JSON on stdout. */
function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  const flags = end === -1 ? args : args.slice(0, end);
  return flags.some((arg, index) => arg === "--json" || arg === "--format=json" || (arg === "--format" && flags[index + 1] === "json"));
}

/** `stream`, noting whether anything was written to it. */
function tracked(stream: TextOutput): { stream: TextOutput; written: () => boolean } {
  let written = false;
  const proxy = new Proxy(stream, {
    get(target, property) {
      if (property === "write") {
        return (...args: Parameters<TextOutput["write"]>) => {
          written = true;
          return target.write(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { stream: proxy, written: () => written };
}

/** A failed `--json` run that printed no document of its own prints `{formatVersion: 1, error}` (the text stays on stderr). */
async function printJsonError(error: unknown, expected: boolean, stdout: TextOutput): Promise<void> {
  const { jsonErrorOf, renderJsonError } = await import("../report/json-error.js");
  const detail = jsonErrorOf(error, expected);
  stdout.write(renderJsonError(error instanceof CommanderError ? { kind: "usage", message: detail.message.replace(/^error: /, "") } : detail));
}

async function execute(args: readonly string[], context: CommandContext): Promise<number> {
  const state: RunState = { exitCode: 0 };
  const { stderr } = context.io;
  const base = context.io;
  const stdout = tracked(base.stdout);
  // stdin stays a getter: only a prompt creates the stream.
  const io: CliIO = {
    env: base.env,
    cwd: base.cwd,
    get stdin() {
      return base.stdin;
    },
    stdout: stdout.stream,
    stderr: base.stderr,
    signals: base.signals,
  };
  try {
    await buildProgram({ ...context, io }, state).parseAsync([...args], { from: "user" });
    return state.exitCode;
  } catch (error) {
    const json = wantsJson(args) && !stdout.written();
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0;
      if (json) await printJsonError(error, true, context.io.stdout);
      return 1;
    }
    if (error instanceof HookopsError) {
      stderr.write(`Error: ${inertLines(error.message).join("\n")}\n`);
      if (json) await printJsonError(error, true, context.io.stdout);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    stderr.write(`hookops: unexpected failure (a bug; please report it):\n${inertLines(detail).join("\n")}\n`);
    if (json) await printJsonError(error, false, context.io.stdout);
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
