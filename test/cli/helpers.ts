import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, onTestFinished } from "vitest";
import { hookopsInProcess } from "./in-process.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const cli = path.join(repoRoot, "lib/cli/main.js");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** The CLI in this process with a clean environment (plus NO_COLOR), from the repository root unless told. */
export function runCli(args: string[], options: RunOptions = {}): Promise<Run> {
  return hookopsInProcess(args, { cwd: options.cwd ?? repoRoot, env: { NO_COLOR: "1", ...options.env } });
}

/** The built bin in a child process, the same way (smoke tests); asynchronous, so an emulator in this process keeps answering. */
export function runCliProcess(args: string[], options: RunOptions & { nodeOptions?: string[] } = {}): Promise<Run> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...options.env };
    execFile(
      process.execPath,
      [...(options.nodeOptions ?? []), cli, ...args],
      { cwd: options.cwd ?? repoRoot, env, timeout: 15_000 },
      (error, stdout, stderr) => {
        const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A temporary repo with these files, removed when the test finishes. */
export async function repo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "hookops-cli-"));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

export function noStackTrace(run: Run): void {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(run.stderr).not.toContain("unexpected failure");
}
