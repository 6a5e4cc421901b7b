import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { AdoClient, patCredential, resolveOrganization, type Consumer, type InputDescriptor, type Publisher } from "../../src/ado/index.js";
import type { DesiredSubscription } from "../../src/config/types.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { checkAgainstLive, fetchLiveMetadata, type LiveMetadata } from "../../src/engine/online/index.js";
import { sendJson, startServer } from "../ado/helpers.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const cli = path.join(repoRoot, "lib/cli/main.js");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The built CLI in a child process; asynchronous, so the emulator in this process keeps answering. */
function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...options.env };
    execFile(process.execPath, [cli, ...args], { cwd: options.cwd, env, timeout: 15_000 }, (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : error ? 1 : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

async function repo(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "hookops-validate-online-"));
  onTestFinished(() => rm(root, { recursive: true, force: true }));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), content);
  }
  return root;
}

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
    "    publisherInputs: { releaseEnvironmentStatus: \"4\" }",
    "    consumerId: webHooks",
    "    consumerActionId: httpRequest",
    "    consumerInputs: { url: https://hooks.example.com/deployments }",
    "  - name: mobile-bugs",
    "    project: c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62",
    "    eventType: workitem.created",
    "    publisherInputs: { workItemType: Bug }",
    "    consumerId: azureStorageQueue",
    "    consumerActionId: enqueue",
    "    consumerInputs: { accountName: fabhooks, accountKey: \"${file:secrets/key.txt}\", queueName: bugs, visiTimeout: 0, ttl: 604800 }",
  ),
  "secrets/key.txt": "not-a-real-key\n",
};

function totalRequests(emulator: EmulatorHandle): number {
  return Object.values(emulator.counters()).reduce((sum, count) => sum + count, 0);
}

function noStackTrace(run: Run): void {
  expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(run.stderr).not.toContain("unexpected failure");
}

describe("hookops validate --online (built CLI against an emulator)", () => {
  let emulator: EmulatorHandle;
  let env: Record<string, string>;

  beforeAll(async () => {
    if (!existsSync(cli)) throw new Error("lib/cli/main.js is missing: run `npm run build` first (npm test does it)");
    emulator = await startEmulator({ users: [{ token: "online-check-token-5d1f", kind: "pat", id: "8d7c2a1e-0000-4000-8000-000000000001", displayName: "Validator", uniqueName: "validator@fabrikam.example" }] });
    env = { AZURE_DEVOPS_TOKEN: emulator.token };
  });
  afterAll(() => emulator.close());
  beforeEach(() => emulator.resetCounters());

  it("passes a valid repo (default and release hosts, project by name, case and id)", async () => {
    const dir = await repo(VALID_REPO);
    const run = await runCli(["validate", dir, "--online", "--org", emulator.url], { cwd: dir, env });
    expect(run).toEqual({ code: 0, stdout: "Valid: 3 subscriptions in 2 files.\n", stderr: `Checked online against ${emulator.url}: 3 projects, 5 publishers, 21 consumers.\n` });
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

  it("reports a project the organization lacks at the subscription's line, in all three formats", async () => {
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
      "hooks/teams.yaml:10:5: error online-unknown-project: project "Legacy" does not exist in <org>, or the credential cannot see it. Known projects: "WebSite", "Mobile" or "Platform".
      hooks/teams.yaml:16:5: error online-unknown-project: project "Websites" does not exist in <org>, or the credential cannot see it. Did you mean "WebSite"?
      2 errors, 0 warnings in 2 files (3 subscriptions)
      "
    `);

    const json = await runCli(["validate", ".", "--online", "--org", emulator.url, "--json"], { cwd: dir, env });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { formatVersion: number; valid: boolean; findings: { file: string; line: number; column: number; severity: string; rule: string }[] };
    expect(report.formatVersion).toBe(1);
    expect(report.valid).toBe(false);
    expect(report.findings.map(({ file, line, column, severity, rule }) => `${file}:${line}:${column} ${severity} ${rule}`)).toEqual([
      "hooks/teams.yaml:10:5 error online-unknown-project",
      "hooks/teams.yaml:16:5 error online-unknown-project",
    ]);

    const github = await runCli(["validate", ".", "--online", "--org", emulator.url, "--format", "github"], { cwd: dir, env });
    expect(github.code).toBe(1);
    expect(github.stdout.split("\n")[0]).toMatch(/^::error file=hooks\/teams.yaml,line=10,col=5,title=online-unknown-project::project "Legacy" does not exist in /);
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
    expect(report.findings[0]).toMatchObject({ line: 2, rule: "online-unknown-project" });
    expect(report.findings[0]?.message).toContain('project "Archive"');
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

    const noOrg = await repo({ ...VALID_REPO, "hookops.yaml": "include: [\"hooks/**/*.yaml\"]\n" });
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
    expect(valid).toEqual({ code: 0, stdout: "Valid: 3 subscriptions in 2 files.\n", stderr: "Checked online against emulator: 3 projects, 5 publishers, 21 consumers.\n" });
    expect(existsSync(path.join(dir, ".hookops"))).toBe(false);

    const invalid = await repo({ "hookops.yaml": "organization: emulator\n", "hooks/a.yaml": lines("subscriptions:", ...BUILD_HOOK.map((line) => line.replace("WebSite", "Intranet"))) });
    const run = await runCli(["validate", ".", "--online"], { cwd: invalid });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('hooks/a.yaml:2:5: error online-unknown-project: project "Intranet" does not exist in emulator, or the credential cannot see it.');
  });
});

// --- the comparison, with hand-built metadata ------------------------------------------------

function input(id: string, extra: Partial<InputDescriptor> = {}): InputDescriptor {
  return { id, ...extra };
}

const required = { validation: { isRequired: true } };

function liveMetadata(): LiveMetadata {
  const tfs: Publisher = {
    id: "tfs",
    inputDescriptors: [input("projectId"), input("teamId")],
    supportedEvents: [
      { id: "build.complete", inputDescriptors: [input("definitionName"), input("buildStatus")] },
      { id: "git.push", inputDescriptors: [input("repository"), input("branch")] },
      { id: "tfvc.checkin", inputDescriptors: [input("path", { ...required, values: { defaultValue: "$/" } })] },
      { id: "message.posted", inputDescriptors: [input("roomId", required)] },
      { id: "workitem.created", inputDescriptors: [input("areaPath"), input("workItemType")] },
    ],
  };
  const webHooks: Consumer = {
    id: "webHooks",
    inputDescriptors: [],
    actions: [
      {
        id: "httpRequest",
        supportedEventTypes: ["*"],
        inputDescriptors: [input("url", required), input("httpHeaders"), input("basicAuthUsername"), input("basicAuthPassword")],
      },
    ],
  };
  const queue: Consumer = {
    id: "azureStorageQueue",
    inputDescriptors: [input("accountName", required), input("accountKey", required)],
    actions: [{ id: "enqueue", supportedEventTypes: ["build.complete", "git.push"], inputDescriptors: [input("queueName", required), input("ttl", { ...required, values: { defaultValue: "604800" } })] }],
  };
  return {
    hosts: { default: { publishers: [tfs], consumers: [webHooks, queue] }, release: { publishers: [], consumers: [webHooks] } },
    projects: [
      { id: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51", name: "WebSite" },
      { id: "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62", name: "Mobile" },
    ],
  };
}

function desired(overrides: Partial<DesiredSubscription> = {}): DesiredSubscription {
  return {
    name: "hook",
    project: "WebSite",
    publisherId: "tfs",
    eventType: "build.complete",
    publisherInputs: { buildStatus: "Failed" },
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url: "https://hooks.example.com/x" },
    enabled: true,
    source: { file: "hooks/a.yaml", line: 7, column: 5 },
    ...overrides,
  };
}

function check(subscription: DesiredSubscription, metadata: LiveMetadata = liveMetadata()): string[] {
  return checkAgainstLive([subscription], metadata, { organization: "https://dev.azure.com/fabrikam" }).map(
    (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule}: ${finding.message}`,
  );
}

describe("checkAgainstLive", () => {
  it("accepts a subscription the live metadata describes; projects match by name or id, any case, braces allowed", () => {
    expect(check(desired())).toEqual([]);
    expect(check(desired({ project: "website" }))).toEqual([]);
    expect(check(desired({ project: "{C2E1D6B3-8E4F-4D9C-A07B-3F2E1D4C5B62}" }))).toEqual([]);
    expect(check(desired({ publisherInputs: { teamId: "", definitionName: "" } }))).toEqual([]);
  });

  it("reports an unknown project with a suggestion", () => {
    expect(check(desired({ project: "Mobil" }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-project: project "Mobil" does not exist in https://dev.azure.com/fabrikam, or the credential cannot see it. Did you mean "Mobile"?',
    ]);
  });

  it("reports an unknown publisher and skips its event checks", () => {
    const metadata = liveMetadata();
    metadata.hosts.default = { publishers: [{ id: "tfss", supportedEvents: [] }], consumers: metadata.hosts.default?.consumers ?? [] };
    expect(check(desired(), metadata)).toEqual(['hooks/a.yaml:7:5 error online-unknown-publisher: https://dev.azure.com/fabrikam has no publisher "tfs". Did you mean "tfss"?']);
  });

  it("reports an event type the publisher does not offer", () => {
    expect(check(desired({ eventType: "git.pullrequest.created", publisherInputs: {} }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-event-type: publisher "tfs" in https://dev.azure.com/fabrikam does not offer event type "git.pullrequest.created". Known event types: "build.complete", "git.push", "tfvc.checkin", "message.posted" or "workitem.created".',
    ]);
    expect(check(desired({ eventType: "build.completed" }))[0]).toContain('Did you mean "build.complete"?');
  });

  it("reports filters the event type does not describe, and required filters without a default", () => {
    expect(check(desired({ publisherInputs: { buildStatuss: "Failed" } }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-filter: event type "build.complete" in https://dev.azure.com/fabrikam has no filter "buildStatuss". Did you mean "buildStatus"?',
    ]);
    expect(check(desired({ eventType: "message.posted", publisherInputs: { roomId: " " } }))).toEqual([
      'hooks/a.yaml:7:5 error online-missing-input: event type "message.posted" in https://dev.azure.com/fabrikam requires the filter "roomId" in publisherInputs',
    ]);
    // The service fills a required filter that has a default.
    expect(check(desired({ eventType: "tfvc.checkin", publisherInputs: {} }))).toEqual([]);
  });

  it("warns, not fails, when the live service does not describe a filter the catalog calls unconfirmed", () => {
    expect(check(desired({ eventType: "workitem.created", publisherInputs: { tag: "urgent" } }))).toEqual([
      'hooks/a.yaml:7:5 warning online-unknown-filter: event type "workitem.created" in https://dev.azure.com/fabrikam has no filter "tag". Known filters: "areaPath", "workItemType" or "teamId". The catalog marks it unconfirmed, so the service may accept it anyway.',
    ]);
  });

  it("reports an unknown consumer, an unknown action and an event the action does not take", () => {
    expect(check(desired({ consumerId: "webHook" }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-consumer: https://dev.azure.com/fabrikam has no consumer "webHook". Did you mean "webHooks"?',
    ]);
    expect(check(desired({ consumerActionId: "post" }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-action: consumer "webHooks" in https://dev.azure.com/fabrikam has no action "post". Known actions: "httpRequest".',
    ]);
    const queueInputs = { accountName: "fab", accountKey: "${env:KEY}", queueName: "q" };
    expect(check(desired({ eventType: "workitem.created", publisherInputs: {}, consumerId: "azureStorageQueue", consumerActionId: "enqueue", consumerInputs: queueInputs }))).toEqual([
      'hooks/a.yaml:7:5 error online-unsupported-event-type: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam does not accept "workitem.created"; it accepts "build.complete" or "git.push"',
    ]);
  });

  it("reports consumer inputs neither the consumer nor the action describes, and missing required ones", () => {
    const findings = check(desired({ consumerId: "azureStorageQueue", consumerActionId: "enqueue", consumerInputs: { accountName: "fab", queueNmae: "q" } }));
    expect(findings).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-input: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam has no input "queueNmae". Did you mean "queueName"?',
      'hooks/a.yaml:7:5 error online-missing-input: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam requires consumer input "accountKey"',
      'hooks/a.yaml:7:5 error online-missing-input: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam requires consumer input "queueName"',
    ]);
    expect(check(desired({ consumerInputs: { url: "https://x.example", acceptUntrustedCerts: "true" } }))).toEqual([
      'hooks/a.yaml:7:5 warning online-unknown-input: "webHooks/httpRequest" in https://dev.azure.com/fabrikam has no input "acceptUntrustedCerts". Known inputs: "url", "httpHeaders", "basicAuthUsername" or "basicAuthPassword". The catalog marks it unconfirmed, so the service may accept it anyway.',
    ]);
  });

  it("warns about a consumer the catalog calls unconfirmed and the service does not list", () => {
    expect(check(desired({ consumerId: "slack", consumerActionId: "postMessageToChannel" }))).toEqual([
      'hooks/a.yaml:7:5 warning online-unknown-consumer: https://dev.azure.com/fabrikam has no consumer "slack". Known consumers: "webHooks" or "azureStorageQueue". The catalog marks it unconfirmed, so the service may accept it anyway.',
    ]);
  });

  it("looks release events up on the release host", () => {
    const release = desired({ publisherId: "rm", eventType: "ms.vss-release.deployment-completed-event", publisherInputs: {} });
    expect(check(release)).toEqual(['hooks/a.yaml:7:5 error online-unknown-publisher: the release host of https://dev.azure.com/fabrikam has no publisher "rm".']);
    const metadata = liveMetadata();
    metadata.hosts.release = { publishers: [{ id: "rm", supportedEvents: [{ id: "ms.vss-release.deployment-completed-event", inputDescriptors: [] }] }], consumers: [] };
    expect(check(release, metadata)).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-consumer: the release host of https://dev.azure.com/fabrikam has no consumer "webHooks".',
    ]);
  });
});

// --- reading the metadata ----------------------------------------------------------------------

describe("fetchLiveMetadata", () => {
  it("reads each used host once from the emulator, whatever the number of subscriptions", async () => {
    const emulator = await startEmulator();
    onTestFinished(() => emulator.close());
    const client = new AdoClient({ organization: { ...resolveOrganization(emulator.url), releaseUrl: emulator.releaseUrl }, credential: patCredential(emulator.token) });
    onTestFinished(() => client.close());
    const deployment = desired({ publisherId: "rm", eventType: "ms.vss-release.deployment-completed-event", publisherInputs: {} });
    const metadata = await fetchLiveMetadata(client, [desired(), deployment, ...Array.from({ length: 25 }, (_, index) => desired({ name: `h${index}` }))]);
    expect(emulator.counters()).toEqual({
      "GET /_apis/projects": 1,
      "GET /_apis/hooks/publishers": 1,
      "GET /_apis/hooks/consumers": 1,
      "GET /vsrm/_apis/hooks/publishers": 1,
      "GET /vsrm/_apis/hooks/consumers": 1,
    });
    expect(metadata.projects.map((project) => project.name)).toEqual(["WebSite", "Mobile", "Platform"]);
    expect(metadata.hosts.release?.publishers.map((publisher) => publisher.id)).toContain("rm");
    expect(checkAgainstLive([desired(), deployment], metadata, { organization: "emulator" })).toEqual([]);

    emulator.resetCounters();
    const onlyDefault = await fetchLiveMetadata(client, [desired()]);
    expect(Object.keys(onlyDefault.hosts)).toEqual(["default"]);
    expect(Object.keys(emulator.counters()).some((route) => route.startsWith("GET /vsrm"))).toBe(false);
  });

  it("asks for event types and actions of the used publishers and consumers a listing leaves out, once per shared host", async () => {
    const server = await startServer((request, response) => {
      const route = new URL(request.url, "http://x").pathname;
      const bodies: Record<string, unknown[]> = {
        "/fab/_apis/projects": [{ id: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51", name: "WebSite" }],
        "/fab/_apis/hooks/publishers": [{ id: "tfs" }, { id: "rm" }, { id: "unused" }],
        "/fab/_apis/hooks/publishers/tfs/eventtypes": [{ id: "build.complete", inputDescriptors: [{ id: "buildStatus" }] }],
        "/fab/_apis/hooks/publishers/rm/eventtypes": [{ id: "ms.vss-release.deployment-completed-event", inputDescriptors: [] }],
        "/fab/_apis/hooks/consumers": [{ id: "webHooks" }, { id: "unusedConsumer" }],
        "/fab/_apis/hooks/consumers/webHooks/actions": [{ id: "httpRequest", supportedEventTypes: ["*"], inputDescriptors: [{ id: "url" }] }],
      };
      const body = bodies[route];
      if (body === undefined) sendJson(response, 404, { message: `no route ${route}` });
      else sendJson(response, 200, { count: body.length, value: body });
    });
    onTestFinished(() => server.close());
    const url = `${server.url}/fab`;
    // An Azure DevOps Server whose release host is the collection itself.
    const client = new AdoClient({ organization: { ...resolveOrganization(url), releaseUrl: url }, credential: patCredential("server-token") });
    onTestFinished(() => client.close());
    const deployment = desired({ publisherId: "rm", eventType: "ms.vss-release.deployment-completed-event", publisherInputs: {} });
    const metadata = await fetchLiveMetadata(client, [desired(), deployment]);
    const paths = server.requests.map((request) => `${request.method} ${new URL(request.url, "http://x").pathname}`).sort();
    expect(paths).toEqual([
      "GET /fab/_apis/hooks/consumers",
      "GET /fab/_apis/hooks/consumers/webHooks/actions",
      "GET /fab/_apis/hooks/publishers",
      "GET /fab/_apis/hooks/publishers/rm/eventtypes",
      "GET /fab/_apis/hooks/publishers/tfs/eventtypes",
      "GET /fab/_apis/projects",
    ]);
    expect(metadata.hosts.default).toBe(metadata.hosts.release);
    expect(checkAgainstLive([desired(), deployment], metadata, { organization: url })).toEqual([]);
  });
});
