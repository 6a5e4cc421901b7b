// `command: status` on a schedule: health and deliveries of the declared subscriptions, drift, the
// step's outputs and failure, and one GitHub issue opened while a hook fails and closed once it recovers.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../src/emulator/index.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";
import { ADO_TOKEN, GITHUB_TOKEN, SECRETS, startTestEmulator, webhook } from "./fixtures.js";
import { leakedSecrets, makeWorkspace, runAction, type Workspace } from "./harness.js";

let emulator: EmulatorHandle;
let github: FakeGitHub;
let workspace: Workspace;
let endpoint: Server;
let endpointUrl: string;
let endpointStatus = 500;

beforeEach(async () => {
  emulator = await startTestEmulator();
  github = await startFakeGitHub();
  endpoint = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(endpointStatus).end(endpointStatus === 200 ? "thanks" : "the alert service is down"));
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/alerts`;
  workspace = await makeWorkspace({
    "hookops.yaml": "organization: fabrikam\n",
    "hooks/website.yaml": `subscriptions:
  - name: website-ci-failed
    project: WebSite
    eventType: build.complete
    resourceVersion: "1.0"
    publisherInputs: { buildStatus: Failed, definitionName: WebSite.CI }
    consumerId: webHooks
    consumerActionId: httpRequest
    allowInsecureUrl: true
    consumerInputs:
      url: ${endpointUrl}
`,
  });
  emulator.state.insert(webhook(endpointUrl));
});
afterEach(async () => {
  endpoint.closeAllConnections();
  await Promise.all([emulator.close(), github.close(), workspace.cleanup(), new Promise((resolve) => endpoint.close(resolve))]);
});

async function control(route: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${new URL(emulator.url).origin}/_emulator/${route}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from(`:${emulator.token}`).toString("base64")}` },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.json();
}

const buildFailed = () =>
  control("events?wait=true", { publisherId: "tfs", eventType: "build.complete", projectId: "WebSite", publisherInputs: { buildStatus: "Failed" } });

function status(inputs: Record<string, string> = {}) {
  return runAction({
    workspace,
    eventName: "schedule",
    githubApiUrl: github.url,
    inputs: {
      command: "status",
      token: ADO_TOKEN,
      organization: emulator.url,
      "github-token": GITHUB_TOKEN,
      issue: "true",
      "detailed-exitcode": "true",
      ...inputs,
    },
  });
}

describe("command: status", () => {
  it("reports a failing hook, opens one issue, and closes it once the hook recovers", async () => {
    const healthy = await status();
    expect(healthy.stderr).toBe("");
    expect(healthy.exitCode).toBe(0);
    expect(healthy.outputs).toMatchObject({ unhealthy: "0", failing: "0", "has-changes": "false" });
    expect(healthy.summary).toContain("All 1 subscriptions healthy.");
    expect(github.issues.size).toBe(0);

    await buildFailed();
    const failing = await status();
    expect(failing.exitCode).toBe(1);
    expect(failing.outputs).toMatchObject({ unhealthy: "1", failing: "1", "has-changes": "true", updates: "1" });
    expect(failing.stdout).toContain("::error::1 unhealthy subscription (1 with failed deliveries); drift: Plan: 0 to create, 1 to update");
    expect(failing.summary).toContain("onProbation");
    expect(failing.summary).toContain("HTTP 500");
    const [issue] = [...github.issues.values()];
    expect(issue).toMatchObject({ state: "open", title: expect.stringContaining("need attention") });
    expect(issue?.body).toContain("website-ci-failed");
    expect(issue?.body).toContain("will be repaired");

    // Still failing on the next run: the same issue is edited, not a second one opened.
    await status();
    expect(github.issues.size).toBe(1);

    // The endpoint recovers and the service's probation retry (20 minutes later) succeeds.
    endpointStatus = 200;
    expect(await control("clock", { advanceSeconds: 20 * 60 })).toMatchObject({ retried: 1 });
    const recovered = await status();
    expect(recovered.exitCode, recovered.stdout).toBe(0);
    expect(recovered.outputs).toMatchObject({ unhealthy: "0", "has-changes": "false" });
    expect(github.issues.get(issue?.number ?? -1)?.state).toBe("closed");
    expect(github.comments.get(issue?.number ?? -1)?.[0]?.body).toContain("All service hooks are healthy");
    expect(leakedSecrets(recovered.everything + failing.everything, SECRETS)).toEqual([]);
  });

  it("refuses a bad since input before contacting anything", async () => {
    const run = await status({ since: "yesterday" });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('::error::Input "since" must be a number and a unit');
    expect(emulator.counters()).toEqual({});
  });
});
