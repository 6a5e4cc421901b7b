// End-to-end helpers: temp hooks repos, the CLI (in this process, or the built bin as a child
// process for the smoke tests), an emulator to point it at.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator/index.js";
import { hookopsInProcess, type CliResult, type InProcessOptions } from "../cli/in-process.js";

export type { CliResult } from "../cli/in-process.js";
export { startHookopsInProcess } from "../cli/in-process.js";

export const CLI = path.resolve("lib/cli/main.js");

export function requireBuiltCli(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` before the end-to-end tests`);
}

/** A clean environment: nothing from the developer's shell (tokens, org URLs, NO_COLOR) leaks in. */
export function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ...extra };
}

/** The built bin as a child process (a process killed mid-apply). */
export function startHookops(args: string[], options: { cwd: string; env?: Record<string, string> }): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [CLI, ...args], { cwd: options.cwd, env: childEnv(options.env), stdio: "pipe" });
}

/** Runs `hookops <args>` in this process, with a clean environment. */
export function hookops(args: string[], options: InProcessOptions): Promise<CliResult> {
  return hookopsInProcess(args, options);
}

export interface Repo {
  dir: string;
  writeConfig(config: Record<string, unknown>): Promise<void>;
  writeHooks(subscriptions: Record<string, unknown>[], file?: string): Promise<void>;
  /** The embedded emulator's state file (`--org emulator`). */
  statePath: string;
  cleanup(): Promise<void>;
}

export async function makeRepo(config: Record<string, unknown>, subscriptions: Record<string, unknown>[]): Promise<Repo> {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-e2e-"));
  await mkdir(path.join(dir, "hooks"));
  const repo: Repo = {
    dir,
    statePath: path.join(dir, ".hookops", "emulator.json"),
    writeConfig: (next) => writeFile(path.join(dir, "hookops.yaml"), stringify(next)),
    writeHooks: (next, file = "hooks.yaml") => writeFile(path.join(dir, "hooks", file), stringify({ subscriptions: next })),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
  await repo.writeConfig(config);
  await repo.writeHooks(subscriptions);
  return repo;
}

export const BASE_CONFIG = { organization: "fabrikam", include: ["hooks/**/*.yaml"] };

/** A webhook subscription on build.complete; `overrides` replace whole fields. */
export function webhook(name: string, url: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    project: "WebSite",
    eventType: "build.complete",
    resourceVersion: "1.0",
    publisherInputs: { buildStatus: "Failed" },
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url },
    ...overrides,
  };
}

export interface Organization {
  emulator: EmulatorHandle;
  /** What to pass as --org. */
  org: string;
  /** The child's environment: the emulator's token. */
  env: Record<string, string>;
}

/** An emulator served from this process, reached by the CLI over HTTP as a real organization. */
export async function startOrganization(options: EmulatorOptions = {}): Promise<Organization> {
  const emulator = await startEmulator({ maskedEchoMode: "reject", ...options });
  return { emulator, org: emulator.url, env: { AZURE_DEVOPS_TOKEN: emulator.token } };
}

/** Ids printed on `+ created …` / `-/+ replaced … old -> new` lines. */
export function createdIds(stdout: string): string[] {
  return [...stdout.matchAll(/^(?:\[\d+\/\d+\] )?(?:\+ created|-\/\+ replaced) .* (?:-> )?([0-9a-f-]{36})$/gm)].map((match) => match[1] ?? "");
}
