import type { ApplyReport, ChangeResult } from "../apply/types.js";
import type { ChangeAction } from "../reconcile/types.js";
import { inertText as shown, redactSecretUrls } from "../util/inert.js";
import { painter, type Painter, type Style } from "./color.js";
import { scopeSuffix } from "./format.js";

export interface ApplyTextOptions {
  color: boolean;
}

const DONE: Record<ChangeAction, { symbol: string; verb: string; style: Style }> = {
  create: { symbol: "+", verb: "created", style: "green" },
  update: { symbol: "~", verb: "updated", style: "yellow" },
  repair: { symbol: "~", verb: "repaired", style: "yellow" },
  replace: { symbol: "-/+", verb: "replaced", style: "yellow" },
  delete: { symbol: "-", verb: "deleted", style: "red" },
};

export const FAILED_MARK = "✗";
export const SKIPPED_MARK = "·";

function subject(result: ChangeResult): string {
  return `${shown(result.change.name)}${scopeSuffix(result.change)}`;
}

function ids(result: ChangeResult): string {
  const { change, liveId } = result;
  if (change.action === "replace" || (change.action === "repair" && liveId !== undefined && liveId !== change.liveId)) {
    return `${shown(change.liveId ?? "?")} -> ${shown(liveId ?? "?")}`;
  }
  return shown(liveId ?? change.liveId ?? "");
}

function noteLines(result: ChangeResult, paint: Painter): string[] {
  return result.notes.map((note) => `    ${paint("dim", `note: ${shown(note)}`)}`);
}

/** One terminal line (plus notes) per completed change, e.g. `+ created website-ci-failed (WebSite) 3f2c…`. */
export function applyResultLine(result: ChangeResult, options: ApplyTextOptions): string {
  const paint = painter(options.color);
  let head: string;
  if (result.outcome === "failed") {
    head = `${paint("red", FAILED_MARK)} failed to ${result.change.action} ${paint("bold", subject(result))}: ${shown(result.message ?? "unknown error")}`;
  } else if (result.outcome === "skipped") {
    head = `${paint("dim", SKIPPED_MARK)} skipped ${subject(result)}: ${shown(result.message ?? "not started")}`;
  } else {
    const done = DONE[result.change.action];
    const target = ids(result);
    head = `${paint(done.style, done.symbol)} ${done.verb} ${paint("bold", subject(result))}${target === "" ? "" : ` ${paint("dim", target)}`}`;
  }
  return [head, ...noteLines(result, paint)].join("\n");
}

/** `Apply complete: 3 changed, 1 failed, 0 skipped.` */
export function applyCountsLine(report: ApplyReport): string {
  const lead = report.interrupted ? "Apply interrupted" : "Apply complete";
  return `${lead}: ${report.succeeded} changed, ${report.failed} failed, ${report.skipped} skipped.`;
}

/** The closing summary on a terminal: the counts, then every change that failed or was not made. */
export function applySummaryText(report: ApplyReport, options: ApplyTextOptions): string {
  const paint = painter(options.color);
  const failed = report.failed > 0 || report.interrupted;
  const lines = [paint(failed ? "red" : "green", paint("bold", applyCountsLine(report)))];
  const list = (outcome: ChangeResult["outcome"], title: string, mark: string, style: Style) => {
    const matching = report.results.filter((result) => result.outcome === outcome);
    if (matching.length === 0) return;
    lines.push(title);
    for (const result of matching) {
      lines.push(`  ${paint(style, mark)} ${subject(result)} (${result.change.action}): ${shown(result.message ?? "")}`);
    }
  };
  list("failed", "Failed (not changed, or only partly):", FAILED_MARK, "red");
  list("skipped", "Skipped (not changed):", SKIPPED_MARK, "dim");
  if (report.failed > 0 || report.skipped > 0) lines.push("Run `hookops plan` to see what is left, and apply again to converge.");
  return `${lines.join("\n")}\n`;
}

/** Machine form of one result: the change's identity, the outcome and the ids involved; webhook URLs in messages by host. */
export function resultJson(result: ChangeResult): Record<string, unknown> {
  const { change } = result;
  return {
    action: change.action,
    name: change.name,
    ...(change.project === undefined ? {} : { project: change.project }),
    host: change.host,
    outcome: result.outcome,
    ...(change.liveId === undefined ? {} : { previousId: change.liveId }),
    ...(result.liveId === undefined ? {} : { id: result.liveId }),
    ...(result.message === undefined ? {} : { message: redactSecretUrls(result.message) }),
    notes: result.notes.map(redactSecretUrls),
  };
}

export function applyReportJson(report: ApplyReport): Record<string, unknown> {
  return {
    succeeded: report.succeeded,
    failed: report.failed,
    skipped: report.skipped,
    interrupted: report.interrupted,
    results: report.results.map(resultJson),
  };
}
