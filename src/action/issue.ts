import type { createOctokit } from "./comment.js";

type Octokit = ReturnType<typeof createOctokit>;

/** The hidden first line that finds the issue again: one issue per configuration path. */
export function issueMarkerLine(markerId: string): string {
  return `<!-- hookops-attention: ${markerId.replace(/-->/g, "")} -->`;
}

export interface AttentionReport {
  /** Drift, unhealthy subscriptions or failing deliveries: the issue is opened or kept up to date. */
  needsAttention: boolean;
  title: string;
  /** Markdown; the marker line is added in front. */
  body: string;
  /** Said in the closing comment when all is well again. */
  resolvedNote: string;
}

export interface IssueOutcome {
  action: "opened" | "updated" | "closed" | "none";
  number?: number;
}

/**
 * Keeps one open issue while something needs attention: opens it, edits it on later runs, and
 * closes it with a comment once all is well. Only an open issue whose body starts with the marker
 * is taken for it, so a quoting reply or an unrelated issue is never edited. Two runs at once may
 * each have opened one: every such issue is kept current, and all are closed together.
 */
export async function syncAttentionIssue(
  octokit: Octokit,
  repository: { owner: string; repo: string },
  markerId: string,
  report: AttentionReport,
): Promise<IssueOutcome> {
  const marker = issueMarkerLine(markerId);
  const body = `${marker}\n${report.body}`;
  const existing: number[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, { ...repository, state: "open", per_page: 100 });
  for await (const page of pages) {
    for (const issue of page.data) if (issue.pull_request === undefined && (issue.body ?? "").startsWith(marker)) existing.push(issue.number);
  }
  existing.sort((a, b) => a - b);
  const [oldest] = existing;
  if (report.needsAttention) {
    for (const number of existing) await octokit.rest.issues.update({ ...repository, issue_number: number, title: report.title, body });
    if (oldest !== undefined) return { action: "updated", number: oldest };
    const created = await octokit.rest.issues.create({ ...repository, title: report.title, body });
    return { action: "opened", number: created.data.number };
  }
  for (const number of existing) {
    await octokit.rest.issues.createComment({ ...repository, issue_number: number, body: report.resolvedNote });
    await octokit.rest.issues.update({ ...repository, issue_number: number, state: "closed", state_reason: "completed" });
  }
  return oldest === undefined ? { action: "none" } : { action: "closed", number: oldest };
}
