import * as core from "@actions/core";
import { countBySeverity } from "../config/index.js";
import type { Finding } from "../config/types.js";
import { inert, inertText } from "../util/inert.js";
import { codeSpan, markdownText, plural } from "./markdown.js";

/** GitHub shows at most this many annotations of each kind per step; the rest go to the job summary only. */
export const ANNOTATION_LIMIT = 10;

/**
 * Every finding as a log line, the first ten errors and ten warnings as annotations on their
 * file, line and column. Returns how many were left unannotated.
 */
export function annotateFindings(findings: readonly Finding[]): number {
  let errors = 0;
  let warnings = 0;
  let skipped = 0;
  for (const finding of findings) {
    const message = inertText(finding.message);
    core.info(`${inert(finding.file)}:${finding.line}:${finding.column}: ${finding.severity} ${inert(finding.rule)}: ${message}`);
    const properties = { file: inert(finding.file), startLine: finding.line, startColumn: finding.column, title: `hookops: ${inert(finding.rule)}` };
    if (finding.severity === "error" && errors < ANNOTATION_LIMIT) {
      errors += 1;
      core.error(message, properties);
    } else if (finding.severity === "warning" && warnings < ANNOTATION_LIMIT) {
      warnings += 1;
      core.warning(message, properties);
    } else {
      skipped += 1;
    }
  }
  if (skipped > 0) core.info(`${plural(skipped, "more finding")} not annotated (GitHub shows ${ANNOTATION_LIMIT} of each kind per step); all are in the job summary.`);
  return skipped;
}

/** "2 errors, 1 warning" */
export function findingCounts(findings: readonly Finding[]): string {
  const { errors, warnings } = countBySeverity(findings);
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

function findingRow(finding: Finding): string {
  const icon = finding.severity === "error" ? "❌ error" : "⚠️ warning";
  return `| ${codeSpan(`${finding.file}:${finding.line}:${finding.column}`, { inTable: true })} | ${icon} | ${codeSpan(finding.rule, { inTable: true })} | ${markdownText(finding.message)} |`;
}

/**
 * The findings as a table, keeping only as many rows as fit in `maxLength` characters; the
 * last line then says how many were left out.
 */
export function findingsTable(findings: readonly Finding[], maxLength = Number.POSITIVE_INFINITY): string {
  const header = ["| Where | Severity | Rule | Message |", "|---|---|---|---|"];
  const lines = [...header];
  let length = header.join("\n").length;
  const reserve = 120;
  for (const [index, finding] of findings.entries()) {
    const row = findingRow(finding);
    const last = index === findings.length - 1;
    if (length + 1 + row.length + (last ? 0 : reserve) > maxLength) {
      const rest = findings.length - index;
      return `${lines.join("\n")}\n\n_${plural(rest, "more finding")} not shown here; the job summary lists them all._`;
    }
    lines.push(row);
    length += 1 + row.length;
  }
  return lines.join("\n");
}
