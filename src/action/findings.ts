import * as core from "./core.js";
import type { Finding } from "../config/types.js";
import { findingLine } from "../report/index.js";
import { inert, inertText } from "../util/inert.js";
import { countOf } from "../util/text.js";

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
    core.info(findingLine(finding));
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
  if (skipped > 0)
    core.info(`${countOf(skipped, "more finding")} not annotated (GitHub shows ${ANNOTATION_LIMIT} of each kind per step); all are in the job summary.`);
  return skipped;
}
