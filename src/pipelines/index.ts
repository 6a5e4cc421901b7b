import path from "node:path";
import { readPullRequestBuild } from "./context.js";
import { markPending, publishToPullRequest, type PlanOutcome } from "./publish.js";

export type { PlanOutcome } from "./publish.js";

export interface PullRequestPublisherOptions {
  env: Record<string, string | undefined>;
  cwd: string;
  /** The plan's folder and --config, as given: they name the hookops.yaml the thread is about. */
  dir: string;
  config: string | undefined;
  /** Logging commands and progress lines (stdout, or stderr when stdout holds JSON). */
  log(text: string): void;
  /** Notes for the person reading the log. */
  note(text: string): void;
}

export interface PullRequestPublisher {
  /** Before planning: the pull request status goes to pending. */
  start(): Promise<void>;
  publish(outcome: PlanOutcome): Promise<void>;
}

/**
 * `plan --comment`: in an Azure Pipelines build of an Azure Repos pull request, a publisher of the
 * plan thread, status, summary and build issues; anywhere else undefined, after a note saying why
 * nothing will be posted (the same pipeline step runs for pushes to main and on laptops).
 */
export function pullRequestPublisher(options: PullRequestPublisherOptions): PullRequestPublisher | undefined {
  const build = readPullRequestBuild(options.env, options.cwd);
  if (build.kind === "none") {
    options.note(`hookops: --comment: ${build.reason}; nothing is posted.\n`);
    return undefined;
  }
  const configPath = path.resolve(options.cwd, options.config ?? path.join(options.dir, "hookops.yaml"));
  return {
    start: () => markPending(build, { log: options.log }),
    publish: (outcome) => publishToPullRequest(build, outcome, { cwd: options.cwd, configPath, log: options.log }),
  };
}
