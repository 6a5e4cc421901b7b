// Writes the top-level `hookops --help` text (80 columns, as commander renders it) next to the
// built bin, so `hookops --help` answers without loading commander (see src/cli/main.ts).
import { writeFileSync } from "node:fs";
import { runCli } from "../lib/cli/run.js";

let text = "";
const stdout = {
  write(chunk) {
    text += chunk;
    return true;
  },
  isTTY: false,
};
const stderr = { write: () => true, isTTY: false };
const code = await runCli(["--help"], {
  env: {},
  cwd: process.cwd(),
  get stdin() {
    return process.stdin;
  },
  stdout,
  stderr,
  signals: { on() {}, off() {} },
});
if (code !== 0 || !text.startsWith("Usage: hookops")) throw new Error(`hookops --help failed (exit ${code})`);
writeFileSync(new URL("../lib/cli/help.txt", import.meta.url), text);
