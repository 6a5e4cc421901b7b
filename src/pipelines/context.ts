import path from "node:path";
import type { PullRequestRef } from "../ado/pull-requests.js";

type Environment = Record<string, string | undefined>;

/** An Azure Pipelines build of an Azure Repos pull request, from the pipeline's predefined variables. */
export interface PullRequestBuild {
  kind: "pullRequest";
  /** SYSTEM_COLLECTIONURI: the organization (or collection) holding the repository. */
  collectionUrl: string;
  pullRequest: PullRequestRef;
  fromFork: boolean;
  /** The job token, when a step mapped it (SYSTEM_ACCESSTOKEN); never printed. */
  token: string | undefined;
  /** BUILD_SOURCESDIRECTORY: base of the paths in logissue lines and of the thread marker. */
  sourcesDirectory: string;
  /** The build's results page (its summary holds the full plan). */
  runUrl: string | undefined;
  /** AGENT_TEMPDIRECTORY, where the summary file goes (cleaned by the agent after the job). */
  tempDirectory: string | undefined;
}

export interface NotPullRequestBuild {
  kind: "none";
  /** Why --comment does nothing here, for the note on stderr. */
  reason: string;
}

function value(env: Environment, name: string): string | undefined {
  const text = env[name]?.trim();
  return text === undefined || text === "" ? undefined : text;
}

/**
 * Whether this is a pull request build of an Azure Repos repository, read from the predefined
 * variables (which the agent sets for every step, unlike System.AccessToken).
 */
export function readPullRequestBuild(env: Environment, cwd: string): PullRequestBuild | NotPullRequestBuild {
  if ((value(env, "TF_BUILD") ?? "").toLowerCase() !== "true") return { kind: "none", reason: "this is not an Azure Pipelines build (TF_BUILD is not True)" };
  const pullRequestId = value(env, "SYSTEM_PULLREQUEST_PULLREQUESTID");
  if (pullRequestId === undefined) return { kind: "none", reason: "this build is not for a pull request (SYSTEM_PULLREQUEST_PULLREQUESTID is not set)" };
  const provider = value(env, "BUILD_REPOSITORY_PROVIDER");
  if (provider !== undefined && provider !== "TfsGit") {
    return {
      kind: "none",
      reason: `the pull request is on ${provider}, and hookops comments on Azure Repos pull requests only (on GitHub, use the hookops Action)`,
    };
  }
  const collectionUrl = value(env, "SYSTEM_COLLECTIONURI");
  const project = value(env, "SYSTEM_TEAMPROJECTID") ?? value(env, "SYSTEM_TEAMPROJECT");
  const repositoryId = value(env, "BUILD_REPOSITORY_ID");
  const id = Number(pullRequestId);
  const missing = [
    ...(collectionUrl === undefined ? ["SYSTEM_COLLECTIONURI"] : []),
    ...(project === undefined ? ["SYSTEM_TEAMPROJECTID"] : []),
    ...(repositoryId === undefined ? ["BUILD_REPOSITORY_ID"] : []),
  ];
  if (missing.length > 0 || collectionUrl === undefined || project === undefined || repositoryId === undefined) {
    return { kind: "none", reason: `the pipeline variables ${missing.join(", ")} are not set` };
  }
  if (!Number.isSafeInteger(id) || id <= 0) return { kind: "none", reason: `SYSTEM_PULLREQUEST_PULLREQUESTID is not a pull request id` };
  const collection = collectionUrl.replace(/\/+$/, "");
  const buildId = value(env, "BUILD_BUILDID");
  return {
    kind: "pullRequest",
    collectionUrl: collection,
    pullRequest: { project, repositoryId, pullRequestId: id },
    fromFork: (value(env, "SYSTEM_PULLREQUEST_ISFORK") ?? "").toLowerCase() === "true",
    token: value(env, "SYSTEM_ACCESSTOKEN"),
    sourcesDirectory: path.resolve(cwd, value(env, "BUILD_SOURCESDIRECTORY") ?? "."),
    runUrl: buildId === undefined ? undefined : `${collection}/${encodeURIComponent(project)}/_build/results?buildId=${encodeURIComponent(buildId)}`,
    tempDirectory: value(env, "AGENT_TEMPDIRECTORY"),
  };
}

/** A path as the build shows it: relative to the sources, with forward slashes. */
export function sourcePath(build: PullRequestBuild, cwd: string, file: string): string {
  const relative = path.relative(build.sourcesDirectory, path.resolve(cwd, file));
  return (relative === "" ? "." : relative).split(path.sep).join("/");
}
