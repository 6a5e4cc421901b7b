import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hasErrors, loadRepository } from "../../src/config/index.js";
import { check, line } from "./helpers.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("hookops.yaml", () => {
  it("fills the documented defaults", async () => {
    const { load, root } = await check({ "hookops.yaml": "# only a comment and an empty map\n{}\n", "hooks/a.yml": "subscriptions: []\n" });
    expect(load.findings).toEqual([]);
    expect(load.config).toEqual({
      root,
      configFile: "hookops.yaml",
      include: ["hooks/**/*.{yaml,yml}"],
      prune: { enabled: false, scope: { createdBy: "self" }, maxDeletes: 10 },
      protect: [],
      defaults: {},
    });
  });

  it("reads organization, include, prune, protect and defaults", async () => {
    const config = [
      "organization: https://dev.azure.com/fabrikam",
      'include: ["./subscriptions/*.yaml"]',
      "prune:",
      "  enabled: true",
      "  scope: { projects: [WebSite], createdBy: [11111111-2222-3333-4444-555555555555] }",
      "  maxDeletes: 0",
      "protect:",
      "  - { consumerId: zapier }",
      '  - { project: Mobile, url: "https://legacy.example/*" }',
      "defaults:",
      '  resourceVersion: "1.0"',
      "  consumerInputs: { messagesToSend: none }",
      "",
    ].join("\n");
    const { load } = await check({ "hookops.yaml": config, "subscriptions/a.yaml": "subscriptions: []\n" });
    expect(load.findings).toEqual([]);
    expect(load.config).toMatchObject({
      organization: "https://dev.azure.com/fabrikam",
      include: ["subscriptions/*.yaml"],
      prune: { enabled: true, scope: { projects: ["WebSite"], createdBy: ["11111111-2222-3333-4444-555555555555"] }, maxDeletes: 0 },
      protect: [{ consumerId: "zapier" }, { project: "Mobile", url: "https://legacy.example/*" }],
      defaults: { resourceVersion: "1.0", consumerInputs: { messagesToSend: "none" } },
    });
  });
});

describe("defaults and fan-out", () => {
  const config = [
    "defaults:",
    '  resourceVersion: "1.0"',
    "  consumerId: webHooks",
    "  consumerActionId: httpRequest",
    "  publisherInputs: { buildStatus: Failed }",
    "  consumerInputs:",
    "    basicAuthUsername: ado",
    "    basicAuthPassword: ${env:HOOK_PASSWORD}",
    "    messagesToSend: none",
    "",
  ].join("\n");
  const hooks = [
    "subscriptions:",
    "  - name: failed",
    "    projects: [WebSite, Mobile]",
    "    eventType: build.complete",
    "    publisherInputs: { definitionName: CI }",
    "    consumerInputs: { url: https://hooks.example.com/failed, messagesToSend: text }",
    "  - name: plain",
    "    project: Platform",
    '    resourceVersion: "2.0-preview.2"',
    "    eventType: build.complete",
    "    publisherInputs: { buildStatus: null }",
    "    consumerInputs: { url: https://hooks.example.com/plain, basicAuthUsername: null, basicAuthPassword: null }",
    "    enabled: false",
    "",
  ].join("\n");

  it("merge input maps key by key, let the subscription win, and null removes an inherited value", async () => {
    const { load } = await check({ "hookops.yaml": config, "hooks/a.yaml": hooks }, { env: { HOOK_PASSWORD: "x" } });
    expect(load.findings).toEqual([]);
    // Each copy knows where its project is written: its item of `projects`, or `project`.
    expect(load.subscriptions.map((subscription) => subscription.projectSource)).toEqual([
      { file: "hooks/a.yaml", line: 3, column: 16 },
      { file: "hooks/a.yaml", line: 3, column: 25 },
      { file: "hooks/a.yaml", line: 8, column: 14 },
    ]);
    expect(load.subscriptions.map(({ source: _source, projectSource: _projectSource, ...rest }) => rest)).toEqual([
      {
        name: "failed@WebSite",
        project: "WebSite",
        publisherId: "tfs",
        eventType: "build.complete",
        resourceVersion: "1.0",
        publisherInputs: { buildStatus: "Failed", definitionName: "CI" },
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        consumerInputs: {
          basicAuthUsername: "ado",
          basicAuthPassword: "${env:HOOK_PASSWORD}",
          messagesToSend: "text",
          url: "https://hooks.example.com/failed",
        },
        enabled: true,
      },
      {
        name: "failed@Mobile",
        project: "Mobile",
        publisherId: "tfs",
        eventType: "build.complete",
        resourceVersion: "1.0",
        publisherInputs: { buildStatus: "Failed", definitionName: "CI" },
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        consumerInputs: {
          basicAuthUsername: "ado",
          basicAuthPassword: "${env:HOOK_PASSWORD}",
          messagesToSend: "text",
          url: "https://hooks.example.com/failed",
        },
        enabled: true,
      },
      {
        name: "plain",
        project: "Platform",
        publisherId: "tfs",
        eventType: "build.complete",
        resourceVersion: "2.0-preview.2",
        publisherInputs: {},
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        consumerInputs: { messagesToSend: "none", url: "https://hooks.example.com/plain" },
        enabled: false,
      },
    ]);
    expect(load.subscriptions.map((subscription) => subscription.source)).toEqual([
      { file: "hooks/a.yaml", line: 2, column: 5 },
      { file: "hooks/a.yaml", line: 2, column: 5 },
      { file: "hooks/a.yaml", line: 7, column: 5 },
    ]);
  });

  it("a fan-out copy does not share input objects with its siblings", async () => {
    const { load } = await check({ "hookops.yaml": config, "hooks/a.yaml": hooks }, { env: { HOOK_PASSWORD: "x" } });
    const [first, second] = load.subscriptions;
    expect(first?.consumerInputs).not.toBe(second?.consumerInputs);
    expect(first?.publisherInputs).not.toBe(second?.publisherInputs);
  });

  it("a problem in an inherited value is reported once, in hookops.yaml", async () => {
    const badDefaults = config.replace("messagesToSend: none", "messagesToSend: loud");
    const { lines } = await check({ "hookops.yaml": badDefaults, "hooks/a.yaml": hooks }, { env: { HOOK_PASSWORD: "x" } });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:9:21: warning unknown-input-value: consumer input "messagesToSend" is not one of "all", "text", "html", "markdown" or "none" (or "" for the default). The service accepts any value here, but may not understand it",
      ]
    `);
  });

  it("a subscription's own project replaces projects from defaults", async () => {
    const withProjects = `${config}  projects: [WebSite, Mobile]\n`;
    const own =
      "subscriptions:\n  - name: one\n    project: Platform\n    eventType: git.push\n    publisherInputs: { buildStatus: null }\n    consumerInputs: { url: https://hooks.example.com/one }\n  - name: many\n    eventType: git.push\n    publisherInputs: { buildStatus: null }\n    consumerInputs: { url: https://hooks.example.com/many }\n";
    const { load } = await check({ "hookops.yaml": withProjects, "hooks/a.yaml": own }, { env: { HOOK_PASSWORD: "x" } });
    expect(load.findings).toEqual([]);
    expect(load.subscriptions.map((subscription) => subscription.name)).toEqual(["one", "many@WebSite", "many@Mobile"]);
  });
});

describe("multi-document files", () => {
  it("reads every document and locates findings in later ones by file line", async () => {
    const hooks = [
      "# yaml-language-server: $schema=../schemas/subscriptions.schema.json",
      "subscriptions:",
      "  - { name: a, project: WebSite, eventType: git.push, consumerId: webHooks, consumerActionId: httpRequest, consumerInputs: { url: https://a.example } }",
      "---",
      "# second document",
      "subscriptions:",
      "  - name: b",
      "    project: WebSite",
      "    eventType: git.push",
      "    consumerId: webHooks",
      "    consumerActionId: httpRequest",
      "    consumerInputs: { url: https://b.example, messagesToSend: loud }",
      "---",
      "",
    ].join("\n");
    const { lines, load } = await check({ "hookops.yaml": "{}\n", "hooks/a.yaml": hooks });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml:12:63: warning unknown-input-value: consumer input "messagesToSend" is not one of "all", "text", "html", "markdown" or "none" (or "" for the default). The service accepts any value here, but may not understand it",
      ]
    `);
    expect(load.subscriptions.map((subscription) => [subscription.name, subscription.source.line])).toEqual([
      ["a", 3],
      ["b", 7],
    ]);
  });
});

describe("committed repositories", () => {
  const repositories = ["examples/basic", "examples/multi-project", "examples/recipes", "test/config/fixtures/full"];

  it.each(repositories)("%s validates with no errors and no warnings once its secrets are set", async (dir) => {
    const env = {
      WEBSITE_HOOK_PASSWORD: "x",
      STORAGE_ACCOUNT_KEY: "x",
      EVENT_ROUTER_PASSWORD: "x",
      SERVICE_BUS_CONNECTION_STRING: "x",
      HOOK_PASSWORD: "x",
      TEAMS_WEBHOOK_URL: "x",
      SLACK_WEBHOOK_URL: "x",
      JENKINS_API_TOKEN: "x",
      JENKINS_BUILD_TOKEN: "x",
    };
    const load = await loadRepository(dir, { cwd: repoRoot, env });
    expect(load.findings.map(line)).toEqual([]);
    expect(hasErrors(load.findings)).toBe(false);
    expect(load.subscriptions.length).toBeGreaterThan(0);
  });

  it("examples/basic declares the documented subscriptions", async () => {
    const load = await loadRepository("examples/basic", { cwd: repoRoot, env: {} });
    expect(load.config?.organization).toBe("fabrikam");
    expect(
      load.subscriptions.map((subscription) => [
        subscription.name,
        subscription.project,
        subscription.publisherId,
        subscription.eventType,
        subscription.consumerId,
      ]),
    ).toEqual([
      ["mobile-bugs-to-queue", "Mobile", "tfs", "workitem.created", "azureStorageQueue"],
      ["platform-deployment-succeeded", "Platform", "rm", "ms.vss-release.deployment-completed-event", "webHooks"],
      ["website-ci-failed", "WebSite", "tfs", "build.complete", "webHooks"],
      ["website-pr-created", "WebSite", "tfs", "git.pullrequest.created", "webHooks"],
    ]);
    // Without the secrets the repo is still valid: unset variables are warnings only.
    expect(load.findings.map((finding) => [finding.severity, finding.rule])).toEqual([
      ["warning", "unset-reference"],
      ["warning", "unset-reference"],
    ]);
  });

  it("examples/multi-project fans out and enables scoped pruning", async () => {
    const load = await loadRepository("examples/multi-project", { cwd: repoRoot, env: {} });
    expect(load.config?.prune).toEqual({ enabled: true, scope: { projects: ["WebSite", "Mobile", "Platform"], createdBy: "self" }, maxDeletes: 5 });
    const names = load.subscriptions.map((subscription) => subscription.name);
    expect(names).toContain("build-failed@Platform");
    // From the second YAML document of hooks/code.yaml.
    expect(names).toContain("pr-created@Platform");
    expect(load.files).toEqual([
      "examples/multi-project/hookops.yaml",
      "examples/multi-project/hooks/builds.yaml",
      "examples/multi-project/hooks/code.yaml",
      "examples/multi-project/hooks/work-items.yaml",
    ]);
  });
});
