// The fault matrix: every fault kind the service or the network produces, on every kind of request
// a plan or an apply makes, against a seeded emulator. Shared by the test suite and `npm run bench`.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { stringify } from "yaml";
import type { SubscriptionBody } from "../../src/ado/index.js";
import { startEmulator, type EmulatorHandle, type EmulatorUser, type FailNextRule, type StoredSubscription } from "../../src/emulator/index.js";
import { applyRepository, type ApplyRun } from "../../src/engine/apply.js";
import { naturalKeyOfBody } from "../../src/reconcile/index.js";
import { applyResultLine, applySummaryText } from "../../src/report/apply.js";
import { renderJson, renderMarkdown, renderText } from "../../src/report/index.js";

export const CANARY = "canary-Secret-9c1f27e4";
const WEBSITE = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";

export const SELF: EmulatorUser = {
  token: "self-token",
  kind: "pat",
  id: "6f1b8a3c-2d4e-4f5a-9b6c-7d8e9f0a1b2c",
  displayName: "hookops CI",
  uniqueName: "ci@fabrikam.example",
};
export const OTHER: EmulatorUser = {
  token: "other-token",
  kind: "pat",
  id: "0b9d1f7e-1111-4222-8333-944455556666",
  displayName: "Ada",
  uniqueName: "ada@fabrikam.example",
};

export type RequestKind = "subscription query" | "release query" | "project list" | "create" | "update" | "delete";
export type FaultKind = "500" | "503" | "401" | "403" | "203 sign-in" | "not JSON" | "reset" | "429 long" | "429 short" | "lost answer" | "late answer";

export const REQUEST_ROUTES: Record<RequestKind, string> = {
  "subscription query": "POST /_apis/hooks/subscriptionsquery",
  "release query": "POST /vsrm/_apis/hooks/subscriptionsquery",
  "project list": "GET /_apis/projects",
  create: "POST /_apis/hooks/subscriptions",
  update: "PUT /_apis/hooks/subscriptions/{subscriptionId}",
  delete: "DELETE /_apis/hooks/subscriptions/{subscriptionId}",
};

const MUTATIONS: ReadonlySet<RequestKind> = new Set(["create", "update", "delete"]);
/** How long the emulator holds a late answer, and how long the client waits for one (undici fires header timeouts on a ~1 s tick). */
const LATE_MS = 2500;
const HEADERS_TIMEOUT_MS = 200;

/** The rule for one fault on one route; mutations are carried out first where that is the harder case. */
export function faultRule(fault: FaultKind, request: RequestKind, count: number): FailNextRule {
  const route = REQUEST_ROUTES[request];
  const afterCommit = MUTATIONS.has(request);
  switch (fault) {
    case "500":
      return { status: 500, count, route, ...(afterCommit ? { afterCommit } : {}) };
    case "503":
      return { status: 503, count, route };
    case "401":
      return { status: 401, count, route };
    case "403":
      return { status: 403, count, route };
    case "203 sign-in":
      return { status: 203, answer: "signInPage", count, route };
    case "not JSON":
      return { status: 200, answer: "notJson", count, route, ...(afterCommit ? { afterCommit } : {}) };
    case "reset":
      return { status: 0, answer: "reset", count, route };
    case "429 long":
      return { status: 429, retryAfterSeconds: 600, count, route };
    case "429 short":
      return { status: 429, retryAfterSeconds: 1, count, route };
    case "lost answer":
      return { status: 0, answer: "reset", afterCommit: true, count, route };
    case "late answer":
      return { status: 200, answer: "late", delayMs: LATE_MS, count, route, ...(afterCommit ? { afterCommit } : {}) };
  }
}

export const FAULT_KINDS: readonly FaultKind[] = [
  "500",
  "503",
  "401",
  "403",
  "203 sign-in",
  "not JSON",
  "reset",
  "429 long",
  "429 short",
  "lost answer",
  "late answer",
];
export const REQUEST_KINDS: readonly RequestKind[] = ["subscription query", "release query", "project list", "create", "update", "delete"];

const webhook = (url: string, extra: Record<string, string> = {}): SubscriptionBody => ({
  publisherId: "tfs",
  eventType: "build.complete",
  resourceVersion: "1.0",
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  publisherInputs: { projectId: WEBSITE },
  consumerInputs: { url, ...extra },
});

/** Live subscriptions before the run; only "stray" may ever be deleted. */
function seedLive(emulator: EmulatorHandle): Record<string, string> {
  const { state } = emulator;
  const ids: Record<string, string> = {};
  ids.keep = state.insert(webhook("https://keep.example/hook", { basicAuthUsername: "ado", basicAuthPassword: CANARY, messagesToSend: "text" }), {
    createdBy: SELF,
  }).id;
  ids.stray = state.insert(webhook("https://stray.example/hook"), { createdBy: SELF }).id;
  ids.others = state.insert(webhook("https://others.example/hook"), { createdBy: OTHER }).id;
  ids.protected = state.insert(webhook("https://protected.example/hook"), { createdBy: SELF }).id;
  ids.elsewhere = state.insert(
    { ...webhook("https://elsewhere.example/hook"), publisherInputs: { projectId: "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62" } },
    { createdBy: SELF },
  ).id;
  return ids;
}

const DECLARED = [
  {
    name: "keep",
    project: "WebSite",
    eventType: "build.complete",
    resourceVersion: "1.0",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url: "https://keep.example/hook", basicAuthUsername: "ado", basicAuthPassword: "${env:HOOK_PASSWORD}", messagesToSend: "none" },
  },
  {
    name: "new-default",
    project: "WebSite",
    eventType: "git.push",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url: "https://new.example/hook" },
  },
  {
    name: "new-release",
    project: "WebSite",
    eventType: "ms.vss-release.deployment-completed-event",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url: "https://release.example/hook", basicAuthUsername: "ado", basicAuthPassword: "${env:HOOK_PASSWORD}" },
  },
];

export async function makeMatrixRepo(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-matrix-"));
  await mkdir(path.join(dir, "hooks"));
  const config = { include: ["hooks/**/*.yaml"], prune: { enabled: true, maxDeletes: 10 }, protect: [{ url: "https://protected.example/*" }] };
  await writeFile(path.join(dir, "hookops.yaml"), stringify(config));
  await writeFile(path.join(dir, "hooks", "main.yaml"), stringify({ subscriptions: DECLARED }));
  return dir;
}

export interface ScenarioResult {
  fault: FaultKind;
  request: RequestKind;
  persistent: boolean;
  /** What the faulty run did: applied everything, applied with failures, refused, or stopped with an error. */
  firstRun: "applied" | "partly applied" | "refused" | "error";
  /** The faulty run refused or stopped and live state is exactly as before. */
  refusedCleanly: boolean;
  /** Live subscriptions beyond one per declaration, after any run. */
  duplicates: number;
  /** Deleted subscriptions other than the one prune should delete, after any run. */
  unintendedDeletes: number;
  /** Applies after the fault cleared until live state was right (undefined: not within two). */
  appliesToConverge: number | undefined;
  /** Outputs that contained the canary secret. */
  leaks: string[];
  /** Every text a user would have seen, for inspection. */
  outputs: string[];
}

function outputsOf(run: ApplyRun | Error): string[] {
  if (run instanceof Error) return [run.message, JSON.stringify(run), String(run.stack)];
  if (run.kind === "invalid") return [];
  const texts = [renderText(run.plan, { color: false }), renderJson(run.plan), renderMarkdown(run.plan)];
  if (run.kind === "refused") texts.push(run.reasons.join("\n"));
  if (run.kind === "applied")
    texts.push(applySummaryText(run.report, { color: false }), ...run.report.results.map((result) => applyResultLine(result, { color: false })));
  return texts;
}

function countDuplicates(live: readonly StoredSubscription[]): number {
  const keys = new Map<string, number>();
  for (const subscription of live) keys.set(naturalKeyOfBody(subscription), (keys.get(naturalKeyOfBody(subscription)) ?? 0) + 1);
  return [...keys.values()].reduce((sum, count) => sum + count - 1, 0);
}

function isRight(live: readonly StoredSubscription[], ids: Record<string, string>): boolean {
  const urls = live.map((subscription) => subscription.consumerInputs.url).sort();
  const expected = [
    "https://elsewhere.example/hook",
    "https://keep.example/hook",
    "https://new.example/hook",
    "https://others.example/hook",
    "https://protected.example/hook",
    "https://release.example/hook",
  ];
  if (JSON.stringify(urls) !== JSON.stringify(expected)) return false;
  const keep = live.find((subscription) => subscription.id === ids.keep);
  const release = live.find((subscription) => subscription.consumerInputs.url === "https://release.example/hook");
  return (
    keep?.consumerInputs.messagesToSend === "none" &&
    keep.consumerInputs.basicAuthPassword === CANARY &&
    release?.host === "release" &&
    release.consumerInputs.basicAuthPassword === CANARY
  );
}

function snapshot(live: readonly StoredSubscription[]): string {
  return JSON.stringify(live.map((subscription) => [subscription.id, subscription.modifiedDate]).sort());
}

export async function runScenario(dir: string, fault: FaultKind, request: RequestKind, persistent: boolean, seed: number): Promise<ScenarioResult> {
  const emulator = await startEmulator({ seed, users: [SELF, OTHER] });
  const outputs: string[] = [];
  const result: ScenarioResult = {
    fault,
    request,
    persistent,
    firstRun: "applied",
    refusedCleanly: false,
    duplicates: 0,
    unintendedDeletes: 0,
    appliesToConverge: undefined,
    leaks: [],
    outputs,
  };
  try {
    const ids = seedLive(emulator);
    const before = snapshot(emulator.state.subscriptions());
    const mayDelete = new Set([ids.stray]);
    const audit = () => {
      const live = emulator.state.subscriptions();
      const present = new Set(live.map((subscription) => subscription.id));
      result.duplicates = Math.max(result.duplicates, countDuplicates(live));
      const unintended = Object.values(ids).filter((id) => !present.has(id) && !mayDelete.has(id)).length;
      result.unintendedDeletes = Math.max(result.unintendedDeletes, unintended);
      return live;
    };
    const apply = async (): Promise<ApplyRun | Error> => {
      let run: ApplyRun | Error;
      try {
        run = await applyRepository({
          dir,
          org: emulator.url,
          env: { AZURE_DEVOPS_TOKEN: SELF.token, HOOK_PASSWORD: CANARY },
          concurrency: 4,
          listTimeoutMs: HEADERS_TIMEOUT_MS,
          transport: { headersTimeoutMs: HEADERS_TIMEOUT_MS, retry: { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 4 }, sleep: () => Promise.resolve() },
        });
      } catch (error) {
        run = error instanceof Error ? error : new Error(String(error));
      }
      // A late answer lands after the client gave up: wait for it, as a person re-running would.
      await emulator.whenIdle();
      outputs.push(...outputsOf(run));
      return run;
    };

    emulator.setFaults({ failNext: [faultRule(fault, request, persistent ? 1000 : 1)] });
    const first = await apply();
    const afterFirst = audit();
    if (first instanceof Error) result.firstRun = "error";
    else if (first.kind === "refused" || first.kind === "invalid" || first.kind === "declined") result.firstRun = "refused";
    else result.firstRun = first.report.failed > 0 || first.report.skipped > 0 ? "partly applied" : "applied";
    result.refusedCleanly = (result.firstRun === "error" || result.firstRun === "refused") && snapshot(afterFirst) === before;

    emulator.setFaults({});
    for (let applies = 0; applies <= 2; applies++) {
      if (isRight(audit(), ids)) {
        result.appliesToConverge = applies;
        break;
      }
      if (applies < 2) await apply();
    }
    result.leaks = outputs.filter((text) => text.includes(CANARY));
    return result;
  } finally {
    await emulator.close();
  }
}

export interface MatrixTotals {
  scenarios: number;
  converged: number;
  refusedCleanly: number;
  duplicates: number;
  unintendedDeletes: number;
  leaks: number;
}

export function totalsOf(results: readonly ScenarioResult[]): MatrixTotals {
  return {
    scenarios: results.length,
    converged: results.filter((result) => result.appliesToConverge !== undefined).length,
    refusedCleanly: results.filter((result) => result.refusedCleanly).length,
    duplicates: results.reduce((sum, result) => sum + result.duplicates, 0),
    unintendedDeletes: results.reduce((sum, result) => sum + result.unintendedDeletes, 0),
    leaks: results.reduce((sum, result) => sum + result.leaks.length, 0),
  };
}
