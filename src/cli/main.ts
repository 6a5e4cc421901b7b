#!/usr/bin/env node
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
/** The width `npm run build` renders lib/cli/help.txt at (scripts/write-help.mjs). */
const BUILT_HELP_WIDTH = 80;

/** The top-level help the build wrote, unless the terminal is too narrow for it or it is missing. */
function builtHelp(): string | undefined {
  if (process.stdout.isTTY && process.stdout.columns < BUILT_HELP_WIDTH) return undefined;
  try {
    return readFileSync(new URL("./help.txt", import.meta.url), "utf8");
  } catch {
    return undefined;
  }
}

const alone = args.length === 1 ? args[0] : undefined;
// `--version` and `--help` alone answer before anything else loads (commander included): scripts probe them.
const help = alone === "--help" || alone === "-h" ? builtHelp() : undefined;
if (alone === "--version" || alone === "-V") {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  process.stdout.write(`${typeof manifest.version === "string" ? manifest.version : "unknown"}\n`);
} else if (help !== undefined) {
  process.stdout.write(help);
} else {
  const [{ STOPPED_AT_ONCE }, { runCli }] = await Promise.all([import("./io.js"), import("./run.js")]);
  const code = await runCli(args, {
    env: process.env,
    cwd: process.cwd(),
    // A getter: only a prompt creates the stdin stream.
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    signals: process,
  });
  process.exitCode = code;
  if (code === STOPPED_AT_ONCE) process.exit(code);
}
