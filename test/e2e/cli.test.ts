import { afterEach, describe, expect, it } from "vitest";
import { BASE_CONFIG, hookops, makeRepo, startOrganization, webhook, type Organization, type Repo } from "./helpers.js";

const ESC = "\u001b[";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

describe("plan and apply on the command line", () => {
  it("stops on invalid configuration with the validator's findings and exit 1, contacting nothing", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("bad", "https://bad.example/hook", { eventType: "build.completed" })]);
    for (const command of [["plan"], ["apply", "--auto-approve"]]) {
      const result = await hookops([...command, "--org", org.org], { cwd: repo.dir, env: org.env });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^hooks\/hooks\.yaml:\d+:\d+: error [a-z-]+: .*build\.completed/m);
      expect(result.stdout).toBe("");
    }
    expect(org.emulator.counters()).toEqual({});
  });

  it("exits 0/2 for plan with --detailed-exitcode, 0 without, and 0 for a successful apply", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("one", "https://one.example/hook")]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });
    expect((await run(["plan"])).code).toBe(0);
    expect((await run(["plan", "--detailed-exitcode"])).code).toBe(2);
    expect((await run(["apply", "--auto-approve", "--detailed-exitcode"])).code).toBe(0);
    expect((await run(["plan", "--detailed-exitcode"])).code).toBe(0);
    expect((await run(["apply", "--auto-approve", "--detailed-exitcode"])).code).toBe(0);
  });

  it("says with --verbose how big and how slow each subscription listing was, and takes --list-timeout", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("one", "https://one.example/hook")]);
    const result = await hookops(["plan", "--verbose", "--list-timeout", "120", "--org", org.org], { cwd: repo.dir, env: org.env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^hookops: listed project WebSite on the default host: 0 subscriptions in \d+ ms$/m);
    expect(result.stderr).toMatch(/^hookops: listed project WebSite on the release host: 0 subscriptions in \d+ ms$/m);
    const bad = await hookops(["plan", "--list-timeout", "0", "--org", org.org], { cwd: repo.dir, env: org.env });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--list-timeout");
    const badEnv = await hookops(["plan", "--org", org.org], { cwd: repo.dir, env: { ...org.env, HOOKOPS_LIST_TIMEOUT: "soon" } });
    expect(badEnv.code).toBe(1);
    expect(badEnv.stderr).toContain('HOOKOPS_LIST_TIMEOUT is "soon"');
  });

  it("colors only on request, and never with --no-color or NO_COLOR", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("one", "https://one.example/hook")]);
    const plan = (args: string[], env: Record<string, string>) =>
      hookops(["plan", "--org", org!.org, ...args], { cwd: repo!.dir, env: { ...org!.env, ...env } });
    expect((await plan([], {})).stdout).not.toContain(ESC);
    expect((await plan([], { FORCE_COLOR: "1" })).stdout).toContain(`${ESC}32m+${ESC}39m`);
    expect((await plan(["--no-color"], { FORCE_COLOR: "1" })).stdout).not.toContain(ESC);
    expect((await plan([], { FORCE_COLOR: "1", NO_COLOR: "1" })).stdout).not.toContain(ESC);
  });

  it("prints machine output with --json for plan and apply", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("one", "https://one.example/hook")]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org, "--json"], { cwd: repo!.dir, env: org!.env });
    const plan = await run(["plan"]);
    expect(JSON.parse(plan.stdout)).toMatchObject({ formatVersion: 1, changes: [{ action: "create", name: "one" }] });
    const needsApproval = await run(["apply"]);
    expect(needsApproval.code).toBe(1);
    expect(needsApproval.stderr).toMatch(/^Error: apply --json cannot ask for confirmation/);
    const apply = await run(["apply", "--auto-approve"]);
    expect(apply.code).toBe(0);
    const report = JSON.parse(apply.stdout) as { results: { id: string }[] };
    expect(report).toMatchObject({
      formatVersion: 1,
      outcome: "applied",
      succeeded: 1,
      failed: 0,
      skipped: 0,
      results: [{ action: "create", name: "one", outcome: "succeeded" }],
    });
    expect(org.emulator.state.get(report.results[0]!.id)).toBeDefined();
  });

  it("prints clean errors without stack traces", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("one", "https://one.example/hook")]);
    const refused = await hookops(["apply", "--auto-approve", "--org", org.org], { cwd: repo.dir, env: { AZURE_DEVOPS_TOKEN: "not-a-real-token-123" } });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: Azure DevOps /);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(refused.stderr).not.toContain("not-a-real-token-123");

    const noToken = await hookops(["plan", "--org", org.org], { cwd: repo.dir });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^Error: /);
    expect(noToken.stderr).not.toMatch(/^\s+at /m);

    const badFlag = await hookops(["apply", "--concurrency", "0", "--auto-approve", "--org", "emulator"], { cwd: repo.dir });
    expect(badFlag.code).toBe(1);
    expect(badFlag.stderr).toContain("expected a whole number of at least 1");

    const notAPlan = await hookops(["apply", "hookops.yaml", "--org", "emulator"], { cwd: repo.dir });
    expect(notAPlan.code).toBe(1);
    expect(notAPlan.stderr).toBe("Error: hookops.yaml is not a saved plan: it is not valid JSON\n");
  });
});
