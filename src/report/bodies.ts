import { countBySeverity } from "../config/index.js";
import type { Finding } from "../config/types.js";
import type { Plan } from "../reconcile/types.js";
import { countOf } from "../util/text.js";
import { findingCounts } from "./findings.js";
import { findingsTable } from "./findings-markdown.js";
import { codeSpan, fencedText, markdownText, planMarkerLine } from "./markdown-escape.js";
import { renderMarkdown, runLink } from "./markdown.js";

/** GitHub rejects issue comments longer than this. */
export const COMMENT_LIMIT = 65_536;

/** The job summary may hold 1 MiB per step; stay well inside it. */
const SUMMARY_LIMIT = 900_000;

/** Where a body goes: the pull request comment (65,536 characters, marker) or the job summary. */
export interface BodyTarget {
  /** The configuration path this body is about (comment marker and headings). */
  markerId: string;
  runUrl?: string;
  /** True for the pull request comment: add the marker and keep under GitHub's limit. */
  comment: boolean;
}

function limitOf(target: BodyTarget): number {
  return target.comment ? COMMENT_LIMIT : SUMMARY_LIMIT;
}

function joinBlocks(blocks: string[]): string {
  return `${blocks.join("\n\n")}\n`;
}

/** The plan: summary line, deletion banner, one collapsible block per change, tables, run link. */
export function planBody(plan: Plan, findings: readonly Finding[], target: BodyTarget): string {
  const { warnings } = countBySeverity(findings);
  const where = target.runUrl === undefined ? "the job summary" : `the [job summary](${target.runUrl})`;
  const note = warnings === 0 ? "" : `\n> ${countOf(warnings, "validation warning")} (see the annotations and ${where}).\n`;
  if (!target.comment) {
    const table = warnings === 0 ? [] : ["#### Validation warnings", findingsTable(findings)];
    const markdown = renderMarkdown(plan, { maxLength: SUMMARY_LIMIT });
    return joinBlocks([markdown.trimEnd(), ...table]);
  }
  const markdown = renderMarkdown(plan, { runUrl: target.runUrl, marker: target.markerId, maxLength: COMMENT_LIMIT - note.length });
  return `${markdown}${note}`;
}

/** Validation failed: no plan was made; the findings instead. */
export function invalidBody(findings: readonly Finding[], target: BodyTarget): string {
  const head = [
    ...(target.comment ? [planMarkerLine(target.markerId)] : []),
    `### hookops: validation failed for ${codeSpan(target.markerId)}`,
    `**${findingCounts(findings)}.** No plan was made; fix the configuration and push again.`,
  ];
  const footer = runLink(target.runUrl);
  const fixed = joinBlocks([...head, ...footer]).length + 4;
  return joinBlocks([...head, findingsTable(findings, limitOf(target) - fixed), ...footer]);
}

/** Valid configuration, but no credential to read live state (pull requests from forks). */
export function needsCredentialsBody(findings: readonly Finding[], subscriptions: number, reason: string, fromFork: boolean, target: BodyTarget): string {
  const { warnings } = countBySeverity(findings);
  const why = fromFork
    ? "This pull request comes from a fork, and GitHub gives workflows for fork pull requests no secrets and no OIDC token, so hookops cannot read the live subscriptions."
    : markdownText(reason);
  const blocks = [
    ...(target.comment ? [planMarkerLine(target.markerId)] : []),
    `### hookops: validation passed for ${codeSpan(target.markerId)}`,
    `**${countOf(subscriptions, "subscription")} valid${warnings === 0 ? "" : `, ${countOf(warnings, "warning")}`}.** The plan needs Azure DevOps credentials and was not made.`,
    `> [!NOTE]\n> ${why} The plan runs once the change is on a branch of this repository (or after merge).`,
  ];
  const footer = runLink(target.runUrl);
  if (warnings > 0) {
    const fixed = joinBlocks([...blocks, ...footer]).length + 4;
    blocks.push(
      findingsTable(
        findings.filter((finding) => finding.severity === "warning"),
        limitOf(target) - fixed,
      ),
    );
  }
  return joinBlocks([...blocks, ...footer]);
}

/** The plan could not be made (API failure, refused credential, ...): say so rather than leave an old plan standing. */
export function failedBody(message: string, target: BodyTarget): string {
  const shown = message.length > 4000 ? `${message.slice(0, 4000)}…` : message;
  return joinBlocks([
    ...(target.comment ? [planMarkerLine(target.markerId)] : []),
    `### hookops: the plan for ${codeSpan(target.markerId)} failed`,
    fencedText(shown, "text"),
    ...runLink(target.runUrl),
  ]);
}
