import { isRecord } from "../util/records.js";
import type { AdoClient } from "./client.js";
import { expectList, expectObject, route, UnexpectedResponseError } from "./routes.js";

/** An Azure Repos pull request: the project (id or name), the repository id and the pull request id. */
export interface PullRequestRef {
  project: string;
  repositoryId: string;
  pullRequestId: number;
}

export interface ThreadComment {
  id: number;
  content: string;
}

export interface PullRequestThread {
  id: number;
  comments: ThreadComment[];
}

export type PullRequestStatusState = "succeeded" | "failed" | "pending" | "error" | "notApplicable";

export interface PullRequestStatus {
  state: PullRequestStatusState;
  description: string;
  context: { name: string; genre: string };
  targetUrl?: string;
}

function pullRequestRoute(client: AdoClient, ref: PullRequestRef, tail: readonly string[]): string {
  const base = `${client.organization.url}/${encodeURIComponent(ref.project)}`;
  const segments = ["git", "repositories", ref.repositoryId, "pullRequests", String(ref.pullRequestId), ...tail];
  return route(base, segments, client.apiVersion);
}

function commentOf(item: unknown): ThreadComment[] {
  return isRecord(item) && typeof item.id === "number" ? [{ id: item.id, content: typeof item.content === "string" ? item.content : "" }] : [];
}

/** Threads without a numeric id cannot be edited; deleted comments are skipped like the web UI skips them. */
function threadOf(item: unknown): PullRequestThread[] {
  if (!isRecord(item) || typeof item.id !== "number") return [];
  const comments = Array.isArray(item.comments) ? item.comments.filter((comment) => !(isRecord(comment) && comment.isDeleted === true)).flatMap(commentOf) : [];
  return [{ id: item.id, comments }];
}

/** `GET .../pullRequests/{id}/threads`: every thread of the pull request (the service answers them all at once). */
export async function listPullRequestThreads(client: AdoClient, ref: PullRequestRef): Promise<PullRequestThread[]> {
  const response = await client.transport.send({ method: "GET", url: pullRequestRoute(client, ref, ["threads"]) });
  return expectList<unknown>(response.body, "pull request thread list").flatMap(threadOf);
}

/** `POST .../threads`: a new active thread with one text comment. Not repeated on a lost answer (it would post twice). */
export async function createPullRequestThread(client: AdoClient, ref: PullRequestRef, content: string): Promise<PullRequestThread> {
  const body = { comments: [{ parentCommentId: 0, content, commentType: "text" }], status: "active" };
  const response = await client.transport.send({ method: "POST", url: pullRequestRoute(client, ref, ["threads"]), body });
  const thread = threadOf(expectObject<unknown>(response.body, "create pull request thread"))[0];
  if (thread === undefined) throw new UnexpectedResponseError("Azure DevOps answered the create pull request thread request without a thread id.");
  return thread;
}

/** `PATCH .../threads/{threadId}/comments/{commentId}`: replaces the comment's content (repeating it is harmless). */
export async function updatePullRequestComment(client: AdoClient, ref: PullRequestRef, threadId: number, commentId: number, content: string): Promise<void> {
  const url = pullRequestRoute(client, ref, ["threads", String(threadId), "comments", String(commentId)]);
  await client.transport.send({ method: "PATCH", url, body: { content } });
}

/** `POST .../statuses`: a new status for the context; the latest one per context is what the pull request shows. */
export async function createPullRequestStatus(client: AdoClient, ref: PullRequestRef, status: PullRequestStatus): Promise<void> {
  await client.transport.send({ method: "POST", url: pullRequestRoute(client, ref, ["statuses"]), body: status, idempotent: true });
}
