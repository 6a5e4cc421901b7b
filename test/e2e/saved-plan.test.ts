import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { BASE_CONFIG, hookops, makeRepo, webhook, type Repo } from "./helpers.js";

const SECRET = "saved-plan-secret-7f3a9c";
const withSecret = (name: string, url: string, extra: Record<string, string> = {}) =>
  webhook(name, url, { consumerInputs: { url, basicAuthUsername: "ado", basicAuthPassword: "${env:HOOK_PASSWORD}", ...extra } });

let repo: Repo | undefined;
afterEach(async () => {
  await repo?.cleanup();
  repo = undefined;
});

/** Opens the state `--org emulator` keeps in the repo, for a look or a change behind hookops' back. */
async function withEmbeddedState<T>(target: Repo, use: (emulator: Awaited<ReturnType<typeof startEmulator>>) => T): Promise<T> {
  const emulator = await startEmulator({ statePath: target.statePath });
  try {
    return use(emulator);
  } finally {
    await emulator.close();
  }
}

describe("saved plans with --org emulator", () => {
  it("applies the saved plan from a subfolder of the repository, and refuses it once live state moved", async () => {
    repo = await makeRepo(BASE_CONFIG, [withSecret("alerts", "https://alerts.example/hook"), webhook("review", "https://review.example/pr")]);
    const env = { HOOK_PASSWORD: SECRET };
    await mkdir(path.join(repo.dir, ".git"));
    const elsewhere = path.join(repo.dir, "elsewhere");
    await mkdir(path.join(repo.dir, "plans"));
    await mkdir(elsewhere);
    const run = (args: string[], cwd = repo!.dir) => hookops([...args, "--org", "emulator"], { cwd, env });

    const plan = await run(["plan", "--out", "plans/first.json", "--detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("Saved the plan to plans/first.json. Apply exactly these changes with: hookops apply plans/first.json");
    const savedText = await readFile(path.join(repo.dir, "plans", "first.json"), "utf8");
    expect(savedText).not.toContain(SECRET);
    const saved = JSON.parse(savedText) as { formatVersion: number; organization: string; source: { config: string }; changes: unknown[] };
    expect(saved).toMatchObject({ formatVersion: 1, organization: "emulator", source: { config: "../hookops.yaml", options: {} } });
    expect(saved.changes).toHaveLength(2);

    const apply = await run(["apply", "../plans/first.json"], elsewhere);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain("Apply complete: 2 changed, 0 failed, 0 skipped.");
    expect(apply.stdout).not.toContain(SECRET);
    const stored = await withEmbeddedState(repo, (emulator) => emulator.state.subscriptions());
    expect(stored).toHaveLength(2);
    expect(stored.find((subscription) => subscription.consumerInputs.url === "https://alerts.example/hook")?.consumerInputs.basicAuthPassword).toBe(SECRET);
    expect((await run(["plan", "--detailed-exitcode"])).stdout).toContain("No changes.");

    // Stale: a subscription the plan updates changes status after the plan was saved.
    await repo.writeHooks([withSecret("alerts", "https://alerts.example/hook", { messagesToSend: "none" }), webhook("review", "https://review.example/pr")]);
    expect((await run(["plan", "--out", "plans/second.json"])).code).toBe(0);
    const alertsId = stored.find((subscription) => subscription.consumerInputs.url === "https://alerts.example/hook")!.id;
    await withEmbeddedState(repo, (emulator) => emulator.state.setStatus(alertsId, "disabledByUser"));
    const stale = await run(["apply", "plans/second.json"]);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(
      "Error: the saved plan is not what re-planning gives now (live state, configuration, flags or the file itself changed), so nothing was changed:",
    );
    expect(stale.stderr).toContain(`live subscription ${alertsId} was modified since the plan was made`);
    expect(stale.stderr).toContain("Run `hookops plan --out <file>` again, review it, and apply the new plan.");
    const unchanged = await withEmbeddedState(repo, (emulator) => emulator.state.get(alertsId));
    expect(unchanged?.consumerInputs.messagesToSend).toBeUndefined();

    // Stale: a subscription the plan creates was created by someone else since.
    await repo.writeHooks([
      withSecret("alerts", "https://alerts.example/hook", { messagesToSend: "none" }),
      webhook("review", "https://review.example/pr"),
      webhook("late", "https://late.example/hook"),
    ]);
    expect((await run(["plan", "--out", "plans/third.json"])).code).toBe(0);
    expect((await run(["apply", "--auto-approve"])).code).toBe(0);
    const createdTwice = await run(["apply", "plans/third.json"]);
    expect(createdTwice.code).toBe(1);
    expect(createdTwice.stderr).toContain('the saved plan would create "late", which re-planning does not');
    const late = await withEmbeddedState(repo, (emulator) =>
      emulator.state.subscriptions().filter((subscription) => subscription.consumerInputs.url === "https://late.example/hook"),
    );
    expect(late).toHaveLength(1);
  });

  it("refuses before changing anything when a secret is missing, and needs --auto-approve without a terminal", async () => {
    repo = await makeRepo(BASE_CONFIG, [withSecret("alerts", "https://alerts.example/hook"), webhook("review", "https://review.example/pr")]);
    const noTerminal = await hookops(["apply", "--org", "emulator"], { cwd: repo.dir, env: { HOOK_PASSWORD: SECRET } });
    expect(noTerminal.code).toBe(1);
    expect(noTerminal.stderr).toBe(
      "Error: apply asks for confirmation on a terminal, and none is attached: add --auto-approve, or apply a plan saved with `hookops plan --out plan.json`\n",
    );

    const missing = await hookops(["apply", "--org", "emulator", "--auto-approve"], { cwd: repo.dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      'Error: secret inputs cannot be filled, so nothing was changed:\n  - "alerts": consumerInputs.basicAuthPassword needs environment variable HOOK_PASSWORD, which is not available\n',
    );
    const stored = await withEmbeddedState(repo, (emulator) => emulator.state.subscriptions());
    expect(stored).toEqual([]);
  });

  it("asks for `yes` on a terminal and applies nothing on any other answer", async () => {
    repo = await makeRepo(BASE_CONFIG, [webhook("review", "https://review.example/pr")]);
    // stdin and stdout are a terminal; the answer is typed into it.
    const onTerminal = async (answer: string) => {
      const result = await hookops(["apply", "--org", "emulator"], { cwd: repo!.dir, env: { TERM: "dumb" }, input: `${answer}\n`, terminal: true });
      return { code: result.code, output: `${result.stdout}${result.stderr}` };
    };

    const declined = await onTerminal("no");
    expect(declined.output).toContain("Apply these changes? Only 'yes' is accepted:");
    expect(declined.output).toContain("Apply cancelled: nothing was changed.");
    expect(declined.code).toBe(1);
    expect(await withEmbeddedState(repo, (emulator) => emulator.state.subscriptions())).toEqual([]);

    const approved = await onTerminal("yes");
    expect(approved.output).toMatch(/\[1\/1\] \+ created review \(WebSite\) [0-9a-f-]{36}/);
    expect(approved.code).toBe(0);
    expect(await withEmbeddedState(repo, (emulator) => emulator.state.subscriptions())).toHaveLength(1);
  });
});
