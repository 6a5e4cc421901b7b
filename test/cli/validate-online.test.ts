import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { noStackTrace, repo, runCli } from "./helpers.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";

const lines = (...text: string[]): string => `${text.join("\n")}\n`;

const BUILD_HOOK = [
  "  - name: website-ci-failed",
  "    project: WebSite",
  "    eventType: build.complete",
  "    publisherInputs: { buildStatus: Failed }",
  "    consumerId: webHooks",
  "    consumerActionId: httpRequest",
  "    consumerInputs: { url: https://hooks.example.com/ci }",
];

const VALID_REPO = {
  "hookops.yaml": "organization: fabrikam\n",
  "hooks/website.yaml": lines(
    "subscriptions:",
    ...BUILD_HOOK,
    "  - name: platform-deployed",
    "    project: platform",
    "    eventType: ms.vss-release.deployment-completed-event",
    '    publisherInputs: { releaseEnvironmentStatus: "4" }',
    "    consumerId: webHooks",
    "    consumerActionId: httpRequest",
    "    consumerInputs: { url: https://hooks.example.com/deployments }",
    "  - name: mobile-bugs",
    "    project: c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62",
    "    eventType: workitem.created",
    "    publisherInputs: { workItemType: Bug }",
    "    consumerId: azureStorageQueue",
    "    consumerActionId: enqueue",
    '    consumerInputs: { accountName: fabhooks, accountKey: "${file:secrets/key.txt}", queueName: bugs, visiTimeout: 0, ttl: 604800 }',
  ),
  "secrets/key.txt": "not-a-real-key\n",
};

function totalRequests(emulator: EmulatorHandle): number {
  return Object.values(emulator.counters()).reduce((sum, count) => sum + count, 0);
}

describe("hookops validate --online (against an emulator)", () => {
  let emulator: EmulatorHandle;
  let env: Record<string, string>;

  beforeAll(async () => {
    emulator = await startEmulator({
      users: [
        {
          token: "online-check-token-5d1f",
          kind: "pat",
          id: "8d7c2a1e-0000-4000-8000-000000000001",
          displayName: "Validator",
          uniqueName: "validator@fabrikam.example",
        },
      ],
    });
    env = { AZURE_DEVOPS_TOKEN: emulator.token };
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.resetCounters());

  it("passes a valid repo (default and release hosts, project by name, case and id)", async () => {
    const dir = await repo(VALID_REPO);
    const run = await runCli(["validate", dir, "--online", "--org", emulator.url], { cwd: dir, env });
    expect(run).toEqual({
      code: 0,
      stdout: "Valid: 3 subscriptions in 2 files.\n",
      stderr: `Checked online against ${emulator.url}: 3 projects, 5 publishers, 25 consumers.\n`,
    });
    const counters = emulator.counters();
    expect(counters["GET /vsrm/_apis/hooks/publishers"]).toBe(1);
    expect(counters["GET /_apis/hooks/publishers"]).toBe(1);
    expect(counters["GET /_apis/projects"]).toBe(1);
    expect(Object.keys(counters).some((route) => route.includes("subscriptions"))).toBe(false);
  });

  it("makes the same number of requests for 1 subscription and for 40", async () => {
    const one = await repo({ "hookops.yaml": "organization: fabrikam\n", "hooks/a.yaml": lines("subscriptions:", ...BUILD_HOOK) });
    expect((await runCli(["validate", one, "--online", "--org", emulator.url], { cwd: one, env })).code).toBe(0);
    const forOne = totalRequests(emulator);
    emulator.resetCounters();
    const many = Array.from({ length: 40 }, (_, index) => [
      `  - name: hook-${index}`,
      `    project: ${["WebSite", "Mobile", "Platform"][index % 3]}`,
      `    eventType: ${["build.complete", "git.push", "workitem.updated"][index % 3]}`,
      "    consumerId: webHooks",
      "    consumerActionId: httpRequest",
      `    consumerInputs: { url: "https://hooks.example.com/${index}" }`,
    ]).flat();
    const forty = await repo({ "hookops.yaml": "organization: fabrikam\n", "hooks/a.yaml": lines("subscriptions:", ...many) });
    const run = await runCli(["validate", forty, "--online", "--org", emulator.url], { cwd: forty, env });
    expect(run.stdout).toBe("Valid: 40 subscriptions in 2 files.\n");
    expect(totalRequests(emulator)).toBe(forOne);
    expect(forOne).toBe(3); // projects, publishers, consumers
  });

  it("reports a project the organization lacks at its value, in all three formats", async () => {
    const dir = await repo({
      "hookops.yaml": "organization: fabrikam\n",
      "hooks/teams.yaml": lines(
        "subscriptions:",
        ...BUILD_HOOK,
        "",
        "  - name: legacy-pushes",
        "    project: Legacy",
        "    eventType: git.push",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: https://hooks.example.com/push }",
        "  - name: typo",
        "    project: Websites",
        "    eventType: git.push",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: https://hooks.example.com/typo }",
      ),
    });
    const text = await runCli(["validate", ".", "--online", "--org", emulator.url], { cwd: dir, env });
    expect(text.code).toBe(1);
    expect(text.stdout.replaceAll(emulator.url, "<org>")).toMatchInlineSnapshot(`
      "hooks/teams.yaml:11:14: error unknown-project: project "Legacy" does not exist in <org>, or the credential cannot see it. Known projects: "WebSite", "Mobile" or "Platform".
      hooks/teams.yaml:17:14: error unknown-project: project "Websites" does not exist in <org>, or the credential cannot see it. Did you mean "WebSite"?
      2 errors, 0 warnings in 2 files (3 subscriptions)
      "
    `);

    const json = await runCli(["validate", ".", "--online", "--org", emulator.url, "--json"], { cwd: dir, env });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      formatVersion: number;
      valid: boolean;
      findings: { file: string; line: number; column: number; severity: string; rule: string }[];
    };
    expect(report.formatVersion).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.findings.map(({ file, line, column, severity, rule }) => `${file}:${line}:${column} ${severity} ${rule}`)).toEqual([
      "hooks/teams.yaml:11:14 error unknown-project",
      "hooks/teams.yaml:17:14 error unknown-project",
    ]);

    const github = await runCli(["validate", ".", "--online", "--org", emulator.url, "--format", "github"], { cwd: dir, env });
    expect(github.code).toBe(1);
    expect(github.stdout.split("\n")[0]).toMatch(/^::error file=hooks\/teams.yaml,line=11,col=14,title=unknown-project::project "Legacy" does not exist in /);
  });

  it("checks each fanned-out project on its own", async () => {
    const dir = await repo({
      "hookops.yaml": "organization: fabrikam\n",
      "hooks/a.yaml": lines(
        "subscriptions:",
        "  - name: pushes",
        "    projects: [WebSite, Archive, Mobile]",
        "    eventType: git.push",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: https://hooks.example.com/push }",
      ),
    });
    const run = await runCli(["validate", ".", "--online", "--org", emulator.url, "--json"], { cwd: dir, env });
    const report = JSON.parse(run.stdout) as { findings: { line: number; rule: string; message: string }[]; subscriptions: number };
    expect(report.subscriptions).toBe(3);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ line: 3, column: 25, rule: "unknown-project" });
    expect(report.findings[0]?.message).toContain('project "Archive"');
  });

  it("runs the offline rules against the organization: what the catalog can only guess at, the live metadata decides", async () => {
    const dir = await repo({
      "hookops.yaml": "organization: fabrikam\n",
      "hooks/a.yaml": lines(
        "subscriptions:",
        "  - name: chat",
        "    project: WebSite",
        "    eventType: build.complete",
        "    consumerId: slack",
        "    consumerActionId: postMessage",
        '    consumerInputs: { url: "${env:SLACK_URL}" }',
      ),
    });
    const withUrl = { ...env, SLACK_URL: "https://hooks.slack.com/services/T0/B0/x" };
    const offline = await runCli(["validate", "."], { cwd: dir, env: withUrl });
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain(
      'hooks/a.yaml:6:23: warning unknown-action: unknown consumerActionId "postMessage" for consumer "slack". Did you mean "postMessageToChannel"? The catalog\'s list for "slack" is incomplete, so this may still work.',
    );
    const online = await runCli(["validate", ".", "--online", "--org", emulator.url], { cwd: dir, env: withUrl });
    expect(online.code).toBe(1);
    expect(online.stdout.replaceAll(emulator.url, "<org>")).toBe(
      lines(
        'hooks/a.yaml:6:23: error unknown-action: unknown consumerActionId "postMessage" for consumer "slack" in <org>. Did you mean "postMessageToChannel"?',
        "1 error, 0 warnings in 2 files (1 subscription)",
      ),
    );
  });

  it("stops at offline errors without contacting the organization", async () => {
    const dir = await repo({
      "hookops.yaml": "organization: fabrikam\n",
      "hooks/a.yaml": lines(
        "subscriptions:",
        "  - name: bad",
        "    project: Legacy",
        "    eventType: build.completed",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: https://hooks.example.com/ci }",
      ),
    });
    const run = await runCli(["validate", ".", "--online", "--org", emulator.url], { cwd: dir, env });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('hooks/a.yaml:4:16: error unknown-event-type: unknown eventType "build.completed". Did you mean "build.complete"?');
    expect(run.stdout).not.toContain("online-");
    expect(run.stderr).toBe("");
    expect(totalRequests(emulator)).toBe(0);
  });

  it("fails cleanly on a refused token, naming AZURE_DEVOPS_TOKEN and never its value", async () => {
    const dir = await repo(VALID_REPO);
    const token = "wrong-token-e3b0c44298fc1c149afbf4c8";
    const run = await runCli(["validate", ".", "--online", "--org", emulator.url], { cwd: dir, env: { AZURE_DEVOPS_TOKEN: token } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Error: .*personal access token from AZURE_DEVOPS_TOKEN/);
    expect(run.stderr).toContain('"Service hooks (read)" scope (vso.hooks)');
    expect(`${run.stdout}${run.stderr}`).not.toContain(token);
    expect(`${run.stdout}${run.stderr}`).not.toContain(Buffer.from(`:${token}`).toString("base64"));
    noStackTrace(run);
  });

  it("says what to set when there is no credential or no organization", async () => {
    const dir = await repo(VALID_REPO);
    const noToken = await runCli(["validate", ".", "--online", "--org", emulator.url], { cwd: dir });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toMatch(/^Error: No Azure DevOps credential found: set AZURE_DEVOPS_TOKEN/);
    noStackTrace(noToken);

    const noOrg = await repo({ ...VALID_REPO, "hookops.yaml": 'include: ["hooks/**/*.yaml"]\n' });
    const run = await runCli(["validate", ".", "--online"], { cwd: noOrg, env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: No organization: pass --org, set `organization` in hookops.yaml, or set AZURE_DEVOPS_ORG_URL/);
    expect(totalRequests(emulator)).toBe(0);

    const fromEnvironment = await runCli(["validate", ".", "--online"], { cwd: noOrg, env: { ...env, AZURE_DEVOPS_ORG_URL: emulator.url } });
    expect(fromEnvironment.code).toBe(0);
  });

  it("refuses --org without --online", async () => {
    const dir = await repo(VALID_REPO);
    const run = await runCli(["validate", ".", "--org", emulator.url], { cwd: dir, env });
    expect(run).toMatchObject({ code: 1, stdout: "" });
    expect(run.stderr).toBe("Error: --org is only used by the online checks; add --online to check against the organization\n");
  });

  it("runs against the embedded emulator with --org emulator, writing no state", async () => {
    const dir = await repo(VALID_REPO);
    const valid = await runCli(["validate", ".", "--online", "--org", "emulator"], { cwd: dir });
    expect(valid).toEqual({
      code: 0,
      stdout: "Valid: 3 subscriptions in 2 files.\n",
      stderr: "Checked online against emulator: 3 projects, 5 publishers, 25 consumers.\n",
    });
    expect(existsSync(path.join(dir, ".hookops"))).toBe(false);

    const invalid = await repo({
      "hookops.yaml": "organization: emulator\n",
      "hooks/a.yaml": lines("subscriptions:", ...BUILD_HOOK.map((line) => line.replace("WebSite", "Intranet"))),
    });
    const run = await runCli(["validate", ".", "--online"], { cwd: invalid });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('hooks/a.yaml:3:14: error unknown-project: project "Intranet" does not exist in emulator, or the credential cannot see it.');
  });
});

// --- the comparison, with hand-built metadata ------------------------------------------------
