import type { AdoClient } from "../ado/client.js";
import { createPullRequestThread, listPullRequestThreads, updatePullRequestComment, type PullRequestRef, type ThreadComment } from "../ado/pull-requests.js";
import { planMarkerLine } from "../report/markdown-escape.js";

/** Azure Repos refuses pull request comments longer than this. */
export const THREAD_COMMENT_LIMIT = 150_000;

export interface PlanThread {
  threadId: number;
  /** "created" on the first run for a pull request, "updated" afterwards. */
  outcome: "created" | "updated";
}

/**
 * Posts the plan thread, or edits the first comment of every thread carrying the same marker (one
 * thread per hookops.yaml path; two first runs at once may each have posted one, and neither may
 * be left showing an old plan). Looks at every thread, and trusts a marker only at the very start
 * of a thread's first comment, so a reply quoting the plan is never taken for it.
 */
export async function upsertPlanThread(client: AdoClient, ref: PullRequestRef, markerId: string, body: string): Promise<PlanThread> {
  const marker = planMarkerLine(markerId);
  let content = body.startsWith(marker) ? body : `${marker}\n${body}`;
  // The bodies hookops renders for comments stay under 65,536 characters; this only guards the limit.
  if (content.length > THREAD_COMMENT_LIMIT) content = content.slice(0, THREAD_COMMENT_LIMIT);
  const ours = (await listPullRequestThreads(client, ref))
    .flatMap((thread) => {
      // The thread's opening comment is its lowest id, whatever order the service lists them in.
      const first = thread.comments.reduce<ThreadComment | undefined>((low, comment) => (low === undefined || comment.id < low.id ? comment : low), undefined);
      return first?.content.startsWith(marker) ? [{ threadId: thread.id, commentId: first.id }] : [];
    })
    .sort((a, b) => a.threadId - b.threadId);
  // A thread someone else opened with the marker cannot be edited (403): the others still are, and
  // when none can be, the plan gets a thread of its own.
  let updated: number | undefined;
  for (const { threadId, commentId } of ours) {
    const edited = await updatePullRequestComment(client, ref, threadId, commentId, content).then(
      () => true,
      () => false,
    );
    if (edited) updated ??= threadId;
  }
  if (updated !== undefined) return { threadId: updated, outcome: "updated" };
  const created = await createPullRequestThread(client, ref, content);
  return { threadId: created.id, outcome: "created" };
}
