// `hookops status` as the CLI takes it: flags, refusals, and what each output format shows for a
// report, including values from the service that must be shown inert and without secrets.
import { afterEach, describe, expect, it } from "vitest";
import { renderStatusJson, renderStatusMarkdown, renderStatusText } from "../../src/report/index.js";
import type { StatusReport, StatusRow } from "../../src/report/status-model.js";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";
import { noStackTrace, runCli } from "./helpers.js";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

describe("status flags", () => {
  it("refuses a malformed --since, --max-failure-rate or --format before contacting anything", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://ci.example/hook")]);
    const run = (args: string[]) => runCli(["status", repo!.dir, "--org", org!.org, ...args], { env: org!.env });
    for (const [args, message] of [
      [["--since", "3w"], "expected a number and a unit, m (minutes), h (hours) or d (days), from 1m to 90d"],
      [["--since", "0h"], "from 1m to 90d"],
      [["--since", "91d"], "from 1m to 90d"],
      [["--max-failure-rate", "150"], "expected a percentage from 0 to 100"],
      [["--max-failure-rate", "lots"], "expected a percentage from 0 to 100"],
      [["--format", "html"], "Allowed choices are text, json, markdown"],
    ] as const) {
      const result = await run([...args]);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr).toContain(message);
      noStackTrace(result);
    }
    expect(org.emulator.counters()).toEqual({});
  });

  it("prints the validation findings of an invalid repository and contacts nothing", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://ci.example/hook", { eventType: "build.finished" })]);
    const result = await runCli(["status", repo.dir, "--org", org.org], { env: org.env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("build.finished");
    expect(result.stdout).toBe("");
    expect(org.emulator.counters()).toEqual({});
  });

  it("takes --json over --format, accepts 1.5% and 90m, and documents itself in --help", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://ci.example/hook")]);
    const result = await runCli(["status", repo.dir, "--org", org.org, "--format", "markdown", "--json", "--since", "90m", "--max-failure-rate", "1.5%"], {
      env: org.env,
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ formatVersion: 1, maxFailureRate: 1.5, window: { text: "90m" }, summary: { unhealthy: 1 } });
    const help = await runCli(["status", "--help"]);
    for (const flag of [
      "--all",
      "--since <window>",
      "--max-failure-rate <percent>",
      "--format <format>",
      "--detailed-exitcode",
      "--org <organization>",
      "--no-color",
    ]) {
      expect(help.stdout).toContain(flag);
    }
  });
});

function row(overrides: Partial<StatusRow>): StatusRow {
  return {
    name: "ci",
    declared: true,
    host: "default",
    eventType: "build.complete",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    state: "enabled",
    healthy: true,
    problems: [],
    notes: [],
    project: "WebSite",
    ...overrides,
  };
}

const HOSTILE_NAME = "::warning::x\nevil";
const report: StatusReport = {
  formatVersion: 1,
  organization: "https://dev.azure.com/fabrikam",
  generatedAt: "2026-12-01T12:00:00.000Z",
  window: { since: "2026-11-30T12:00:00.000Z", until: "2026-12-01T12:00:00.000Z", text: "24h" },
  maxFailureRate: 0,
  all: false,
  subscriptions: [
    row({
      name: "website-ci-failed",
      id: "9a60c533-4e67-4eb1-822e-685307863b7e",
      state: "onProbation",
      probationRetries: 2,
      lastProbationRetryDate: "2026-12-01T11:20:00.000Z",
      healthy: false,
      problems: ["status", "failureRate"],
      deliveries: {
        succeeded: 3,
        failed: 2,
        pending: 0,
        failureRate: 40,
        lastFailure: { at: "2026-12-01T11:58:00.000Z", notificationId: 41, httpStatus: 500, error: "The remote server returned an error: (500)." },
        lastSuccess: { at: "2026-12-01T09:00:00.000Z", notificationId: 38 },
      },
    }),
    row({ name: "website-ci-done", id: "3c1d2e4f-0000-4000-8000-000000000002", deliveries: { succeeded: 12, failed: 0, pending: 1, failureRate: 0 } }),
    row({ name: "review@Mobile", project: "Mobile", state: "notCreated", healthy: false, problems: ["notCreated"] }),
    row({
      name: HOSTILE_NAME,
      id: "3c1d2e4f-0000-4000-8000-000000000003",
      state: "disabledBySystem",
      healthy: false,
      problems: ["status"],
      deliveries: {
        succeeded: 0,
        failed: 1,
        pending: 0,
        failureRate: 100,
        lastFailure: { at: "2026-11-28T10:00:00.000Z", notificationId: 7, error: "##vso[task.setvariable variable=x]1 from https://hooks.slack.com/…" },
      },
    }),
  ],
  unread: [{ host: "release", project: "Platform", where: "https://vsrm.dev.azure.com/fabrikam", reason: "HTTP 403: access denied" }],
  errors: [],
  summary: { total: 4, healthy: 1, unhealthy: 3 },
};

describe("status output", () => {
  it("shows a table, then what is wrong with each unhealthy subscription, and what could not be read", () => {
    const text = renderStatusText(report, { color: false });
    expect(text.split("\n").slice(0, 7)).toEqual([
      "hookops status for https://dev.azure.com/fabrikam: declared subscriptions, deliveries in the last 24h",
      "",
      "  SUBSCRIPTION             PROJECT  STATUS                   OK  FAILED  LAST SUCCESS  LAST FAILURE",
      "! website-ci-failed        WebSite  onProbation (2 retries)   3       2  3h ago        2m ago (HTTP 500)",
      "  website-ci-done          WebSite  enabled                  12       0  -             -",
      "! review@Mobile            Mobile   not created               -       -  -             -",
      "! \\u{3a}:warning::x\\nevil  WebSite  disabledBySystem          0       1  -             3d ago (no HTTP answer)",
    ]);
    expect(text).toContain(
      "    - onProbation: new events are dropped until a retry succeeds, 2 probation retries, last 2026-12-01T11:20:00.000Z; hookops apply repairs it",
    );
    expect(text).toContain("    - 2 of 5 deliveries failed (40%) in the last 24h, above the 0% allowed");
    expect(text).toContain("    - last failure 2026-12-01T11:58:00.000Z: HTTP 500, The remote server returned an error: (500).");
    expect(text).toContain("    - last success 2026-12-01T09:00:00.000Z");
    expect(text).toContain("    - declared but not created: hookops apply creates it");
    expect(text).toContain("#\\u{23}vso[task.setvariable");
    expect(text).toContain("  \\u{3a}:warning::x\\nevil (WebSite) 3c1d2e4f-0000-4000-8000-000000000003");
    expect(text).toContain("  - the subscriptions of project Platform on the release host (https://vsrm.dev.azure.com/fabrikam): HTTP 403: access denied");
    expect(text.trimEnd().split("\n").at(-1)).toBe("3 of 4 subscriptions unhealthy.");
    for (const line of text.split("\n")) expect(line).not.toMatch(/^\s*::|##\[|##vso\[/);
  });

  it("colors unhealthy rows only when asked", () => {
    expect(renderStatusText(report, { color: true })).toContain("\u001b[31m! website-ci-failed");
    expect(renderStatusText(report, { color: false })).not.toContain("\u001b[");
  });

  it("renders markdown for a job summary with every value escaped for its cell", () => {
    const markdown = renderStatusMarkdown(report);
    expect(markdown).toContain("### hookops status for https://dev.azure.com/fabrikam");
    expect(markdown).toContain("Deliveries since 2026-11-30T12:00:00.000Z (last 24h). **3 of 4 subscriptions unhealthy.**");
    expect(markdown).toContain(
      "| **unhealthy** | `website-ci-failed` | WebSite | onProbation (2 retries) | 3 | 2 | 2026-12-01T09:00:00.000Z | 2026-12-01T11:58:00.000Z (HTTP 500) |",
    );
    expect(markdown).toContain("| **unhealthy** | `\\u{3a}:warning::x\\nevil` | WebSite | disabledBySystem | 0 | 1 | - |");
    expect(markdown).toContain("#### Could not read\n- project Platform on the release host: HTTP 403: access denied");
    for (const line of markdown.split("\n")) expect(line).not.toMatch(/^\s*::|##vso\[/);
  });

  it("prints the report itself as JSON", () => {
    expect(JSON.parse(renderStatusJson(report))).toEqual(report);
  });
});
