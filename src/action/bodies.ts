import type { Finding } from "../config/types.js";
import type { Plan } from "../reconcile/index.js";
import { renderMarkdown } from "../report/index.js";
import { COMMENT_LIMIT, markerLine } from "./comment.js";
import { findingCounts, findingsTable } from "./findings.js";
import { countBySeverity } from "../config/index.js";
import { codeSpan, fenced, markdownText, plural, runLink } from "./markdown.js";

/** Where a body goes: the pull request comment (65,536 characters, marker) or the job summary. */
export interface BodyTarget {
  /** The configuration path this body is about (comment marker and headings). */
  markerId: string;
  runUrl?: string;
  /** True for the pull request comment: add the marker and keep under GitHub's limit. */
  comment: boolean;
}

/** The job summary may hold 1 MiB per step; stay well inside it. */
const SUMMARY_LIMIT = 900_000;

function limitOf(target: BodyTarget): number {
  return target.comment ? COMMENT_LIMIT : SUMMARY_LIMIT;
}

function join(blocks: string[]): string {
  return `${blocks.join("\n\n")}\n`;
}

/** The plan: summary line, deletion banner, one collapsible block per change, tables, run link. */
export function planBody(plan: Plan, findings: readonly Finding[], target: BodyTarget): string {
  const { warnings } = countBySeverity(findings);
  const where = target.runUrl === undefined ? "the job summary" : `the [job summary](${target.runUrl})`;
  const note = warnings === 0 ? "" : `\n> ${plural(warnings, "validation warning")} (see the annotations and ${where}).\n`;
  if (!target.comment) {
    const table = warnings === 0 ? [] : ["#### Validation warnings", findingsTable(findings)];
    const markdown = renderMarkdown(plan, { maxLength: SUMMARY_LIMIT });
    return join([markdown.trimEnd(), ...table]);
  }
  const markdown = renderMarkdown(plan, { runUrl: target.runUrl, marker: target.markerId, maxLength: COMMENT_LIMIT - note.length });
  return `${markdown}${note}`;
}

/** Validation failed: no plan was made; the findings instead. */
export function invalidBody(findings: readonly Finding[], target: BodyTarget): string {
  const head = [
    ...(target.comment ? [markerLine(target.markerId)] : []),
    `### hookops: validation failed for ${codeSpan(target.markerId)}`,
    `**${findingCounts(findings)}.** No plan was made; fix the configuration and push again.`,
  ];
  const footer = runLink(target.runUrl);
  const fixed = join([...head, ...footer]).length + 4;
  return join([...head, findingsTable(findings, limitOf(target) - fixed), ...footer]);
}

/** Valid configuration, but no credential to read live state (pull requests from forks). */
export function needsCredentialsBody(findings: readonly Finding[], subscriptions: number, reason: string, fromFork: boolean, target: BodyTarget): string {
  const { warnings } = countBySeverity(findings);
  const why = fromFork
    ? "This pull request comes from a fork, and GitHub gives workflows for fork pull requests no secrets and no OIDC token, so hookops cannot read the live subscriptions."
    : markdownText(reason);
  const blocks = [
    ...(target.comment ? [markerLine(target.markerId)] : []),
    `### hookops: validation passed for ${codeSpan(target.markerId)}`,
    `**${plural(subscriptions, "subscription")} valid${warnings === 0 ? "" : `, ${plural(warnings, "warning")}`}.** The plan needs Azure DevOps credentials and was not made.`,
    `> [!NOTE]\n> ${why} The plan runs once the change is on a branch of this repository (or after merge).`,
  ];
  const footer = runLink(target.runUrl);
  if (warnings > 0) {
    const fixed = join([...blocks, ...footer]).length + 4;
    blocks.push(findingsTable(findings.filter((finding) => finding.severity === "warning"), limitOf(target) - fixed));
  }
  return join([...blocks, ...footer]);
}

/** The plan could not be made (API failure, refused credential, ...): say so rather than leave an old plan standing. */
export function failedBody(message: string, target: BodyTarget): string {
  const shown = message.length > 4000 ? `${message.slice(0, 4000)}…` : message;
  return join([
    ...(target.comment ? [markerLine(target.markerId)] : []),
    `### hookops: the plan for ${codeSpan(target.markerId)} failed`,
    fenced(shown, "text"),
    ...runLink(target.runUrl),
  ]);
}
