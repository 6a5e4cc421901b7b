import { countBySeverity, hasErrors, type RepositoryLoad } from "../config/index.js";
import type { Finding } from "../config/types.js";
import { inert, inertLines, inertText } from "../util/inert.js";
import { countOf } from "../util/text.js";

/** `hookops validate --json`: stable machine output. */
export interface ValidationReport {
  formatVersion: 1;
  valid: boolean;
  findings: Finding[];
  subscriptions: number;
  files: number;
  /** Declarations with project patterns (`projects: "*"`, globs, excludeProjects): plan expands them, validate cannot. */
  patterned?: number;
}

export function toValidationReport(load: RepositoryLoad): ValidationReport {
  return {
    formatVersion: 1,
    valid: !hasErrors(load.findings),
    findings: load.findings.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message })),
    subscriptions: load.subscriptions.length,
    files: load.files.length,
    ...(load.patterned === undefined || load.patterned.length === 0 ? {} : { patterned: load.patterned.length }),
  };
}

/** Project patterns are matched against the organization's projects, which only plan reads. */
function patternNote(report: ValidationReport): string {
  const count = report.patterned ?? 0;
  return count === 0
    ? ""
    : `; ${countOf(count, "declaration")} with project patterns, expanded by plan (validate cannot: it does not read the organization's projects)`;
}

/** "2 errors, 1 warning" */
export function findingCounts(findings: readonly Finding[]): string {
  const { errors, warnings } = countBySeverity(findings);
  return `${countOf(errors, "error")}, ${countOf(warnings, "warning")}`;
}

/** "2 errors, 1 warning in 5 files (12 subscriptions)" or "Valid: 12 subscriptions in 5 files." */
export function validationSummaryLine(report: ValidationReport): string {
  if (report.findings.length === 0) return `Valid: ${countOf(report.subscriptions, "subscription")} in ${countOf(report.files, "file")}${patternNote(report)}.`;
  return `${findingCounts(report.findings)} in ${countOf(report.files, "file")} (${countOf(report.subscriptions, "subscription")}${patternNote(report)})`;
}

const COLORS = { error: "\u001b[31m", warning: "\u001b[33m", reset: "\u001b[0m" } as const;

/** `file:line:col: error|warning rule-id: message`, every value made inert. */
export function findingLine(finding: Finding, options: { color?: boolean } = {}): string {
  const severity = options.color ? `${COLORS[finding.severity]}${finding.severity}${COLORS.reset}` : finding.severity;
  return `${inert(finding.file)}:${finding.line}:${finding.column}: ${severity} ${inert(finding.rule)}: ${inertText(finding.message)}`;
}

/** One line per finding, then the summary line. */
export function renderFindingsText(report: ValidationReport, options: { color?: boolean } = {}): string {
  return `${[...report.findings.map((finding) => findingLine(finding, options)), validationSummaryLine(report)].join("\n")}\n`;
}

/** Escaping of a workflow command's message (GitHub's toCommandValue rules). */
export function escapeCommandData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escaping of a workflow command property value: the message rules plus ":" and ",". */
export function escapeCommandProperty(value: string): string {
  return escapeCommandData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/**
 * One `::error file=…,line=…,col=…,title=…::message` workflow command (GitHub annotations). The
 * message keeps its line breaks (encoded as %0A, they cannot start a log line); any other control
 * character is made inert.
 */
export function githubAnnotation(finding: Finding): string {
  const properties = [
    `file=${escapeCommandProperty(inert(finding.file))}`,
    `line=${finding.line}`,
    `col=${finding.column}`,
    `title=${escapeCommandProperty(inert(finding.rule))}`,
  ].join(",");
  return `::${finding.severity} ${properties}::${escapeCommandData(inertLines(finding.message).join("\n"))}`;
}

/** GitHub workflow commands, one per finding, then the plain summary line. */
export function renderFindingsGithub(report: ValidationReport): string {
  return `${[...report.findings.map(githubAnnotation), validationSummaryLine(report)].join("\n")}\n`;
}

export function renderFindingsJson(report: ValidationReport & { error?: object }): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
