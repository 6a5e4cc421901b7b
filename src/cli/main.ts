#!/usr/bin/env node
import { STOPPED_AT_ONCE } from "./io.js";
import { runCli } from "./run.js";

const code = await runCli(process.argv.slice(2), {
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
