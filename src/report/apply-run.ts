import type { ApplyReport } from "../apply/index.js";
import type { Plan } from "../reconcile/index.js";
import { applyReportJson } from "./apply.js";
import { renderJson } from "./json.js";

/** How an apply ended, as `apply --json` prints it (the engine's ApplyRun has this shape). */
export type ApplyOutcome =
  | { kind: "invalid" }
  | { kind: "refused"; plan: Plan; cause: string; reasons: string[] }
  | { kind: "declined"; plan: Plan }
  | { kind: "applied"; plan: Plan; report: ApplyReport };

/** `apply --json`: the outcome, why it was refused or what was applied, and the plan (formatVersion 1). */
export function applyOutcomeJson(run: ApplyOutcome): Record<string, unknown> {
  const base: Record<string, unknown> = { formatVersion: 1, outcome: run.kind };
  if (run.kind === "invalid") return base;
  const plan: unknown = JSON.parse(renderJson(run.plan));
  if (run.kind === "refused") return { ...base, cause: run.cause, reasons: run.reasons, plan };
  if (run.kind === "declined") return { ...base, plan };
  return { ...base, ...applyReportJson(run.report), plan };
}

/** A subscription listing as the client records it (ado's ListingRecord has this shape). */
export interface ListingLineInput {
  host: string;
  projectId?: string;
  projectName?: string;
  /** Undefined when the listing failed. */
  count?: number;
  ms: number;
}

/** One --verbose line per subscription listing: where, how many, how long. */
export function listingLine(record: ListingLineInput): string {
  const where =
    record.projectId === undefined
      ? `the ${record.host} host (organization-wide)`
      : `project ${record.projectName ?? record.projectId} on the ${record.host} host`;
  if (record.count === undefined) return `listing ${where} failed after ${record.ms} ms`;
  return `listed ${where}: ${record.count} ${record.count === 1 ? "subscription" : "subscriptions"} in ${record.ms} ms`;
}
