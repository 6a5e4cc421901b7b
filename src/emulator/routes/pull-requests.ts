/** Azure Repos pull request threads and statuses: what `hookops plan --comment` writes from Azure Pipelines. */
import type { VersionPolicy } from "../api-version.js";
import { errors, ServiceError } from "../errors.js";
import { identityOf } from "../runtime.js";
import { findProject, type SeededProject } from "../state/projects.js";
import { COMMENT_MAX_LENGTH, isOpenPullRequest, pullRequestStore, type StoredComment, type StoredStatus, type StoredThread } from "../state/pull-requests.js";
import { projectResources } from "../state/resources.js";
import { isRecord } from "../../util/records.js";
import { list, ok, type RouteContext, type RouteDefinition } from "./context.js";

const GIT_VERSIONS: VersionPolicy = { min: "1.0", max: "7.2", released: "7.1" };
const GIT_ASSEMBLY = "Microsoft.TeamFoundation.Git.Server";

function gitError(status: number, typeKey: string, message: string): ServiceError {
  return new ServiceError(status, typeKey, `${GIT_ASSEMBLY}.${typeKey}, ${GIT_ASSEMBLY}`, message);
}

interface PullRequestTarget {
  project: SeededProject;
  repositoryId: string;
  pullRequestId: number;
}

/** The project, repository (id or name, as the service takes either) and open pull request named in the path. */
function pullRequestFrom(context: RouteContext, path: string): PullRequestTarget {
  if (context.host !== "default") throw errors.routeNotFound(path);
  const idOrName = context.params.project ?? "";
  const project = findProject(idOrName, context.runtime.projects);
  if (!project) throw errors.projectNotFound(idOrName, 404);
  const wanted = (context.params.repositoryId ?? "").toLowerCase();
  const repository = projectResources(project).repositories.find((candidate) => candidate.id === wanted || candidate.name.toLowerCase() === wanted);
  if (!repository) {
    throw gitError(
      404,
      "GitRepositoryNotFoundException",
      `TF401019: The Git repository with name or identifier ${context.params.repositoryId ?? ""} does not exist or you do not have permissions for the operation you are attempting.`,
    );
  }
  const pullRequestId = Number(context.params.pullRequestId);
  if (!isOpenPullRequest(pullRequestId)) throw gitError(404, "GitPullRequestNotFoundException", "TF401180: The requested pull request was not found.");
  return { project, repositoryId: repository.id, pullRequestId };
}

function recordOf(context: RouteContext, target: PullRequestTarget) {
  return pullRequestStore(context.runtime).record(target.repositoryId, target.pullRequestId);
}

function commentContent(value: unknown): string {
  if (typeof value !== "string") throw errors.nullBody("comment.content");
  if (value.length > COMMENT_MAX_LENGTH)
    throw errors.argument(`The comment is ${value.length} characters long; comments may be at most ${COMMENT_MAX_LENGTH}.`);
  return value;
}

/** commentType and thread status come as names or as the enum's numbers. */
function commentTypeOf(value: unknown): StoredComment["commentType"] {
  if (value === "system" || value === 3) return "system";
  if (value === "codeChange" || value === 2) return "codeChange";
  return "text";
}

const THREAD_STATUSES = ["unknown", "active", "fixed", "wontFix", "closed", "byDesign", "pending"];

function threadStatusOf(value: unknown): string {
  if (typeof value === "number") return THREAD_STATUSES[value] ?? "active";
  return typeof value === "string" && THREAD_STATUSES.includes(value) ? value : "active";
}

function threadView(thread: StoredThread): Record<string, unknown> {
  return { ...thread, threadContext: null, pullRequestThreadContext: null, properties: {}, identities: null, isDeleted: false };
}

const STATUS_STATES = ["notSet", "pending", "succeeded", "failed", "error", "notApplicable"];

const THREADS = "/{project}/_apis/git/repositories/{repositoryId}/pullRequests/{pullRequestId}/threads";
const COMMENT = `${THREADS}/{threadId}/comments/{commentId}`;
const STATUSES = "/{project}/_apis/git/repositories/{repositoryId}/pullRequests/{pullRequestId}/statuses";

export const pullRequestRoutes: RouteDefinition[] = [
  {
    method: "GET",
    pattern: THREADS,
    versions: GIT_VERSIONS,
    handler: (context) => ok(list(recordOf(context, pullRequestFrom(context, THREADS)).threads.map(threadView))),
  },
  {
    method: "POST",
    pattern: THREADS,
    versions: GIT_VERSIONS,
    handler: async (context) => {
      const target = pullRequestFrom(context, THREADS);
      const body = await context.readJson("commentThread");
      if (!isRecord(body) || !Array.isArray(body.comments) || body.comments.length === 0) throw errors.nullBody("commentThread.comments");
      const now = context.runtime.now().toISOString();
      const author = identityOf(context.user);
      const comments = body.comments.map((comment, index): StoredComment => {
        const fields = isRecord(comment) ? comment : {};
        const parent = typeof fields.parentCommentId === "number" ? fields.parentCommentId : 0;
        const content = commentContent(fields.content);
        return {
          id: index + 1,
          parentCommentId: parent,
          author,
          content,
          publishedDate: now,
          lastUpdatedDate: now,
          commentType: commentTypeOf(fields.commentType),
        };
      });
      const store = pullRequestStore(context.runtime);
      const thread: StoredThread = { id: store.newThreadId(), publishedDate: now, lastUpdatedDate: now, status: threadStatusOf(body.status), comments };
      recordOf(context, target).threads.push(thread);
      return ok(threadView(thread));
    },
  },
  {
    method: "PATCH",
    pattern: COMMENT,
    versions: GIT_VERSIONS,
    handler: async (context) => {
      const target = pullRequestFrom(context, COMMENT);
      const thread = recordOf(context, target).threads.find((candidate) => candidate.id === Number(context.params.threadId));
      if (!thread) throw gitError(404, "GitPullRequestCommentThreadNotFoundException", "TF401181: The pull request comment thread could not be found.");
      const comment = thread.comments.find((candidate) => candidate.id === Number(context.params.commentId));
      if (!comment) throw gitError(404, "GitPullRequestCommentNotFoundException", "TF401182: The pull request comment could not be found.");
      // Only the author may edit a comment; the service answers 403 to anyone else.
      if (comment.author.id !== context.user.id)
        throw gitError(403, "GitNeedsPermissionException", "TF401027: You need the Git 'ContributeToPullRequest' permission to perform this action.");
      const body = await context.readJson("comment");
      comment.content = commentContent(isRecord(body) ? body.content : undefined);
      comment.lastUpdatedDate = context.runtime.now().toISOString();
      thread.lastUpdatedDate = comment.lastUpdatedDate;
      return ok(comment);
    },
  },
  {
    method: "GET",
    pattern: STATUSES,
    versions: GIT_VERSIONS,
    handler: (context) => ok(list(recordOf(context, pullRequestFrom(context, STATUSES)).statuses)),
  },
  {
    method: "POST",
    pattern: STATUSES,
    versions: GIT_VERSIONS,
    handler: async (context) => {
      const target = pullRequestFrom(context, STATUSES);
      const body = await context.readJson("status");
      if (!isRecord(body) || !isRecord(body.context) || typeof body.context.name !== "string" || body.context.name === "")
        throw errors.nullBody("status.context.name");
      const state = typeof body.state === "string" ? body.state : "notSet";
      if (!STATUS_STATES.includes(state)) throw errors.argument(`The value '${state}' is not valid for state.`);
      const record = recordOf(context, target);
      const now = context.runtime.now().toISOString();
      const genre = typeof body.context.genre === "string" ? body.context.genre : undefined;
      const status: StoredStatus = {
        id: record.statuses.length + 1,
        state,
        description: typeof body.description === "string" ? body.description : "",
        context: { name: body.context.name, ...(genre === undefined ? {} : { genre }) },
        ...(typeof body.targetUrl === "string" ? { targetUrl: body.targetUrl } : {}),
        creationDate: now,
        updatedDate: now,
        createdBy: identityOf(context.user),
      };
      record.statuses.push(status);
      return ok(status);
    },
  },
];
