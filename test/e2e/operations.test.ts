// `hookops status` and `hookops test` against an emulator, with web hook endpoints this test
// serves on 127.0.0.1: deliveries really go out, fail, put subscriptions on probation and recover.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_CONFIG, hookops, makeRepo, startOrganization, webhook, type Organization, type Repo } from "./helpers.js";

const SECRET = "Hq7-status-hook-password-e2e";
const QUERY = "POST /_apis/hooks/notificationsquery";

/** A web hook endpoint: each path answers what the test sets (default 200 "thanks"); `/echo` answers the Authorization it got, decoded. */
interface Endpoint {
  url: string;
  answers: Map<string, { status: number; body: string }>;
  received: string[];
  close(): Promise<void>;
}

async function startEndpoint(): Promise<Endpoint> {
  const answers = new Map<string, { status: number; body: string }>();
  const received: string[] = [];
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const path = request.url ?? "/";
      received.push(path);
      if (path === "/echo") {
        const credentials = Buffer.from(String(request.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
        response.writeHead(200).end(`you sent ${credentials}`);
        return;
      }
      const answer = answers.get(path) ?? { status: 200, body: "thanks" };
      response.writeHead(answer.status).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answers,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let org: Organization | undefined;
let repo: Repo | undefined;
let endpoint: Endpoint | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  await endpoint?.close();
  org = undefined;
  repo = undefined;
  endpoint = undefined;
});

const hook = (name: string, url: string, overrides: Record<string, unknown> = {}) => webhook(name, url, { allowInsecureUrl: true, ...overrides });

/** Publishes a build.complete (Failed) event in WebSite and waits until its deliveries are done. */
async function publishBuildFailed(organization: Organization): Promise<{ count: number; value: { result: string }[] }> {
  const response = await fetch(`${new URL(organization.org).origin}/_emulator/events?wait=true`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from(`:${organization.emulator.token}`).toString("base64")}` },
    body: JSON.stringify({ publisherId: "tfs", eventType: "build.complete", projectId: "WebSite", publisherInputs: { buildStatus: "Failed" } }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { count: number; value: { result: string }[] };
}

async function forceStatus(organization: Organization, id: string, status: string): Promise<void> {
  const response = await fetch(`${new URL(organization.org).origin}/_emulator/subscriptions/${id}/status`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from(`:${organization.emulator.token}`).toString("base64")}` },
    body: JSON.stringify({ status }),
  });
  expect(response.status).toBe(200);
}

describe("hookops status", () => {
  it("reports a failing endpoint's failures and probation; apply repairs it and, once the endpoint answers again, it is healthy", async () => {
    org = await startOrganization();
    endpoint = await startEndpoint();
    repo = await makeRepo(BASE_CONFIG, [
      hook("ci-failed", `${endpoint.url}/ci`),
      hook("later", `${endpoint.url}/later`, { eventType: "git.push", publisherInputs: {} }),
    ]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });
    expect((await run(["apply", "--auto-approve"])).code).toBe(0);

    endpoint.answers.set("/ci", { status: 500, body: "database unavailable" });
    const published = await publishBuildFailed(org);
    expect(published.value.map((delivery) => delivery.result)).toEqual(["failed"]);

    const unhealthy = await run(["status", "--detailed-exitcode", "--verbose"]);
    expect(unhealthy.code).toBe(2);
    expect(unhealthy.stdout).toMatch(/^! ci-failed +WebSite +onProbation \(1 retry\) +0 +1 +- +just now \(HTTP 500\)$/m);
    expect(unhealthy.stdout).toMatch(/^ {2}later +WebSite +enabled +0 +0 +- +-$/m);
    expect(unhealthy.stdout).toContain("onProbation: new events are dropped until a retry succeeds");
    expect(unhealthy.stdout).toContain("1 of 1 delivery failed (100%) in the last 24h, above the 0% allowed");
    expect(unhealthy.stdout).toMatch(/last failure \S+Z: HTTP 500, The remote server returned an error: \(500\)\./);
    expect(unhealthy.stdout).toContain("no successful delivery in the last 24h");
    expect(unhealthy.stdout.trimEnd().split("\n").at(-1)).toBe("1 of 2 subscriptions unhealthy.");
    expect(unhealthy.stderr).toContain("hookops: read the deliveries of 2 subscriptions since");
    expect(unhealthy.stderr).toContain("with 1 notificationsquery request");
    expect(org.emulator.counters()[QUERY]).toBe(1);
    // Without --detailed-exitcode an unhealthy subscription is a finding, not a failure of the run.
    expect((await run(["status"])).code).toBe(0);

    const repaired = await run(["apply", "--auto-approve"]);
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain("repaired ci-failed (WebSite)");
    endpoint.answers.delete("/ci");
    expect((await publishBuildFailed(org)).value.map((delivery) => delivery.result)).toEqual(["succeeded"]);

    const healthy = await run(["status", "--detailed-exitcode"]);
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^ {2}ci-failed +WebSite +enabled +1 +0 +just now +-$/m);
    expect(healthy.stdout.trimEnd().split("\n").at(-1)).toBe("All 2 subscriptions healthy.");
  });

  it("prints a stable JSON shape, counts the failure rate against --max-failure-rate, and shows undeclared subscriptions with --all", async () => {
    org = await startOrganization();
    endpoint = await startEndpoint();
    repo = await makeRepo(BASE_CONFIG, [hook("flaky", `${endpoint.url}/flaky`)]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });
    expect((await run(["apply", "--auto-approve"])).code).toBe(0);
    const [flaky] = org.emulator.state.subscriptions();
    endpoint.answers.set("/flaky", { status: 404, body: "no such hook" });
    await publishBuildFailed(org);
    // Put back to enabled by hand: three more events then succeed, one failure in four.
    await forceStatus(org, flaky!.id, "enabled");
    endpoint.answers.delete("/flaky");
    for (let event = 0; event < 3; event++) await publishBuildFailed(org);

    const json = await run(["status", "--json", "--detailed-exitcode", "--since", "90m"]);
    expect(json.code).toBe(2);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual([
      "formatVersion",
      "organization",
      "generatedAt",
      "window",
      "maxFailureRate",
      "all",
      "subscriptions",
      "unread",
      "errors",
      "summary",
    ]);
    expect(report).toMatchObject({
      formatVersion: 1,
      organization: org.org,
      maxFailureRate: 0,
      all: false,
      unread: [],
      errors: [],
      summary: { total: 1, healthy: 0, unhealthy: 1 },
    });
    expect(report.window.text).toBe("90m");
    expect(Date.parse(report.window.until) - Date.parse(report.window.since)).toBe(90 * 60_000);
    expect(Object.keys(report.subscriptions[0])).toEqual([
      "name",
      "declared",
      "project",
      "host",
      "id",
      "eventType",
      "consumerId",
      "consumerActionId",
      "state",
      "healthy",
      "problems",
      "deliveries",
      "notes",
    ]);
    expect(report.subscriptions).toEqual([
      {
        name: "flaky",
        declared: true,
        host: "default",
        eventType: "build.complete",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        healthy: false,
        problems: ["failureRate"],
        notes: [],
        project: "WebSite",
        state: "enabled",
        id: flaky!.id,
        deliveries: {
          succeeded: 3,
          failed: 1,
          pending: 0,
          failureRate: 25,
          lastFailure: { at: expect.any(String), notificationId: expect.any(Number), httpStatus: 404, error: "The remote server returned an error: (404)." },
          lastSuccess: { at: expect.any(String), notificationId: expect.any(Number) },
        },
      },
    ]);
    expect((await run(["status", "--detailed-exitcode", "--max-failure-rate", "30"])).code).toBe(0);
    expect((await run(["status", "--detailed-exitcode", "--max-failure-rate", "20"])).code).toBe(2);

    // A subscription made by hand in the same project shows with --all, under its label.
    await repo.writeHooks([]);
    await repo.writeHooks([hook("other", `${endpoint.url}/other`, { eventType: "git.push", publisherInputs: {} })]);
    const all = await run(["status", "--all", "--format", "markdown"]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("### hookops status for");
    expect(all.stdout).toContain("| **unhealthy** | `other` | WebSite | not created | - | - | - | - |");
    expect(all.stdout).toMatch(/\| \*\*unhealthy\*\* \| `build.complete -> webHooks \(127\.0\.0\.1:\d+\)` \| WebSite \| enabled \| 3 \| 1 \|/);
  });

  it("says what it could not read and exits 1 instead of calling a subscription missing", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [hook("ci", "http://127.0.0.1:9/ci")]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });
    org.emulator.setFaults({ failNext: [{ status: 403, count: 1, route: "POST /_apis/hooks/subscriptionsquery" }] });
    const result = await run(["status", "--detailed-exitcode"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^! ci +WebSite +unknown/m);
    expect(result.stdout).not.toContain("not created");
    expect(result.stdout).toContain("Could not read:");
    expect(result.stdout).toContain("project WebSite on the default host");
  });
});

describe("hookops test", () => {
  it("sends a test delivery to a healthy and a failing endpoint, creating nothing and never showing the secret", async () => {
    org = await startOrganization();
    endpoint = await startEndpoint();
    endpoint.answers.set("/broken", { status: 500, body: "boom" });
    const auth = { basicAuthUsername: "ado", basicAuthPassword: "${env:HOOK_PASSWORD}" };
    repo = await makeRepo(BASE_CONFIG, [
      hook("healthy", `${endpoint.url}/echo`, { consumerInputs: { url: `${endpoint.url}/echo`, ...auth } }),
      hook("broken", `${endpoint.url}/broken`),
    ]);
    const env = { ...org.env, HOOK_PASSWORD: SECRET };
    const run = (args: string[], extra: Record<string, string> = {}) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: { ...env, ...extra } });
    const outputs: string[] = [];

    const healthy = await run(["test", "healthy"]);
    outputs.push(healthy.stdout, healthy.stderr);
    expect(healthy.code).toBe(0);
    expect(healthy.stdout).toMatch(/^healthy \(WebSite\): test delivery succeeded, HTTP 200 in \d+ ms \(notification \d+\)$/m);
    // The endpoint echoes the credentials it got: the real password went out, and is masked in what hookops shows.
    expect(healthy.stdout).toContain("  response: you sent ado:********");

    const broken = await run(["test", "broken"]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/^broken \(WebSite\): test delivery failed, HTTP 500 in \d+ ms/m);
    expect(broken.stdout).toContain("  error: The remote server returned an error: (500).");
    expect(broken.stdout).toContain("  response: boom");

    const all = await run(["test", "--all", "--json"]);
    outputs.push(all.stdout, all.stderr);
    expect(all.code).toBe(1);
    const report = JSON.parse(all.stdout);
    expect(report).toMatchObject({ formatVersion: 1, organization: org.org, timeoutSeconds: 30, summary: { succeeded: 1, failed: 1, timedOut: 0, error: 0 } });
    expect(report.results.map((result: { name: string; outcome: string; httpStatus: number }) => [result.name, result.outcome, result.httpStatus])).toEqual([
      ["healthy", "succeeded", 200],
      ["broken", "failed", 500],
    ]);
    const table = await run(["test", "--all"]);
    expect(table.stdout).toMatch(/^healthy +WebSite +succeeded +200 +\d+ ms$/m);
    expect(table.stdout).toContain("Test deliveries (2): 1 succeeded, 1 failed, 0 timed out.");

    expect(org.emulator.state.subscriptions()).toEqual([]);
    expect(endpoint.received.filter((path) => path === "/echo")).toHaveLength(3);
    for (const output of outputs) expect(output).not.toContain(SECRET);
  });

  it("refuses an unknown name with close names, and a secret that is not set, before sending anything", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [
      hook("website-ci", "http://127.0.0.1:9/ci", {
        consumerInputs: { url: "http://127.0.0.1:9/ci", basicAuthUsername: "ado", basicAuthPassword: "${env:NOT_SET}" },
      }),
    ]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });
    const unknown = await run(["test", "website-c"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Error: No subscription named "website-c" is declared. Did you mean "website-ci"?\n');
    expect(org.emulator.counters()).toEqual({});
    const unset = await run(["test", "website-ci"]);
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain("secret inputs cannot be filled, so nothing was sent");
    expect(unset.stderr).toContain('"website-ci": consumerInputs.basicAuthPassword needs environment variable NOT_SET, which is not available');
    expect(org.emulator.counters()["POST /_apis/hooks/testnotifications"]).toBeUndefined();
    expect((await run(["test"])).stderr).toContain("Name the subscription to test");
  });
});
