import * as github from "@actions/github";
import { planMarkerLine } from "../report/markdown-escape.js";
import type { PullRequestContext } from "./github-context.js";

type Octokit = ReturnType<typeof github.getOctokit>;

/**
 * The hidden first line that finds the comment again: one comment per configuration path, so
 * two hooks repos planned in one workflow keep separate comments. Written exactly as
 * renderMarkdown writes its `marker` option.
 */
export function markerLine(markerId: string): string {
  return planMarkerLine(markerId);
}

export interface StickyComment {
  id: number;
  /** "created" on the first run for a pull request, "updated" afterwards. */
  outcome: "created" | "updated";
}

/**
 * Creates the pull request comment, or edits the one carrying the same marker. Walks every page
 * of comments (busy pull requests have hundreds) and only trusts a marker at the very start of a
 * body, so a reply quoting the comment is never taken for it.
 */
export async function upsertComment(octokit: Octokit, pullRequest: PullRequestContext, markerId: string, body: string): Promise<StickyComment> {
  const marker = markerLine(markerId);
  if (!body.startsWith(marker)) body = `${marker}\n${body}`;
  const where = { owner: pullRequest.owner, repo: pullRequest.repo };
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, { ...where, issue_number: pullRequest.number, per_page: 100 });
  for await (const page of pages) {
    const existing = page.data.find((comment) => (comment.body ?? "").startsWith(marker));
    if (existing !== undefined) {
      await octokit.rest.issues.updateComment({ ...where, comment_id: existing.id, body });
      return { id: existing.id, outcome: "updated" };
    }
  }
  const created = await octokit.rest.issues.createComment({ ...where, issue_number: pullRequest.number, body });
  return { id: created.data.id, outcome: "created" };
}

export function createOctokit(token: string, baseUrl: string): Octokit {
  return github.getOctokit(token, { baseUrl });
}
