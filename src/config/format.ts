import { countBySeverity, hasErrors } from "./findings.js";
import type { RepositoryLoad } from "./index.js";
import type { Finding } from "./types.js";
import { inert, inertLines, inertText } from "../util/inert.js";

/** `hookops validate --json`: stable machine output. */
export interface ValidationReport {
  formatVersion: 1;
  valid: boolean;
  findings: Finding[];
  subscriptions: number;
  files: number;
}

export function toValidationReport(load: RepositoryLoad): ValidationReport {
  return {
    formatVersion: 1,
    valid: !hasErrors(load.findings),
    findings: load.findings.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message })),
    subscriptions: load.subscriptions.length,
    files: load.files.length,
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** "2 errors, 1 warning in 5 files (12 subscriptions)" or "Valid: 12 subscriptions in 5 files." */
export function summaryLine(report: ValidationReport): string {
  if (report.findings.length === 0) return `Valid: ${plural(report.subscriptions, "subscription")} in ${plural(report.files, "file")}.`;
  const { errors, warnings } = countBySeverity(report.findings);
  return `${plural(errors, "error")}, ${plural(warnings, "warning")} in ${plural(report.files, "file")} (${plural(report.subscriptions, "subscription")})`;
}

export interface TextOptions {
  color?: boolean;
}

const COLORS = { error: "\u001b[31m", warning: "\u001b[33m", reset: "\u001b[0m" } as const;

/** `file:line:col: error|warning rule-id: message` per finding, then the summary line. */
export function formatText(report: ValidationReport, options: TextOptions = {}): string {
  const lines = report.findings.map((finding) => {
    const severity = options.color ? `${COLORS[finding.severity]}${finding.severity}${COLORS.reset}` : finding.severity;
    return `${inert(finding.file)}:${finding.line}:${finding.column}: ${severity} ${inert(finding.rule)}: ${inertText(finding.message)}`;
  });
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
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
export function formatGithub(report: ValidationReport): string {
  return `${[...report.findings.map(githubAnnotation), summaryLine(report)].join("\n")}\n`;
}

export function formatJson(report: ValidationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
