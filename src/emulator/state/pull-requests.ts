import type { IdentityRef } from "../../ado/types.js";
import type { EmulatorRuntime } from "../runtime.js";

/** Every seeded repository has open pull requests with these ids, so a pipeline test can name one. */
export const OPEN_PULL_REQUEST_IDS = { first: 1, last: 1000 } as const;

/** Azure Repos refuses a pull request comment longer than this. */
export const COMMENT_MAX_LENGTH = 150_000;

export interface StoredComment {
  id: number;
  parentCommentId: number;
  author: IdentityRef;
  content: string;
  publishedDate: string;
  lastUpdatedDate: string;
  commentType: "text" | "system" | "codeChange";
}

export interface StoredThread {
  id: number;
  publishedDate: string;
  lastUpdatedDate: string;
  status: string;
  comments: StoredComment[];
}

export interface StoredStatus {
  id: number;
  state: string;
  description: string;
  context: { name: string; genre?: string };
  targetUrl?: string;
  creationDate: string;
  updatedDate: string;
  createdBy: IdentityRef;
}

interface PullRequestRecord {
  threads: StoredThread[];
  statuses: StoredStatus[];
}

/** Threads and statuses of the pull requests one emulator has seen written to; kept in memory only (not in --state). */
export class PullRequestStore {
  private readonly records = new Map<string, PullRequestRecord>();
  /** Thread ids are unique in the organization, as the service's are. */
  private nextThreadId = 1;

  record(repositoryId: string, pullRequestId: number): PullRequestRecord {
    const key = `${repositoryId.toLowerCase()}/${pullRequestId}`;
    let record = this.records.get(key);
    if (record === undefined) {
      record = { threads: [], statuses: [] };
      this.records.set(key, record);
    }
    return record;
  }

  newThreadId(): number {
    return this.nextThreadId++;
  }
}

// Kept beside the runtime rather than in it: it lives and dies with that emulator, never across runs.
const stores = new WeakMap<EmulatorRuntime, PullRequestStore>();

export function pullRequestStore(runtime: EmulatorRuntime): PullRequestStore {
  let store = stores.get(runtime);
  if (store === undefined) {
    store = new PullRequestStore();
    stores.set(runtime, store);
  }
  return store;
}

export function isOpenPullRequest(pullRequestId: number): boolean {
  return Number.isSafeInteger(pullRequestId) && pullRequestId >= OPEN_PULL_REQUEST_IDS.first && pullRequestId <= OPEN_PULL_REQUEST_IDS.last;
}
