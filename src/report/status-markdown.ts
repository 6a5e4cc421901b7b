import { codeSpan, markdownText } from "./markdown-escape.js";
import { httpText, problemLines, scopeName, stateLabel } from "./status.js";
import type { StatusReport, StatusRow } from "./status-model.js";

function cells(row: StatusRow): string[] {
  const { deliveries } = row;
  const failure = deliveries?.lastFailure;
  return [
    row.healthy ? "ok" : "**unhealthy**",
    codeSpan(row.name, { inTable: true }),
    markdownText(row.project ?? "-"),
    markdownText(stateLabel(row)),
    deliveries === undefined ? "-" : String(deliveries.succeeded),
    deliveries === undefined ? "-" : String(deliveries.failed),
    deliveries?.lastSuccess === undefined ? "-" : markdownText(deliveries.lastSuccess.at),
    failure === undefined ? "-" : markdownText(`${failure.at} (${httpText(failure.httpStatus)})`),
  ];
}

function summaryLine(report: StatusReport): string {
  const { total, unhealthy } = report.summary;
  if (total === 0) return "No subscriptions to show.";
  return unhealthy === 0 ? `All ${total} subscriptions healthy.` : `**${unhealthy} of ${total} subscriptions unhealthy.**`;
}

/** `status --format markdown`: for a job summary or an issue. Every value is escaped for its place. */
export function renderStatusMarkdown(report: StatusReport): string {
  const blocks: string[] = [
    `### hookops status for ${markdownText(report.organization)}`,
    `Deliveries since ${markdownText(report.window.since)} (last ${markdownText(report.window.text)}). ${summaryLine(report)}`,
  ];
  if (report.subscriptions.length > 0) {
    const rows = [
      "| health | subscription | project | status | succeeded | failed | last success | last failure |",
      "|---|---|---|---|--:|--:|---|---|",
      ...report.subscriptions.map((row) => `| ${cells(row).join(" | ")} |`),
    ];
    blocks.push(rows.join("\n"));
  }
  const unhealthy = report.subscriptions.filter((row) => !row.healthy);
  if (unhealthy.length > 0) {
    const items = unhealthy.map((row) => {
      const where = row.project === undefined ? "" : ` (${markdownText(row.project)})`;
      const details = problemLines(row, report).map((line) => `  - ${markdownText(line)}`);
      return [`- ${codeSpan(row.name)}${where}`, ...details].join("\n");
    });
    blocks.push(["#### Unhealthy", ...items].join("\n"));
  }
  const unreadable = [...report.unread.map((scope) => `${scopeName(scope)}: ${scope.reason}`), ...report.errors];
  if (unreadable.length > 0) blocks.push(["#### Could not read", ...unreadable.map((text) => `- ${markdownText(text)}`)].join("\n"));
  return `${blocks.join("\n\n")}\n`;
}
