import { EventEmitter } from "node:events";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  BASE_CONFIG,
  createdIds,
  hookops,
  makeRepo,
  requireBuiltCli,
  startHookops,
  startHookopsInProcess,
  startOrganization,
  webhook,
  type Organization,
  type Repo,
} from "./helpers.js";

const POST = "POST /_apis/hooks/subscriptions";

let org: Organization | undefined;
let repo: Repo | undefined;
beforeAll(requireBuiltCli);
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

const hooks = (count: number) => Array.from({ length: count }, (_, index) => webhook(`hook-${index}`, `https://h${index}.example/hook`));

function urls(target: Organization): string[] {
  return target.emulator.state
    .subscriptions()
    .map((subscription) => subscription.consumerInputs.url ?? "")
    .sort();
}

describe("failures and convergence", () => {
  it("reports a partial failure with exit 1 and converges on the next run", async () => {
    org = await startOrganization({ faults: { failNext: [{ status: 400, count: 1, route: POST }] } });
    repo = await makeRepo(BASE_CONFIG, hooks(3));
    const run = (args: string[]) => hookops([...args, "--org", org!.org, "--concurrency", "1"], { cwd: repo!.dir, env: org!.env });

    const first = await run(["apply", "--auto-approve"]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/^✗ failed to create hook-0 \(WebSite\): POST \S+ failed: HTTP 400 /m);
    expect(first.stdout).toContain("Apply complete: 2 changed, 1 failed, 0 skipped.\nFailed (not changed, or only partly):\n  ✗ hook-0 (WebSite) (create): ");
    expect(org.emulator.state.subscriptions()).toHaveLength(2);

    const second = await run(["apply", "--auto-approve"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("Apply complete: 1 changed, 0 failed, 0 skipped.");
    const last = await run(["plan", "--detailed-exitcode"]);
    expect(last.code).toBe(0);
    expect(last.stdout).toContain("No changes.");
    expect(urls(org)).toEqual(["https://h0.example/hook", "https://h1.example/hook", "https://h2.example/hook"]);
  });

  it("never duplicates a create whose response was lost, nor one whose connection was reset", async () => {
    org = await startOrganization({ faults: { dropPostResponseRate: 1 } });
    repo = await makeRepo(BASE_CONFIG, hooks(3));
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });

    const dropped = await run(["apply", "--auto-approve"]);
    expect(dropped.code).toBe(0);
    expect(dropped.stdout.match(/note: the answer to the create was lost or unreadable; the subscription it made was found by listing again/g)).toHaveLength(3);
    expect(org.emulator.counters()[POST]).toBe(3);
    expect(urls(org)).toHaveLength(3);
    expect(createdIds(dropped.stdout).sort()).toEqual(
      org.emulator.state
        .subscriptions()
        .map((subscription) => subscription.id)
        .sort(),
    );

    org.emulator.setFaults({});
    const again = await run(["apply", "--auto-approve"]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes.");
    expect(urls(org)).toHaveLength(3);

    // A reset before the service handled the POST: listing shows nothing; it is not sent again, the next apply makes it.
    await repo.writeHooks(hooks(4));
    org.emulator.setFaults({ failNext: [{ status: 0, count: 1, route: POST }] });
    org.emulator.resetCounters();
    const reset = await run(["apply", "--auto-approve"]);
    expect(reset.code).toBe(1);
    expect(reset.stdout).toContain("listing again found no subscription it made; it was not sent again");
    expect(org.emulator.counters()[POST]).toBe(1);
    const converged = await run(["apply", "--auto-approve"]);
    expect(converged.code).toBe(0);
    expect(urls(org)).toEqual(["https://h0.example/hook", "https://h1.example/hook", "https://h2.example/hook", "https://h3.example/hook"]);
  });

  it("on Ctrl-C starts no new change, finishes those in flight, prints the summary and exits 1", async () => {
    org = await startOrganization({ faults: { latencyMs: 120 } });
    repo = await makeRepo(BASE_CONFIG, hooks(10));
    const signals = new EventEmitter();
    let interrupted = false;
    const run = startHookopsInProcess(["apply", "--auto-approve", "--org", org.org, "--concurrency", "2"], {
      cwd: repo.dir,
      env: org.env,
      signals,
      onStdout: (soFar) => {
        if (interrupted || !soFar.includes("+ created")) return;
        interrupted = true;
        // As a real Ctrl-C does: later, not inside the write that showed the change.
        setImmediate(() => signals.emit("SIGINT"));
      },
    });
    const code = await run.exited;
    const stdout = run.stdout();
    const stderr = run.stderr();

    expect(code).toBe(1);
    expect(stderr).toContain("Interrupted: no new change will start; waiting for the changes in flight to finish");
    const summary = /Apply interrupted: (\d+) changed, 0 failed, (\d+) skipped\./.exec(stdout);
    expect(summary).not.toBeNull();
    const changed = Number(summary?.[1]);
    expect(changed + Number(summary?.[2])).toBe(10);
    expect(changed).toBeGreaterThanOrEqual(1);
    // At most the two that finished together before the signal plus the two then in flight.
    expect(changed).toBeLessThanOrEqual(4);
    expect(stdout).toContain("Skipped (not changed):\n  · hook-");
    // What the summary says was created is exactly what exists.
    expect(
      org.emulator.state
        .subscriptions()
        .map((subscription) => subscription.id)
        .sort(),
    ).toEqual(createdIds(stdout).sort());
    expect(createdIds(stdout)).toHaveLength(changed);

    org.emulator.setFaults({});
    const rest = await hookops(["apply", "--auto-approve", "--org", org.org], { cwd: repo.dir, env: org.env });
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain(`Apply complete: ${10 - changed} changed, 0 failed, 0 skipped.`);
    expect(urls(org)).toHaveLength(10);
  });

  it("on a second Ctrl-C stops at once with exit 130, saying a change in flight may or may not have been made", async () => {
    org = await startOrganization({ faults: { latencyMs: 120 } });
    repo = await makeRepo(BASE_CONFIG, hooks(10));
    const signals = new EventEmitter();
    let interrupted = false;
    const run = startHookopsInProcess(["apply", "--auto-approve", "--org", org.org, "--concurrency", "2"], {
      cwd: repo.dir,
      env: org.env,
      signals,
      onStdout: (soFar) => {
        if (interrupted || !soFar.includes("+ created")) return;
        interrupted = true;
        setImmediate(() => {
          signals.emit("SIGINT");
          signals.emit("SIGINT");
        });
      },
    });
    expect(await run.exited).toBe(130);
    expect(run.stderr()).toContain("Interrupted: no new change will start");
    expect(run.stderr()).toContain("Stopped at once: a change in flight may or may not have been made; run `hookops plan` to see.");
    expect(run.stdout()).not.toContain("Apply interrupted:");
    await org.emulator.whenIdle();
  });

  // A real process: only a process can die in the middle of a change.
  it("after kill -9 mid-apply, applying again converges to one subscription per declaration", async () => {
    org = await startOrganization({ faults: { latencyMs: 80 } });
    repo = await makeRepo(BASE_CONFIG, hooks(12));
    const child = startHookops(["apply", "--auto-approve", "--org", org.org, "--concurrency", "3"], { cwd: repo.dir, env: org.env });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on("close", (_code, signal) => resolve(signal)));
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      if (stdout.includes("+ created")) child.kill("SIGKILL");
    });
    expect(await exited).toBe("SIGKILL");
    // Creates in flight when the process died still land on the service.
    await org.emulator.whenIdle();
    const made = org.emulator.state.subscriptions().length;
    expect(made).toBeGreaterThanOrEqual(1);
    expect(made).toBeLessThan(12);

    org.emulator.setFaults({});
    const again = await hookops(["apply", "--auto-approve", "--org", org.org], { cwd: repo.dir, env: org.env });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`Apply complete: ${12 - made} changed, 0 failed, 0 skipped.`);
    expect(urls(org)).toEqual(
      hooks(12)
        .map((_, index) => `https://h${index}.example/hook`)
        .sort(),
    );
  });
});
