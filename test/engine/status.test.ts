// The status engine: the planner's match decides which live subscription a declaration is, and
// the delivery history is read with a bounded number of notificationsquery requests.
import { afterEach, describe, expect, it } from "vitest";
import type { Notification, NotificationsQuery } from "../../src/ado/types.js";
import { SecretRedactor } from "../../src/apply/index.js";
import { HookopsError } from "../../src/errors.js";
import { readStatus, statusExitCode, type StatusOptions } from "../../src/engine/status.js";
import { readDeliveries, RESULTS_PER_SUBSCRIPTION, SUBSCRIPTIONS_PER_QUERY } from "../../src/engine/status/deliveries.js";
import { durationMsOf, httpStatusOf, makeRedact, responseExcerpt } from "../../src/engine/status/facts.js";
import type { StatusReport, StatusRow } from "../../src/report/status-model.js";
import { webhookBody } from "../apply/helpers.js";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";

const WEBSITE = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";
const PLATFORM = "d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73";
const DAY = { ms: 86_400_000, text: "24h" };

function notification(id: number, subscriptionId: string, result: "succeeded" | "failed", overrides: Partial<Notification["details"]> = {}): Notification {
  const date = new Date(Date.UTC(2026, 11, 1, 12, 0, id)).toISOString();
  return { id, subscriptionId, createdDate: date, status: "completed", result, details: { completedDate: date, ...overrides } };
}

/** A stand-in for the client's queryNotifications: answers from `history`, records each query. */
function fakeClient(history: Notification[], options: { summary?: boolean; failFor?: string } = {}) {
  const queries: { query: NotificationsQuery; host: string | undefined }[] = [];
  return {
    queries,
    async queryNotifications(query: NotificationsQuery, { host }: { host?: "default" | "release" } = {}): Promise<NotificationsQuery> {
      queries.push({ query, host });
      const ids = new Set(query.subscriptionIds ?? []);
      if (options.failFor !== undefined && ids.has(options.failFor)) throw new HookopsError("POST notificationsquery answered 503 after 4 attempts");
      const kept = history.filter((item) => ids.has(item.subscriptionId ?? ""));
      const answer: NotificationsQuery = { ...query, results: [...kept].reverse() };
      if (options.summary !== false) {
        answer.summary = [...ids].map((subscriptionId) => {
          const mine = kept.filter((item) => item.subscriptionId === subscriptionId);
          return {
            subscriptionId,
            results: (["succeeded", "failed"] as const).map((result) => ({ result, notificationCount: mine.filter((item) => item.result === result).length })),
          };
        });
      }
      return answer;
    },
  };
}

const noRedaction = makeRedact(undefined);

describe("reading delivery history", () => {
  it("counts from the summary, finds the last failure and success, and masks what the service recorded", async () => {
    const redactor = new SecretRedactor();
    redactor.add("pa55-w0rd");
    const history = [
      notification(1, "a", "succeeded"),
      notification(2, "a", "failed", {
        errorMessage: "POST https://hooks.slack.com/services/T0/B0/XYZ failed with pa55-w0rd",
        response: "StatusCode: 503, ReasonPhrase: 'Service Unavailable', Version: 1.1",
      }),
      notification(3, "a", "succeeded"),
      notification(4, "a", "failed", { errorMessage: "The underlying connection was closed." }),
    ];
    const client = fakeClient(history);
    const read = await readDeliveries(client, [{ id: "A", host: "default" }], {
      since: "2026-12-01T00:00:00Z",
      concurrency: 2,
      redact: makeRedact((text) => redactor.redact(text)),
    });
    expect(read.requests).toBe(1);
    expect(client.queries[0]?.query).toEqual({
      subscriptionIds: ["a"],
      minCreatedDate: "2026-12-01T00:00:00Z",
      includeDetails: true,
      maxResultsPerSubscription: RESULTS_PER_SUBSCRIPTION,
      maxResults: RESULTS_PER_SUBSCRIPTION,
    });
    expect(read.counts.get("a")).toEqual({
      succeeded: 2,
      failed: 2,
      pending: 0,
      failureRate: 50,
      lastFailure: { at: "2026-12-01T12:00:04.000Z", notificationId: 4, error: "The underlying connection was closed." },
      lastSuccess: { at: "2026-12-01T12:00:03.000Z", notificationId: 3 },
    });

    const older = await readDeliveries(fakeClient(history.slice(0, 2)), [{ id: "a", host: "default" }], {
      since: "2026-12-01T00:00:00Z",
      concurrency: 1,
      redact: makeRedact((text) => redactor.redact(text)),
    });
    expect(older.counts.get("a")?.lastFailure).toEqual({
      at: "2026-12-01T12:00:02.000Z",
      notificationId: 2,
      httpStatus: 503,
      error: "POST https://hooks.slack.com/… failed with ********",
    });
  });

  it("counts the returned notifications when the service sends no summary", async () => {
    const history = [notification(1, "a", "failed"), notification(2, "a", "succeeded"), notification(3, "a", "succeeded")];
    const read = await readDeliveries(fakeClient(history, { summary: false }), [{ id: "a", host: "default" }], {
      since: "2026-12-01T00:00:00Z",
      concurrency: 1,
      redact: noRedaction,
    });
    expect(read.counts.get("a")).toMatchObject({ succeeded: 2, failed: 1, failureRate: 33.3 });
  });

  it("sends one query per host and 50 subscriptions, and marks only a failed query's subscriptions unread", async () => {
    const ids = Array.from({ length: SUBSCRIPTIONS_PER_QUERY + 10 }, (_, index) => `d${index}`);
    const client = fakeClient([], { failFor: "d55" });
    const read = await readDeliveries(client, [...ids.map((id) => ({ id, host: "default" as const })), { id: "r0", host: "release" }], {
      since: "2026-12-01T00:00:00Z",
      concurrency: 2,
      redact: noRedaction,
    });
    expect(read.requests).toBe(3);
    expect(client.queries.map(({ query, host }) => [host, query.subscriptionIds?.length, query.maxResults])).toEqual([
      ["default", 50, 500],
      ["default", 10, 100],
      ["release", 1, 10],
    ]);
    expect(read.counts.get("d0")).toEqual({ succeeded: 0, failed: 0, pending: 0, failureRate: null });
    expect(read.counts.has("d55")).toBe(false);
    expect([...read.failures.keys()]).toEqual(ids.slice(50));
    expect(read.failures.get("d59")).toBe("POST notificationsquery answered 503 after 4 attempts");
  });
});

describe("what a delivery record says", () => {
  it("reads the HTTP status as the service and the emulator record it", () => {
    expect(httpStatusOf(notification(1, "a", "failed", { response: "StatusCode: 404, ReasonPhrase: 'Not Found'" }))).toBe(404);
    expect(httpStatusOf(notification(1, "a", "failed", { response: "Status Code: 410\nReason Phrase: Gone" }))).toBe(410);
    expect(httpStatusOf(notification(1, "a", "failed", { errorMessage: "The remote server returned an error: (401) Unauthorized." }))).toBe(401);
    expect(httpStatusOf(notification(1, "a", "failed", { errorMessage: "No connection could be made" }))).toBeUndefined();
  });

  it("keeps the start of the answer's body on one line, masked, and the duration in ms", () => {
    const body = `line one\nline two ${"x".repeat(300)}`;
    const record = notification(1, "a", "succeeded", {
      response: `Status Code: 200\nHeaders:\n{\n  Server: ********\n}\nContent:\n${body}`,
      requestDuration: 0.0423,
    });
    const excerpt = responseExcerpt(record, noRedaction);
    expect(excerpt?.startsWith("line one line two xxx")).toBe(true);
    expect(excerpt).toHaveLength(200);
    expect(durationMsOf(record)).toBe(42);
    expect(durationMsOf(notification(2, "a", "failed", { processedDate: "2026-12-01T00:00:00.000Z", completedDate: "2026-12-01T00:00:01.500Z" }))).toBe(1500);
  });
});

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

async function status(options: Partial<StatusOptions> = {}): Promise<StatusReport> {
  const run = await readStatus({ dir: repo!.dir, org: org!.org, env: org!.env, window: DAY, maxFailureRate: 0, ...options });
  if (run.kind !== "read") throw new Error("expected a status report");
  return run.report;
}

const brief = (row: StatusRow) => [row.name, row.state, row.id ?? null, row.healthy];

describe("status rows", () => {
  it("takes the planner's match: an edited declaration is its earlier live subscription, a fan-out is one row per project", async () => {
    org = await startOrganization();
    const edited = org.emulator.state.insert(webhookBody("https://old.example/hook", { consumerInputs: { url: "https://old.example/hook" } }));
    const platform = org.emulator.state.insert(
      webhookBody("https://platform.example/hook", {
        publisherInputs: { projectId: PLATFORM, buildStatus: "Failed" },
        consumerInputs: { url: "https://platform.example/hook" },
        status: "disabledBySystem",
      }),
    );
    const stray = org.emulator.state.insert(webhookBody("https://stray.example/hook", { eventType: "git.push", publisherInputs: { projectId: WEBSITE } }));
    repo = await makeRepo(BASE_CONFIG, [
      webhook("ci", "https://new.example/hook"),
      webhook("fleet", "https://platform.example/hook", { project: undefined, projects: ["Platform", "Mobile"] }),
    ]);
    const report = await status();
    expect(report.subscriptions.map(brief)).toEqual([
      ["ci", "enabled", edited.id, true],
      ["fleet@Mobile", "notCreated", null, false],
      ["fleet@Platform", "disabledBySystem", platform.id, false],
    ]);
    expect(report.subscriptions.map((row) => row.problems)).toEqual([[], ["notCreated"], ["status"]]);
    expect(report.summary).toEqual({ total: 3, healthy: 1, unhealthy: 2 });
    expect(statusExitCode(report, false)).toBe(0);
    expect(statusExitCode(report, true)).toBe(2);

    const all = await status({ all: true });
    expect(all.subscriptions.map(brief).at(-1)).toEqual(["git.push -> webHooks (stray.example)", "enabled", stray.id, true]);
    expect(all.subscriptions.at(-1)).toMatchObject({ declared: false, project: "WebSite" });
  });

  it("a failed organization-wide listing makes only the organization-wide declaration unknown, not the project ones", async () => {
    org = await startOrganization({ faults: { failNext: [{ status: 401, count: 10, route: "GET /_apis/hooks/subscriptions" }] } });
    repo = await makeRepo(BASE_CONFIG, [
      webhook("site", "https://site.example.com/hook"),
      webhook("all-updates", "https://hooks.example.com/all", {
        project: undefined,
        organizationWide: true,
        eventType: "workitem.updated",
        publisherInputs: {},
      }),
    ]);
    const report = await status();
    expect(report.subscriptions.map(brief)).toEqual([
      ["all-updates", "unknown", null, false],
      // Its project was listed: it is simply not created yet.
      ["site", "notCreated", null, false],
    ]);
    expect(statusExitCode(report, false)).toBe(1);
  });

  it("with --all shows a duplicate copy under its label, saying that apply deletes it", async () => {
    org = await startOrganization();
    const both = [1, 2].map(() => org!.emulator.state.insert(webhookBody("https://ci.example/hook", { consumerInputs: { url: "https://ci.example/hook" } })));
    // The planner keeps the oldest, then the lowest id: both may be created in the same millisecond.
    const [first, copy] = both.sort((a, b) => (a.createdDate ?? "").localeCompare(b.createdDate ?? "") || a.id.localeCompare(b.id));
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://ci.example/hook")]);
    const report = await status({ all: true });
    expect(report.subscriptions.map(brief)).toEqual([
      ["ci", "enabled", first?.id, true],
      ["build.complete -> webHooks (ci.example)", "enabled", copy?.id, true],
    ]);
    expect(report.subscriptions[1]?.notes).toEqual(['hookops apply deletes it (duplicate of "ci")']);
  });

  it("shows a declaration the planner cannot place as unknown, with the planner's reason", async () => {
    org = await startOrganization();
    org.emulator.state.insert(webhookBody("https://one.example/hook", { consumerInputs: { url: "https://one.example/hook" } }));
    org.emulator.state.insert(webhookBody("https://two.example/hook", { consumerInputs: { url: "https://two.example/hook" } }));
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "${env:CI_HOOK_URL}")]);
    const report = await status();
    expect(report.subscriptions.map(brief)).toEqual([["ci", "unknown", null, false]]);
    expect(report.subscriptions[0]?.notes[0]).toContain("could not be resolved here and 2 live subscriptions could be the one it means");
  });

  it("reads release subscriptions' history on the release host", async () => {
    org = await startOrganization();
    const deployed = org.emulator.state.insert(
      webhookBody("https://deploy.example/done", {
        publisherId: "rm",
        eventType: "ms.vss-release.deployment-completed-event",
        resourceVersion: "3.0-preview.1",
        publisherInputs: { projectId: PLATFORM, releaseEnvironmentStatus: "4" },
        consumerInputs: { url: "https://deploy.example/done" },
      }),
    );
    org.emulator.state.setStatus(deployed.id, "onProbation", { probationRetries: 3 });
    repo = await makeRepo(BASE_CONFIG, [
      webhook("deployed", "https://deploy.example/done", {
        project: "Platform",
        eventType: "ms.vss-release.deployment-completed-event",
        resourceVersion: "3.0-preview.1",
        publisherInputs: { releaseEnvironmentStatus: "4" },
      }),
    ]);
    org.emulator.resetCounters();
    const report = await status();
    expect(report.subscriptions[0]).toMatchObject({ name: "deployed", host: "release", state: "onProbation", probationRetries: 3, problems: ["status"] });
    expect(report.subscriptions[0]?.deliveries).toEqual({ succeeded: 0, failed: 0, pending: 0, failureRate: null });
    const counters = org.emulator.counters();
    expect(counters["POST /vsrm/_apis/hooks/notificationsquery"]).toBe(1);
    expect(counters["POST /_apis/hooks/notificationsquery"]).toBeUndefined();
  });
});
