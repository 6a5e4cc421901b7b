#!/usr/bin/env node
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
// `--version` alone answers before anything else loads (commander included): it is what scripts probe.
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: unknown };
  process.stdout.write(`${typeof manifest.version === "string" ? manifest.version : "unknown"}\n`);
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
