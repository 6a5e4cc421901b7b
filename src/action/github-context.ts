import { existsSync, readFileSync } from "node:fs";

/** The pull request the workflow runs for, when it runs for one. */
export interface PullRequestContext {
  owner: string;
  repo: string;
  number: number;
  /** The head branch lives in another repository: the workflow gets no secrets and a read-only token. */
  fromFork: boolean;
}

/** What the action needs to know about the workflow run, read from the runner's environment. */
export interface RunContext {
  eventName: string;
  pullRequest?: PullRequestContext;
  /** The run's page (its job summary holds the full plan), when the runner says where it is. */
  runUrl?: string;
  /** The GitHub REST API (GITHUB_API_URL; GitHub Enterprise Server has its own). */
  apiUrl: string;
  /** The workflow's repository (GITHUB_REPOSITORY), where a status run keeps its issue. */
  repository?: { owner: string; repo: string };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function repoFullName(branch: unknown): string | undefined {
  const name = record(record(branch)?.repo)?.full_name;
  return typeof name === "string" ? name.toLowerCase() : undefined;
}

function pullRequestOf(payload: Record<string, unknown>, repository: string | undefined): PullRequestContext | undefined {
  const pullRequest = record(payload.pull_request);
  const number = pullRequest?.number ?? payload.number;
  if (pullRequest === undefined || typeof number !== "number") return undefined;
  const payloadRepo = record(payload.repository);
  const owner = repository?.split("/")[0] ?? record(payloadRepo?.owner)?.login;
  const repo = repository?.split("/")[1] ?? payloadRepo?.name;
  if (typeof owner !== "string" || typeof repo !== "string") return undefined;
  const base = repoFullName(pullRequest.base) ?? `${owner}/${repo}`.toLowerCase();
  // A deleted fork has head.repo = null: still not this repository.
  const head = repoFullName(pullRequest.head);
  return { owner, repo, number, fromFork: head !== base };
}

/** The webhook event that started the workflow, from the file the runner names (as @actions/github reads it). */
function eventPayload(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const file = env.GITHUB_EVENT_PATH ?? "";
  if (file === "" || !existsSync(file)) return {};
  return record(JSON.parse(readFileSync(file, "utf8"))) ?? {};
}

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const repository = env.GITHUB_REPOSITORY?.includes("/") ? env.GITHUB_REPOSITORY : undefined;
  const payload = eventPayload(env);
  const server = (env.GITHUB_SERVER_URL ?? "").replace(/\/+$/, "");
  const runId = env.GITHUB_RUN_ID ?? "";
  const runUrl = server !== "" && repository !== undefined && runId !== "" ? `${server}/${repository}/actions/runs/${runId}` : undefined;
  const apiUrl = env.GITHUB_API_URL || "https://api.github.com";
  const [owner = "", repo = ""] = repository?.split("/") ?? [];
  return {
    eventName: env.GITHUB_EVENT_NAME ?? "",
    pullRequest: pullRequestOf(payload, repository),
    runUrl,
    apiUrl,
    ...(owner !== "" && repo !== "" ? { repository: { owner, repo } } : {}),
  };
}
