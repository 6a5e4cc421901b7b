import type { SubscriptionHost } from "../ado/types.js";
import { inertText as shown } from "../util/inert.js";
import { painter, type Painter } from "./color.js";

/** succeeded/failed: the service delivered and the consumer answered so; timedOut: not completed in time; error: the service refused the test. */
export type TestOutcome = "succeeded" | "failed" | "timedOut" | "error";

/** One test delivery. Texts are already free of secrets (masked, webhook URLs cut to their host). */
export interface TestDeliveryResult {
  name: string;
  project: string;
  host: SubscriptionHost;
  outcome: TestOutcome;
  notificationId?: number;
  /** The notification's last status (queued, processing, requestInProgress, completed). */
  notificationStatus?: string;
  httpStatus?: number;
  durationMs?: number;
  error?: string;
  /** The start of the consumer's answer, on one line. */
  response?: string;
}

/** What `hookops test` did; `test --json` prints it as is (formatVersion 1). */
export interface TestDeliveryReport {
  formatVersion: 1;
  organization: string;
  timeoutSeconds: number;
  results: TestDeliveryResult[];
  summary: Record<TestOutcome, number>;
}

const OUTCOME_TEXT: Record<TestOutcome, string> = {
  succeeded: "succeeded",
  failed: "failed",
  timedOut: "timed out",
  error: "could not be sent",
};

function paintOutcome(outcome: TestOutcome, paint: Painter): string {
  return paint(outcome === "succeeded" ? "green" : "red", OUTCOME_TEXT[outcome]);
}

function httpCell(result: TestDeliveryResult): string {
  return result.httpStatus === undefined ? "-" : String(result.httpStatus);
}

function durationText(result: TestDeliveryResult): string {
  return result.durationMs === undefined ? "-" : `${result.durationMs} ms`;
}

function headline(result: TestDeliveryResult, report: TestDeliveryReport, paint: Painter): string {
  const who = `${paint("bold", shown(result.name))} (${shown(result.project)})`;
  const notification = result.notificationId === undefined ? "" : ` (notification ${result.notificationId})`;
  if (result.outcome === "timedOut") {
    const last = result.notificationStatus === undefined ? "" : `, still ${shown(result.notificationStatus)}`;
    return `${who}: test delivery ${paintOutcome(result.outcome, paint)} after ${report.timeoutSeconds} s${last}${notification}`;
  }
  if (result.outcome === "error") return `${who}: test delivery ${paintOutcome(result.outcome, paint)}`;
  const http = result.httpStatus === undefined ? "no HTTP answer" : `HTTP ${result.httpStatus}`;
  const duration = result.durationMs === undefined ? "" : ` in ${result.durationMs} ms`;
  return `${who}: test delivery ${paintOutcome(result.outcome, paint)}, ${http}${duration}${notification}`;
}

function detailLines(result: TestDeliveryResult): string[] {
  const lines: string[] = [];
  if (result.error !== undefined) lines.push(`  error: ${shown(result.error)}`);
  if (result.response !== undefined) lines.push(`  response: ${shown(result.response)}`);
  return lines;
}

function summaryText(report: TestDeliveryReport): string {
  const { summary } = report;
  const total = report.results.length;
  const parts = [`${summary.succeeded} succeeded`, `${summary.failed} failed`, `${summary.timedOut} timed out`];
  if (summary.error > 0) parts.push(`${summary.error} could not be sent`);
  return `Test deliveries (${total}): ${parts.join(", ")}.`;
}

function table(report: TestDeliveryReport, paint: Painter): string[] {
  const titles = ["SUBSCRIPTION", "PROJECT", "RESULT", "HTTP", "DURATION"];
  const rows = report.results.map((result) => [
    shown(result.name),
    shown(result.project),
    OUTCOME_TEXT[result.outcome],
    httpCell(result),
    durationText(result),
  ]);
  const widths = titles.map((title, index) => Math.max(title.length, ...rows.map((row) => row[index]?.length ?? 0)));
  const line = (values: readonly string[]) =>
    values
      .map((value, index) => value.padEnd(widths[index] ?? 0))
      .join("  ")
      .trimEnd();
  return [
    paint("bold", line(titles)),
    ...rows.map((row, index) => {
      const text = line(row);
      return report.results[index]?.outcome === "succeeded" ? text : paint("red", text);
    }),
  ];
}

/** `hookops test` on a terminal: one block for one subscription; a table, then the failures' details, for several. */
export function renderTestDeliveryText(report: TestDeliveryReport, options: { color: boolean }): string {
  const paint = painter(options.color);
  const [only] = report.results;
  if (report.results.length === 1 && only !== undefined) return `${[headline(only, report, paint), ...detailLines(only)].join("\n")}\n`;
  const sections = [table(report, paint)];
  const failed = report.results.filter((result) => result.outcome !== "succeeded");
  if (failed.length > 0) sections.push(failed.flatMap((result) => [headline(result, report, paint), ...detailLines(result)]));
  sections.push([summaryText(report)]);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}

/** `test --json`: the report, 2-space indent. */
export function renderTestDeliveryJson(report: TestDeliveryReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
