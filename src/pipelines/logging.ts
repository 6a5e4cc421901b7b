import type { Finding } from "../config/types.js";
import { inertText } from "../util/inert.js";

/**
 * Azure Pipelines logging commands (`##vso[area.action properties]message`). The agent reads
 * `%`, CR and LF escaped in both parts, and `;` and `]` escaped in property values, where they
 * would end the value or the property list.
 */
function escapeData(value: string): string {
  return value.replace(/%/g, "%AZP25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/;/g, "%3B").replace(/]/g, "%5D");
}

/** One logging command line; the message is made inert first, so a value cannot start another command. */
export function loggingCommand(command: string, properties: Record<string, string | number | undefined>, message: string): string {
  const list = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => `${name}=${escapeProperty(String(value))}`)
    .join(";");
  return `##vso[${command}${list === "" ? "" : ` ${list}`}]${escapeData(inertText(message))}\n`;
}

/** A finding as an error or warning of the build, on its file, line and column (file relative to the sources). */
export function logIssueLine(finding: Finding, file: string): string {
  const type = finding.severity === "error" ? "error" : "warning";
  const properties = { type, sourcepath: file, linenumber: finding.line, columnnumber: finding.column, code: `hookops/${finding.rule}` };
  return loggingCommand("task.logissue", properties, `${finding.message} (${finding.rule})`);
}

/** Attaches a markdown file to the build's summary page. */
export function uploadSummaryLine(file: string): string {
  return `##vso[task.uploadsummary]${escapeData(file)}\n`;
}
