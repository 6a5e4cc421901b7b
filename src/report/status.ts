import { inertText as shown } from "../util/inert.js";
import { countOf } from "../util/text.js";
import { painter, type Painter } from "./color.js";
import type { DeliveryCounts, StatusReport, StatusRow } from "./status-model.js";

export interface StatusTextOptions {
  color: boolean;
}

/** "1 retry", "2 retries": for the nouns whose plural is not just an added s. */
function counted(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2m ago", "5h ago", "3d ago": how long before the report a moment was; "just now" for the future (clock skew). */
export function ago(at: string, now: string): string {
  const seconds = Math.floor((Date.parse(now) - Date.parse(at)) / 1000);
  if (!Number.isFinite(seconds)) return shown(at);
  if (seconds < 60) return seconds < 5 ? "just now" : `${seconds}s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
  if (seconds < 48 * 3600) return `${Math.floor(seconds / 3600)}h ago`;
  return `${Math.floor(seconds / 86_400)}d ago`;
}

/** The state as a cell: the API's status name, with the probation retry count. */
export function stateLabel(row: StatusRow): string {
  if (row.state === "notCreated") return "not created";
  if (row.state === "onProbation" && row.probationRetries !== undefined) {
    return `onProbation (${counted(row.probationRetries, "retry", "retries")})`;
  }
  return row.state;
}

/** "2 of 5 deliveries failed (40%)". */
export function failureText(deliveries: DeliveryCounts): string {
  const completed = deliveries.succeeded + deliveries.failed;
  return `${deliveries.failed} of ${counted(completed, "delivery", "deliveries")} failed (${deliveries.failureRate ?? 0}%)`;
}

export function httpText(status: number | undefined): string {
  return status === undefined ? "no HTTP answer" : `HTTP ${status}`;
}

/** Why a row is unhealthy, and what it means, as sentences (text and markdown share them; values made inert by the caller). */
export function problemLines(row: StatusRow, report: StatusReport): string[] {
  const lines: string[] = [];
  for (const problem of row.problems) {
    if (problem === "notCreated") lines.push("declared but not created: hookops apply creates it");
    if (problem === "unknown") lines.push("its live state is unknown");
    if (problem === "status") lines.push(statusSentence(row));
    if (problem === "failureRate" && row.deliveries !== undefined) {
      lines.push(`${failureText(row.deliveries)} in the last ${report.window.text}, above the ${report.maxFailureRate}% allowed`);
    }
  }
  const failure = row.deliveries?.lastFailure;
  if (failure !== undefined)
    lines.push(`last failure ${failure.at}: ${httpText(failure.httpStatus)}${failure.error === undefined ? "" : `, ${failure.error}`}`);
  const success = row.deliveries?.lastSuccess;
  if (row.problems.length > 0 && row.deliveries !== undefined) {
    lines.push(success === undefined ? `no successful delivery in the last ${report.window.text}` : `last success ${success.at}`);
  }
  return [...lines, ...row.notes];
}

function statusSentence(row: StatusRow): string {
  switch (row.state) {
    case "onProbation": {
      const retries = row.probationRetries === undefined ? "" : `, ${counted(row.probationRetries, "probation retry", "probation retries")}`;
      const last = row.lastProbationRetryDate === undefined ? "" : `, last ${row.lastProbationRetryDate}`;
      return `onProbation: new events are dropped until a retry succeeds${retries}${last}; hookops apply repairs it`;
    }
    case "disabledBySystem":
      return "disabledBySystem: the service turned it off after failed deliveries; hookops apply repairs it";
    case "disabledByInactiveIdentity":
      return "disabledByInactiveIdentity: its owner left or lost access; hookops apply repairs it";
    default:
      return `${row.state}: no events are delivered`;
  }
}

interface Column {
  title: string;
  right?: boolean;
  cell(row: StatusRow): string;
}

function lastFailureCell(row: StatusRow, now: string): string {
  const failure = row.deliveries?.lastFailure;
  return failure === undefined ? "-" : `${ago(failure.at, now)} (${httpText(failure.httpStatus)})`;
}

function columns(report: StatusReport): Column[] {
  const now = report.generatedAt;
  const count = (pick: (deliveries: DeliveryCounts) => number) => (row: StatusRow) => (row.deliveries === undefined ? "-" : String(pick(row.deliveries)));
  return [
    { title: "SUBSCRIPTION", cell: (row) => shown(row.name) },
    { title: "PROJECT", cell: (row) => shown(row.project ?? "-") },
    { title: "STATUS", cell: (row) => shown(stateLabel(row)) },
    { title: "OK", right: true, cell: count((deliveries) => deliveries.succeeded) },
    { title: "FAILED", right: true, cell: count((deliveries) => deliveries.failed) },
    { title: "LAST SUCCESS", cell: (row) => (row.deliveries?.lastSuccess === undefined ? "-" : ago(row.deliveries.lastSuccess.at, now)) },
    { title: "LAST FAILURE", cell: (row) => lastFailureCell(row, now) },
  ];
}

function table(report: StatusReport, paint: Painter): string[] {
  const cols = columns(report);
  const cells = report.subscriptions.map((row) => cols.map((column) => column.cell(row)));
  const widths = cols.map((column, index) => Math.max(column.title.length, ...cells.map((row) => row[index]?.length ?? 0)));
  const line = (values: readonly string[], marker: string) =>
    `${marker} ${values.map((value, index) => (cols[index]?.right ? value.padStart(widths[index] ?? 0) : value.padEnd(widths[index] ?? 0))).join("  ")}`.trimEnd();
  const lines = [
    paint(
      "bold",
      line(
        cols.map((column) => column.title),
        " ",
      ),
    ),
  ];
  report.subscriptions.forEach((row, index) => {
    const text = line(cells[index] ?? [], row.healthy ? " " : "!");
    lines.push(row.healthy ? text : paint(row.state === "notCreated" || row.state === "unknown" ? "yellow" : "red", text));
  });
  return lines;
}

function closingLine(report: StatusReport): string {
  const { total, unhealthy } = report.summary;
  if (total === 0) return "No subscriptions to show.";
  if (unhealthy === 0) return `All ${countOf(total, "subscription")} healthy.`;
  return `${unhealthy} of ${countOf(total, "subscription")} unhealthy.`;
}

/** `hookops status` on a terminal: a table, then what is wrong with each unhealthy subscription and what could not be read. */
export function renderStatusText(report: StatusReport, options: StatusTextOptions): string {
  const paint = painter(options.color);
  const scope = report.all ? "declared and live subscriptions" : "declared subscriptions";
  const sections: string[][] = [[`hookops status for ${shown(report.organization)}: ${scope}, deliveries in the last ${shown(report.window.text)}`]];
  if (report.subscriptions.length > 0) sections.push(table(report, paint));
  const unhealthy = report.subscriptions.filter((row) => !row.healthy);
  if (unhealthy.length > 0) {
    const lines = [paint("bold", "Unhealthy:")];
    for (const row of unhealthy) {
      lines.push(
        `  ${paint("bold", shown(row.name))}${row.project === undefined ? "" : ` (${shown(row.project)})`}${row.id === undefined ? "" : ` ${shown(row.id)}`}`,
      );
      for (const text of problemLines(row, report)) lines.push(`    - ${shown(text)}`);
    }
    sections.push(lines);
  }
  const noted = report.subscriptions.filter((row) => row.healthy && row.notes.length > 0);
  if (noted.length > 0) sections.push(["Notes:", ...noted.flatMap((row) => row.notes.map((note) => `  - ${shown(row.name)}: ${shown(note)}`))]);
  const unreadable = [...report.unread.map((scope) => `the subscriptions of ${scopeName(scope)} (${scope.where}): ${scope.reason}`), ...report.errors];
  if (unreadable.length > 0) {
    sections.push([
      paint("red", "Could not read:"),
      ...unreadable.map((text) => `  - ${shown(text)}`),
      "  Subscriptions there show as unknown; this run exits 1.",
    ]);
  }
  sections.push([closingLine(report)]);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

export function scopeName(scope: StatusReport["unread"][number]): string {
  return scope.project === undefined ? `the ${scope.host} host` : `project ${scope.project} on the ${scope.host} host`;
}

/** `status --json`: the report, 2-space indent. */
export function renderStatusJson(report: StatusReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
