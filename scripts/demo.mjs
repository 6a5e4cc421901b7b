#!/usr/bin/env node
// `npm run demo`: plan, apply and plan again examples/basic against the embedded emulator, using
// the built CLI (lib/) as a user would. The last plan must say "No changes.".
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(repoRoot, "lib", "cli", "main.js");
const example = path.join(repoRoot, "examples", "basic");

/** Every `${env:NAME}` the example's YAML files reference. */
async function referencedVariables(dir) {
  const names = new Set();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const text = await readFile(path.join(entry.parentPath ?? entry.path, entry.name), "utf8");
    for (const match of text.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)) names.add(match[1]);
  }
  return [...names].sort();
}

/** Runs the CLI, streaming its output; resolves with the exit code and what it printed. */
function hookops(args, options) {
  return new Promise((resolve, reject) => {
    process.stdout.write(`\n$ hookops ${args.join(" ")}\n`);
    const child = spawn(process.execPath, [cli, ...args], { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk) => process.stderr.write(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout }));
  });
}

async function main() {
  const workDir = await mkdtemp(path.join(tmpdir(), "hookops-demo-"));
  try {
    // A fresh copy: the emulator keeps its state in <repo>/.hookops/emulator.json.
    await cp(example, workDir, { recursive: true, filter: (source) => path.basename(source) !== ".hookops" });
    const variables = await referencedVariables(workDir);
    // Demo values only exist in the children's environment and in the throwaway emulator state.
    const demoSecrets = Object.fromEntries(variables.map((name) => [name, randomBytes(64).toString("base64")]));
    console.log(`hookops demo: examples/basic copied to ${workDir}`);
    console.log(`demo values set for: ${variables.join(", ") || "(none)"}`);
    const options = { cwd: workDir, env: { ...process.env, ...demoSecrets, NO_COLOR: process.env.NO_COLOR ?? "" } };

    const steps = [
      ["plan", "--org", "emulator"],
      ["apply", "--org", "emulator", "--auto-approve"],
      ["plan", "--org", "emulator"],
    ];
    let last = { code: 0, stdout: "" };
    for (const args of steps) {
      last = await hookops(args, options);
      if (last.code !== 0) {
        console.error(`\nhookops demo: \`hookops ${args.join(" ")}\` exited with ${last.code}`);
        return 1;
      }
    }
    const lastLine = last.stdout.trim().split("\n").at(-1) ?? "";
    if (!lastLine.startsWith("No changes.")) {
      console.error(`\nhookops demo: the second plan should end in "No changes.", but ended in: ${lastLine}`);
      return 1;
    }
    console.log("\nhookops demo: planned, applied, and planned again with no changes left.");
    return 0;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
