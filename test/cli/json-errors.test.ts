// With --json, every failed run still prints one JSON document on stdout and exits 1: the
// command's own document with an `error` member, or `{ formatVersion: 1, error }` when the run
// failed before it had one. The text stays on stderr.
import { afterEach, describe, expect, it } from "vitest";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";
import { noStackTrace, runCli, type Run } from "./helpers.js";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

/** The one JSON document on stdout (JSON.parse throws on anything else). */
function documentOf(run: Run): Record<string, unknown> & { error?: Record<string, unknown> } {
  expect(run.code).toBe(1);
  noStackTrace(run);
  return JSON.parse(run.stdout) as Record<string, unknown> & { error?: Record<string, unknown> };
}

describe("--json errors", () => {
  it("tells a bad flag value as a usage error, for every command that takes --json", async () => {
    for (const args of [
      ["plan", "--json", "--concurrency", "0"],
      ["apply", "--json", "--allow-deletes", "-1"],
      ["status", "--json", "--since", "3w"],
      ["test", "--json", "--timeout", "soon"],
      ["export", "--json", "--concurrency", "many"],
      ["validate", "--json", "--format", "html"],
      ["plan", "--json", "--no-such-flag"],
    ]) {
      const run = await runCli(args);
      const document = documentOf(run);
      expect(document.formatVersion, args.join(" ")).toBe(1);
      expect(document.error?.kind, args.join(" ")).toBe("usage");
      expect(run.stderr, args.join(" ")).toContain("error:");
    }
    const run = await runCli(["status", "--json", "--since", "3w"]);
    expect(JSON.parse(run.stdout)).toMatchInlineSnapshot(`
      {
        "error": {
          "kind": "usage",
          "message": "option '--since <window>' argument '3w' is invalid. expected a number and a unit, m (minutes), h (hours) or d (days), from 1m to 90d: 90m, 24h, 7d.",
        },
        "formatVersion": 1,
      }
    `);
  });

  it("tells an invalid configuration with its findings, and contacts nothing", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://ci.example/hook", { eventType: "build.finished" })]);
    for (const command of ["plan", "apply", "status", "test"]) {
      const args = command === "test" ? [command, "ci", repo.dir] : [command, repo.dir];
      const run = await runCli(
        [...args, "--org", org.org, "--json", "--auto-approve"].filter((arg) => command === "apply" || arg !== "--auto-approve"),
        {
          env: org.env,
        },
      );
      const document = documentOf(run);
      expect(document.error, command).toMatchObject({
        kind: "configuration",
        message: "the configuration is invalid (1 error, 0 warnings)",
        findings: [
          {
            file: expect.stringMatching(/hooks\/hooks\.yaml$/),
            severity: "error",
            rule: expect.any(String),
            message: expect.stringContaining("build.finished"),
          },
        ],
      });
      expect(run.stderr, command).toContain("build.finished");
    }
    const validate = documentOf(await runCli(["validate", repo.dir, "--json"]));
    expect(validate).toMatchObject({ formatVersion: 1, valid: false, error: { kind: "configuration" } });
    expect(org.emulator.counters()).toEqual({});
  });

  it("tells a connection failure with the request's status and URL, never the token", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://ci.example/hook")]);
    const run = await runCli(["plan", repo.dir, "--org", org.org, "--json"], { env: { AZURE_DEVOPS_TOKEN: "not-the-token" } });
    const document = documentOf(run);
    expect(document.error).toMatchObject({ kind: "connection", type: "AdoAuthError", status: 401, method: "GET", url: expect.stringContaining(org.org) });
    expect(run.stdout).not.toContain("not-the-token");
    expect(run.stderr).toContain("Error:");
  });

  it("tells an organization that is missing as a configuration error", async () => {
    repo = await makeRepo({ include: ["hooks/**/*.yaml"] }, [webhook("ci", "https://ci.example/hook")]);
    const document = documentOf(await runCli(["plan", repo.dir, "--json"]));
    expect(document.error).toMatchObject({ kind: "configuration", type: "MissingOrganizationError" });
  });

  it("adds `error` (kind refused, with the reasons) to the document of a refused plan and apply", async () => {
    org = await startOrganization();
    const filters = { buildStatus: "Failed", definitionName: "${env:HOOKOPS_TEST_UNSET_NAME}" };
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://ci.example/hook", { publisherInputs: filters })]);
    const plan = documentOf(await runCli(["plan", repo.dir, "--org", org.org, "--json"], { env: org.env }));
    expect(plan).toMatchObject({ formatVersion: 1, refusals: [expect.stringContaining("HOOKOPS_TEST_UNSET_NAME")] });
    expect(plan.error).toEqual({ kind: "refused", message: "the plan is refused: apply would change nothing", reasons: plan.refusals });
    const apply = documentOf(await runCli(["apply", repo.dir, "--org", org.org, "--json", "--auto-approve"], { env: org.env }));
    expect(apply).toMatchObject({
      formatVersion: 1,
      outcome: "refused",
      error: { kind: "refused", reasons: [expect.stringContaining("HOOKOPS_TEST_UNSET_NAME")] },
    });
  });

  it("tells a command-line mistake the command finds itself as an error, and prints nothing without --json", async () => {
    const json = documentOf(await runCli(["test", "--json"]));
    expect(json.error).toMatchObject({ kind: "usage", type: "TestUsageError" });
    const text = await runCli(["test"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toBe("");
  });
});
