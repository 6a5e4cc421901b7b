import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { AdoClient } from "../ado/client.js";
import { bearerCredential } from "../ado/credentials.js";
import { AdoRequestError } from "../ado/errors.js";
import type { PullRequestStatus } from "../ado/pull-requests.js";
import { createPullRequestStatus } from "../ado/pull-requests.js";
import type { Finding } from "../config/types.js";
import type { Plan } from "../reconcile/types.js";
import { failedBody, findingCounts, invalidBody, planBody, summaryLine, type BodyTarget } from "../report/index.js";
import { sourcePath, type PullRequestBuild } from "./context.js";
import { logIssueLine, loggingCommand, uploadSummaryLine } from "./logging.js";
import { upsertPlanThread } from "./thread.js";

/** What `plan` came to: a plan, invalid configuration, or a failure before any plan was made. */
export type PlanOutcome =
  | { kind: "plan"; plan: Plan; findings: readonly Finding[] }
  | { kind: "invalid"; findings: readonly Finding[] }
  | { kind: "failed"; message: string };

export interface PublishOptions {
  /** Base of relative paths (findings' files). */
  cwd: string;
  /** hookops.yaml, absolute or relative to cwd: one thread and one summary per configuration. */
  configPath: string;
  /** Where logging commands go (the agent reads them from the step's output). */
  log(text: string): void;
}

/** The status context every hookops plan status shares; a branch policy can require it. */
const STATUS_CONTEXT = { name: "plan", genre: "hookops" };

function render(outcome: PlanOutcome, target: BodyTarget): string {
  switch (outcome.kind) {
    case "plan":
      return planBody(outcome.plan, outcome.findings, target);
    case "invalid":
      return invalidBody(outcome.findings, target);
    case "failed":
      return failedBody(outcome.message, target);
  }
}

function statusOf(outcome: PlanOutcome): Pick<PullRequestStatus, "state" | "description"> {
  if (outcome.kind === "failed") return { state: "failed", description: "The plan could not be made; see the build log." };
  if (outcome.kind === "invalid") return { state: "failed", description: `Validation failed: ${findingCounts(outcome.findings)}.` };
  const { plan } = outcome;
  if (plan.refusals.length > 0) return { state: "failed", description: `Apply would refuse this plan. ${summaryLine(plan)}` };
  return { state: "succeeded", description: summaryLine(plan) };
}

function findingsOf(outcome: PlanOutcome): readonly Finding[] {
  return outcome.kind === "failed" ? [] : outcome.findings;
}

/** Why a request failed, in one line without the token (errors never hold it) and with the status when there was one. */
function reasonOf(error: unknown): string {
  if (error instanceof AdoRequestError)
    return `${error.status === undefined ? "" : `HTTP ${error.status}: `}${(error.serviceMessage ?? error.message).split("\n")[0]}`;
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

async function writeSummaryFile(build: PullRequestBuild, markerId: string, markdown: string): Promise<string> {
  const folder = build.tempDirectory ?? (await mkdtemp(path.join(tmpdir(), "hookops-")));
  await mkdir(folder, { recursive: true });
  // One file per configuration: the agent shows each uploaded file as its own summary section.
  const name = `hookops-plan-${markerId.replace(/[^A-Za-z0-9._-]+/g, "_")}.md`;
  const file = path.join(folder, name);
  await writeFile(file, markdown);
  return file;
}

type Warn = (message: string) => void;

/** A client for the pull request's collection with the job token; the token is never printed. */
async function withJobClient(build: PullRequestBuild, token: string, use: (client: AdoClient) => Promise<void>): Promise<void> {
  const client = new AdoClient({ organization: build.collectionUrl, credential: bearerCredential(token, "job token from SYSTEM_ACCESSTOKEN") });
  try {
    await use(client);
  } finally {
    await client.close();
  }
}

/** Runs one pull request request; a failure becomes a warning naming what was not done and how to allow it. */
async function orWarn(build: PullRequestBuild, warn: Warn, what: string, send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    const refused = error instanceof AdoRequestError && (error.status === 401 || error.status === 403);
    const fork = build.fromFork ? " Builds of pull requests from forks may get a token that cannot write to the pull request." : "";
    const hint = refused ? ` Give the "Build Service" identity "Contribute to pull requests" on the repository.${fork}` : "";
    warn(`hookops: could not ${what} on pull request ${build.pullRequest.pullRequestId} (${reasonOf(error)}).${hint}`);
  }
}

function warner(options: Pick<PublishOptions, "log">): Warn {
  return (message) => options.log(loggingCommand("task.logissue", { type: "warning" }, message));
}

function statusBody(build: PullRequestBuild, status: Pick<PullRequestStatus, "state" | "description">): PullRequestStatus {
  return { ...status, context: STATUS_CONTEXT, ...(build.runUrl === undefined ? {} : { targetUrl: build.runUrl }) };
}

/**
 * Before planning: the hookops/plan status goes to pending, so the last push's result does not
 * stand for this one while it runs (or if the run dies). Without a token, publishToPullRequest says so.
 */
export async function markPending(build: PullRequestBuild, options: Pick<PublishOptions, "log">): Promise<void> {
  const { token } = build;
  if (token === undefined) return;
  const pending = statusBody(build, { state: "pending", description: "hookops is planning this change." });
  await orWarn(build, warner(options), "set the hookops/plan status", () =>
    withJobClient(build, token, (client) => createPullRequestStatus(client, build.pullRequest, pending)),
  );
}

/**
 * Azure Pipelines' view of `plan --comment` on an Azure Repos pull request: every finding as a
 * build issue, the plan as a build summary, one plan thread on the pull request kept up to date,
 * and a `hookops/plan` status. Posting to the pull request may fail (a token without "Contribute
 * to pull requests", a fork): that is a warning, as the summary has the same plan.
 */
export async function publishToPullRequest(build: PullRequestBuild, outcome: PlanOutcome, options: PublishOptions): Promise<void> {
  const markerId = sourcePath(build, options.cwd, options.configPath);
  const warn = warner(options);
  for (const finding of findingsOf(outcome)) options.log(logIssueLine(finding, sourcePath(build, options.cwd, finding.file)));

  const base = { markerId, runUrl: build.runUrl };
  try {
    options.log(uploadSummaryLine(await writeSummaryFile(build, markerId, render(outcome, { ...base, comment: false }))));
  } catch (error) {
    warn(`hookops: could not write the build summary (${reasonOf(error)}).`);
  }

  const { token, pullRequest } = build;
  if (token === undefined) {
    warn(
      "hookops: SYSTEM_ACCESSTOKEN is not set, so the plan was not posted on the pull request: map it in the step (env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)). The build summary has the plan.",
    );
    return;
  }
  // The outer warning covers what happens before any request (a collection URL the client refuses).
  await orWarn(build, warn, "reach the pull request", () =>
    withJobClient(build, token, async (client) => {
      await orWarn(
        build,
        (message) => warn(`${message} The build summary has the plan.`),
        "post the plan",
        async () => {
          const thread = await upsertPlanThread(client, pullRequest, markerId, render(outcome, { ...base, comment: true }));
          options.log(`hookops: plan thread ${thread.outcome} on pull request ${pullRequest.pullRequestId} (thread ${thread.threadId}).\n`);
        },
      );
      await orWarn(build, warn, "set the hookops/plan status", () => createPullRequestStatus(client, pullRequest, statusBody(build, statusOf(outcome))));
    }),
  );
}
