/** `hookops emulator` run in-process (as the bin runs it), stopped with a signal as Ctrl+C would. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { LiveSubscription } from "../../src/ado/types.js";
import { startHookopsInProcess, type StartedCli } from "../cli/in-process.js";
import { basic, webHookBody } from "./helpers.js";

const WAIT_MS = 10_000;

interface RunningEmulator {
  run: StartedCli;
  url: string;
  output: () => string;
  stopped: boolean;
}

async function startCli(args: string[], env: Record<string, string> = {}): Promise<RunningEmulator> {
  let announced: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (announced = resolve));
  const run = startHookopsInProcess(["emulator", "--port", "0", ...args], {
    cwd: tmpdir(),
    env,
    onStdout: (soFar) => {
      const match = /organization URL\s+(http:\/\/\S+)/.exec(soFar);
      if (match?.[1]) announced(match[1]);
    },
  });
  const output = () => `${run.stdout()}${run.stderr()}`;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the emulator printed no URL within ${WAIT_MS} ms:\n${output()}`)), WAIT_MS);
  });
  const exited = run.exited.then((code) => {
    throw new Error(`the emulator exited with ${code}:\n${output()}`);
  });
  try {
    return { run, url: await Promise.race([url, exited, timedOut]), output, stopped: false };
  } finally {
    clearTimeout(timer);
  }
}

async function stop(running: RunningEmulator): Promise<number> {
  running.stopped = true;
  running.run.signals.emit("SIGTERM");
  return running.run.exited;
}

describe("hookops emulator", () => {
  const started: RunningEmulator[] = [];
  let directory: string | undefined;

  afterEach(async () => {
    for (const running of started.splice(0)) if (!running.stopped) await stop(running);
    if (directory) rmSync(directory, { recursive: true, force: true });
    directory = undefined;
  });

  it("prints its URLs and token, serves authenticated requests and stops cleanly on SIGTERM", async () => {
    const running = await startCli([]);
    started.push(running);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/fabrikam$/);
    expect(running.output()).toMatch(/release URL\s+http:\/\/127\.0\.0\.1:\d+\/vsrm\/fabrikam/);
    expect(running.output()).toMatch(/token\s+emulator\b/);

    const response = await fetch(`${running.url}/_apis/hooks/subscriptions?api-version=7.1`, { headers: { Authorization: basic("emulator") } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ count: 0, value: [] });

    expect(await stop(running)).toBe(0);
    expect(running.output()).toContain("emulator stopped (SIGTERM)");
  });

  it("takes its token from HOOKOPS_EMULATOR_TOKEN unless --token is given, as PAT or bearer", async () => {
    const fromEnvironment = await startCli([], { HOOKOPS_EMULATOR_TOKEN: "env-token" });
    started.push(fromEnvironment);
    const subscriptions = `${fromEnvironment.url}/_apis/hooks/subscriptions?api-version=7.1`;
    expect((await fetch(subscriptions, { headers: { Authorization: basic("env-token") } })).status).toBe(200);
    expect((await fetch(subscriptions, { headers: { Authorization: "Bearer env-token" } })).status).toBe(200);
    expect((await fetch(subscriptions, { headers: { Authorization: basic("emulator"), "X-TFS-FedAuthRedirect": "Suppress" } })).status).toBe(401);

    const fromFlag = await startCli(["--token", "flag-token"], { HOOKOPS_EMULATOR_TOKEN: "env-token" });
    started.push(fromFlag);
    expect((await fetch(`${fromFlag.url}/_apis/hooks/subscriptions?api-version=7.1`, { headers: { Authorization: basic("flag-token") } })).status).toBe(200);
  });

  it("keeps state across runs with --state and never logs bodies or credentials", async () => {
    directory = mkdtempSync(join(tmpdir(), "hookops-emulator-cli-"));
    const statePath = join(directory, "emulator.json");
    const first = await startCli(["--state", statePath]);
    started.push(first);
    const authorization = basic("emulator", "someone");
    const created = await fetch(`${first.url}/_apis/hooks/subscriptions?api-version=7.1`, {
      method: "POST",
      headers: { Authorization: authorization, "Content-Type": "application/json" },
      body: JSON.stringify(webHookBody()),
    });
    expect(created.status).toBe(200);
    const { id } = (await created.json()) as LiveSubscription;
    expect(await stop(first)).toBe(0);
    expect(first.output()).toMatch(/POST \/fabrikam\/_apis\/hooks\/subscriptions 200 \d+ms/);
    expect(first.output()).not.toContain("s3cret-value");
    expect(first.output()).not.toContain(authorization.slice("Basic ".length));

    const second = await startCli(["--state", statePath, "--quiet"]);
    started.push(second);
    const read = await fetch(`${second.url}/_apis/hooks/subscriptions/${id}?api-version=7.1`, { headers: { Authorization: authorization } });
    expect(read.status).toBe(200);
    expect(second.output()).not.toContain("GET /fabrikam");
  });

  it("--service-principal, --list-delay-per-item and --put-clears-probation reach the emulator", async () => {
    const running = await startCli(["--service-principal", "--list-delay-per-item", "300", "--put-clears-probation", "--quiet"]);
    started.push(running);
    expect(running.output()).toMatch(/token\s+emulator\b.*a service principal/);
    const headers = { Authorization: basic("emulator"), "Content-Type": "application/json" };
    const created = await fetch(`${running.url}/_apis/hooks/subscriptions?api-version=7.1`, { method: "POST", headers, body: JSON.stringify(webHookBody()) });
    const { id } = (await created.json()) as LiveSubscription;
    const read = (await (await fetch(`${running.url}/_apis/hooks/subscriptions/${id}?api-version=7.1`, { headers })).json()) as { createdBy: unknown };
    expect(read.createdBy).toBeNull();

    const before = performance.now();
    expect((await fetch(`${running.url}/_apis/hooks/subscriptions?api-version=7.1`, { headers })).status).toBe(200);
    expect(performance.now() - before).toBeGreaterThanOrEqual(280);
    const behaviour = await fetch(`${running.url}/_emulator/behaviour`, { headers });
    expect(await behaviour.json()).toMatchObject({ putClearsProbation: true, listUnlistedEvents: false, maskedEchoMode: "keep" });
  });

  it("refuses a port that is not a number", async () => {
    await expect(startCli(["--port", "eighty"])).rejects.toThrow(/--port must be a number/);
  });
});
