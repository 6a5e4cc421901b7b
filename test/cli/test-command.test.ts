// `hookops test`: which declarations it picks, how it waits, and what it prints; against an
// emulator and endpoints served on 127.0.0.1 by this test.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { selectDeclared, UnknownSubscriptionError } from "../../src/engine/test-delivery.js";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";
import { noStackTrace, runCli } from "./helpers.js";

/** An endpoint answering 200 "ok", or holding every answer while `held` is set. */
async function startEndpoint(options: { held?: boolean } = {}) {
  const waiting: ServerResponse[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (options.held) waiting.push(response);
      else response.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const response of waiting) response.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

let org: Organization | undefined;
let repo: Repo | undefined;
let endpoint: Awaited<ReturnType<typeof startEndpoint>> | undefined;
afterEach(async () => {
  await endpoint?.close();
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
  endpoint = undefined;
});

const hook = (name: string, url: string, overrides: Record<string, unknown> = {}) => webhook(name, url, { allowInsecureUrl: true, ...overrides });

describe("choosing what to test", () => {
  const declared = ["website-ci", "review@WebSite", "review@Mobile"];

  it("takes the exact name, else every project of a fanned-out name, and suggests close names otherwise", () => {
    expect(selectDeclared(declared, { name: "website-ci" })).toEqual(["website-ci"]);
    expect(selectDeclared(declared, { name: "review" })).toEqual(["review@WebSite", "review@Mobile"]);
    expect(selectDeclared(declared, { name: "review@Mobile" })).toEqual(["review@Mobile"]);
    expect(selectDeclared(declared, { all: true })).toEqual(declared);
    expect(() => selectDeclared(declared, { name: "reveiw" })).toThrow('No subscription named "reveiw" is declared. Did you mean "review"?');
    expect(() => selectDeclared(declared, { name: "deploy" })).toThrow(UnknownSubscriptionError);
    // Nothing close: the few declared names are listed instead.
    expect(() => selectDeclared(declared, { name: "zzz" })).toThrow('No subscription named "zzz" is declared. Declared: review, website-ci.');
    expect(() => selectDeclared([], { name: "x" })).toThrow("the repository declares none");
  });
});

describe("hookops test", () => {
  it("tests each project of a fan-out and a release subscription on the release host, from --all with the folder as its one argument", async () => {
    org = await startOrganization();
    endpoint = await startEndpoint();
    repo = await makeRepo(BASE_CONFIG, [
      hook("review", `${endpoint.url}/pr`, {
        project: undefined,
        projects: ["WebSite", "Mobile"],
        eventType: "git.pullrequest.created",
        resourceVersion: "1.0-preview.1",
        publisherInputs: {},
      }),
      hook("deployed", `${endpoint.url}/deploy`, {
        project: "Platform",
        eventType: "ms.vss-release.deployment-completed-event",
        resourceVersion: "3.0-preview.1",
        publisherInputs: { releaseEnvironmentStatus: "4" },
      }),
    ]);
    const review = await runCli(["test", "review", repo.dir, "--org", org.org], { env: org.env });
    expect(review.code, review.stdout + review.stderr).toBe(0);
    expect(review.stdout).toMatch(/^review@WebSite +WebSite +succeeded +200 +\d+ ms$/m);
    expect(review.stdout).toMatch(/^review@Mobile +Mobile +succeeded +200 +\d+ ms$/m);

    org.emulator.resetCounters();
    const all = await runCli(["test", "--all", repo.dir, "--org", org.org, "--json"], { env: org.env });
    expect(all.code, all.stdout + all.stderr).toBe(0);
    const report = JSON.parse(all.stdout);
    expect(Object.keys(report)).toEqual(["formatVersion", "organization", "timeoutSeconds", "results", "summary"]);
    expect(report.results.map((result: { name: string; host: string; outcome: string }) => [result.name, result.host, result.outcome])).toEqual([
      ["review@WebSite", "default", "succeeded"],
      ["review@Mobile", "default", "succeeded"],
      ["deployed", "release", "succeeded"],
    ]);
    expect(report.results[2]).toEqual({
      name: "deployed",
      project: "Platform",
      host: "release",
      outcome: "succeeded",
      notificationId: expect.any(Number),
      notificationStatus: "completed",
      httpStatus: 200,
      durationMs: expect.any(Number),
      response: "ok",
    });
    const counters = org.emulator.counters();
    expect(counters["POST /_apis/hooks/testnotifications"]).toBe(2);
    expect(counters["POST /vsrm/_apis/hooks/testnotifications"]).toBe(1);
    expect(counters["POST /_apis/hooks/subscriptions"]).toBeUndefined();
    expect(org.emulator.state.subscriptions()).toEqual([]);
  });

  it("stops waiting at --timeout and says the delivery timed out", async () => {
    org = await startOrganization();
    endpoint = await startEndpoint({ held: true });
    repo = await makeRepo(BASE_CONFIG, [hook("slow", `${endpoint.url}/slow`)]);
    const result = await runCli(["test", "slow", repo.dir, "--org", org.org, "--timeout", "1"], { env: org.env });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^slow \(WebSite\): test delivery timed out after 1 s, still requestInProgress \(notification \d+\)$/m);
  });

  it("refuses usage it cannot read", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [hook("ci", "http://127.0.0.1:9/ci")]);
    const both = await runCli(["test", "ci", repo.dir, "--all", "--org", org.org], { env: org.env });
    expect(both.code).toBe(1);
    expect(both.stderr).toBe("Error: --all tests every declared subscription: give it the folder only, not a name.\n");
    const zero = await runCli(["test", "ci", repo.dir, "--timeout", "0", "--org", org.org], { env: org.env });
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain("expected a whole number of seconds (at least 1)");
    noStackTrace(zero);
    expect(org.emulator.counters()).toEqual({});
  });
});
