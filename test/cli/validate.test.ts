import path from "node:path";
import { describe, expect, it } from "vitest";
import { noStackTrace, repo, repoRoot, runCli } from "./helpers.js";

const INVALID = {
  "hookops.yaml": "organization: fabrikam\n",
  "hooks/web,site.yaml": [
    "subscriptions:",
    "  - name: ci-failed",
    "    project: WebSite",
    "    eventType: build.completed",
    "    consumerId: webHooks",
    "    consumerActionId: httpRequest",
    "    consumerInputs:",
    "      url: https://hooks.example.com/ci",
    "      basicAuthPassword: ${env:WEBSITE_HOOK_PASSWORD}",
    "      basicAuthUsername: a b",
    "    discount%: 50",
    "",
  ].join("\n"),
};

describe("hookops validate", () => {
  it("exits 0 on the basic example and prints the summary; warnings do not fail", async () => {
    const run = await runCli(["validate", "examples/basic"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatchInlineSnapshot(`
      "examples/basic/hooks/mobile.yaml:14:19: warning unset-reference: consumerInputs.accountKey: environment variable STORAGE_ACCOUNT_KEY is not set; it is needed when the subscription is applied
      examples/basic/hooks/website.yaml:16:26: warning unset-reference: consumerInputs.basicAuthPassword: environment variable WEBSITE_HOOK_PASSWORD is not set; it is needed when the subscription is applied
      0 errors, 2 warnings in 4 files (4 subscriptions)
      "
    `);
    const withSecrets = await runCli(["validate", "examples/basic"], { env: { WEBSITE_HOOK_PASSWORD: "a", STORAGE_ACCOUNT_KEY: "b" } });
    expect(withSecrets).toEqual({ code: 0, stdout: "Valid: 4 subscriptions in 4 files.\n", stderr: "" });
  });

  it("defaults to the current directory", async () => {
    const run = await runCli(["validate"], {
      cwd: path.join(repoRoot, "examples/multi-project"),
      env: { EVENT_ROUTER_PASSWORD: "a", SERVICE_BUS_CONNECTION_STRING: "b" },
    });
    expect(run).toEqual({ code: 0, stdout: "Valid: 11 subscriptions in 4 files.\n", stderr: "" });
  });

  it("text output: one line per finding, then the counts; exit 1 on errors", async () => {
    const root = await repo(INVALID);
    const run = await runCli(["validate"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "hooks/web,site.yaml:4:16: error unknown-event-type: unknown eventType "build.completed". Did you mean "build.complete"?
      hooks/web,site.yaml:9:26: warning unset-reference: consumerInputs.basicAuthPassword: environment variable WEBSITE_HOOK_PASSWORD is not set; it is needed when the subscription is applied
      hooks/web,site.yaml:10:26: error invalid-input-value: consumer input "basicAuthUsername" does not have the expected form (^[\\S]+$)
      hooks/web,site.yaml:11:5: error unknown-key: unknown key "discount%" in subscription.
      3 errors, 1 warning in 2 files (0 subscriptions)
      "
    `);
    expect(run.stderr).toBe("");
  });

  it("--json prints the stable report", async () => {
    const root = await repo(INVALID);
    const run = await runCli(["validate", root, "--json"], { cwd: root });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchInlineSnapshot(`
      {
        "error": {
          "kind": "configuration",
          "message": "the configuration is invalid (3 errors, 1 warning)",
        },
        "files": 2,
        "findings": [
          {
            "column": 16,
            "file": "hooks/web,site.yaml",
            "line": 4,
            "message": "unknown eventType "build.completed". Did you mean "build.complete"?",
            "rule": "unknown-event-type",
            "severity": "error",
          },
          {
            "column": 26,
            "file": "hooks/web,site.yaml",
            "line": 9,
            "message": "consumerInputs.basicAuthPassword: environment variable WEBSITE_HOOK_PASSWORD is not set; it is needed when the subscription is applied",
            "rule": "unset-reference",
            "severity": "warning",
          },
          {
            "column": 26,
            "file": "hooks/web,site.yaml",
            "line": 10,
            "message": "consumer input "basicAuthUsername" does not have the expected form (^[\\S]+$)",
            "rule": "invalid-input-value",
            "severity": "error",
          },
          {
            "column": 5,
            "file": "hooks/web,site.yaml",
            "line": 11,
            "message": "unknown key "discount%" in subscription.",
            "rule": "unknown-key",
            "severity": "error",
          },
        ],
        "formatVersion": 1,
        "subscriptions": 0,
        "valid": false,
      }
    `);
  });

  it("--format github prints escaped workflow commands", async () => {
    const root = await repo(INVALID);
    const run = await runCli(["validate", ".", "--format", "github"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatchInlineSnapshot(`
      "::error file=hooks/web%2Csite.yaml,line=4,col=16,title=unknown-event-type::unknown eventType "build.completed". Did you mean "build.complete"?
      ::warning file=hooks/web%2Csite.yaml,line=9,col=26,title=unset-reference::consumerInputs.basicAuthPassword: environment variable WEBSITE_HOOK_PASSWORD is not set; it is needed when the subscription is applied
      ::error file=hooks/web%2Csite.yaml,line=10,col=26,title=invalid-input-value::consumer input "basicAuthUsername" does not have the expected form (^[\\S]+$)
      ::error file=hooks/web%2Csite.yaml,line=11,col=5,title=unknown-key::unknown key "discount%25" in subscription.
      3 errors, 1 warning in 2 files (0 subscriptions)
      "
    `);
  });

  it("--config points at another hookops.yaml", async () => {
    const root = await repo({ "config/hookops.yaml": "{}\n", "config/hooks/a.yaml": "subscriptions: []\n" });
    const run = await runCli(["validate", "--config", "config/hookops.yaml"], { cwd: root });
    expect(run).toEqual({ code: 0, stdout: "Valid: 0 subscriptions in 2 files.\n", stderr: "" });
  });

  it("bad input is a finding with a location and never a stack trace", async () => {
    const root = await repo({ "hookops.yaml": "{}\n", "hooks/a.yaml": "subscriptions:\n  - name: a\n    name: b\n", "hooks/b.yaml": "subscriptions: [\n" });
    const broken = await runCli(["validate"], { cwd: root });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatchInlineSnapshot(`
      "hooks/a.yaml:3:5: error duplicate-key: duplicate key "name"; each key may appear once in a map
      hooks/b.yaml:1:16: error yaml-syntax: the "[" that starts this list is never closed: end it with "]" on the same line, or write the list as indented lines
      2 errors, 0 warnings in 3 files (0 subscriptions)
      "
    `);
    noStackTrace(broken);
    const missing = await runCli(["validate", "no/such/dir"], { cwd: root });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("no/such/dir/hookops.yaml:1:1: error config-not-found:");
    noStackTrace(missing);
  });

  it("--online without a credential says which variables to set", async () => {
    const run = await runCli(["validate", "examples/basic", "--online"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^Error: No Azure DevOps credential found: set AZURE_DEVOPS_TOKEN/);
    noStackTrace(run);
  });

  it("rejects an unknown --format", async () => {
    const run = await runCli(["validate", "examples/basic", "--format", "xml"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("xml");
  });

  it("never prints a secret value, in any format", async () => {
    const secrets = { WEBSITE_HOOK_PASSWORD: "env-secret-4f9a", STORAGE_ACCOUNT_KEY: "env-secret-77c1" };
    const root = await repo({
      "hookops.yaml": "organization: fabrikam\n",
      "secrets/token.txt": "file-secret-0d3e\n",
      "hooks/a.yaml": [
        "subscriptions:",
        "  - name: env-ref",
        "    project: WebSite",
        "    eventType: git.push",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: https://a.example, basicAuthPassword: '${env:WEBSITE_HOOK_PASSWORD}' }",
        "  - name: file-ref",
        "    project: WebSite",
        "    eventType: git.push",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: https://b.example, basicAuthPassword: '${file:secrets/token.txt}' }",
        "  - name: literal",
        "    project: WebSite",
        "    eventType: git.push",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: 'https://ado:literal-secret-91b2@c.example', basicAuthPassword: literal-secret-91b2 }",
        "",
      ].join("\n"),
    });
    for (const format of ["text", "json", "github"]) {
      const run = await runCli(["validate", "--format", format], { cwd: root, env: secrets });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("secret-literal");
      for (const value of ["env-secret-4f9a", "file-secret-0d3e", "literal-secret-91b2"]) {
        expect(run.stdout, format).not.toContain(value);
        expect(run.stderr, format).not.toContain(value);
      }
    }
  });
});
