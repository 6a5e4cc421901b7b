import { structuredPatch } from "diff";
import { planSummary } from "../reconcile/summary.js";
import type { ProjectExpansion } from "../config/types.js";
import type { ChangeAction, FieldChange, Plan, PlannedChange } from "../reconcile/types.js";
import { inertText } from "../util/inert.js";

export const NO_CHANGES_LINE = "No changes. Live subscriptions match the configuration.";

/** `Plan: 2 to create, 1 to update, 1 to replace, 0 to delete.` — repairs count as updates. */
export const REFUSED_NO_CHANGES_LINE = "No changes can be planned until what the refusals name is resolved.";

export function summaryLine(plan: Plan): string {
  // A refused plan may have withheld its changes (an unread listing): it never claims a match.
  if (plan.changes.length === 0) return plan.refusals.length > 0 ? REFUSED_NO_CHANGES_LINE : NO_CHANGES_LINE;
  const summary = planSummary(plan);
  const updates = summary.update + summary.repair;
  return `Plan: ${summary.create} to create, ${updates} to update, ${summary.replace} to replace, ${summary.delete} to delete.`;
}

export const ACTION_SYMBOL: Record<ChangeAction, string> = { create: "+", update: "~", replace: "-/+", delete: "-", repair: "~" };

export const ACTION_PHRASE: Record<ChangeAction, string> = {
  create: "will be created",
  update: "will be updated in place",
  replace: "must be replaced",
  delete: "will be deleted",
  repair: "will be repaired",
};

/** A value in double quotes, `"` and `\\` escaped as in JSON, made inert. */
export function formatValue(value: string | undefined): string {
  if (value === undefined) return "(unset)";
  return `"${inertText(value.replace(/[\\"]/g, (character) => `\\${character}`))}"`;
}

/** Text shown instead of a sensitive field's value. */
export function sensitiveText(change: PlannedChange, field: FieldChange): string {
  if (change.action === "create") return "(sensitive value)";
  return field.resent ? "(sensitive value, re-sent)" : "(sensitive value changed)";
}

/** Header lists and any value spanning lines are shown as a diff of lines. */
export function isMultiline(field: FieldChange): boolean {
  return field.field.endsWith("httpHeaders") || (field.before ?? "").includes("\n") || (field.after ?? "").includes("\n");
}

/** The lines of a multi-line value, each made inert on its own: the diff stays a diff of lines. */
export function valueLines(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map(inertText);
}

function asFile(lines: string[]): string {
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** Unified diff hunks (`@@` headers and ` `/`-`/`+` lines) between two multi-line values. */
export function multilineHunks(before: string | undefined, after: string | undefined): string[] {
  const patch = structuredPatch("live", "desired", asFile(valueLines(before)), asFile(valueLines(after)), undefined, undefined, { context: 3 });
  return patch.hunks.flatMap((hunk) => [
    `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`,
    ...hunk.lines.filter((line) => !line.startsWith("\\")),
  ]);
}

export function projectSuffix(project: string | undefined): string {
  return project === undefined ? "" : ` (${inertText(project)})`;
}

/** ` (WebSite)`, ` (organization-wide)` for a subscription without a project, or nothing. */
export function scopeSuffix(item: { project?: string; organizationWide?: true }): string {
  return item.organizationWide === true ? " (organization-wide)" : projectSuffix(item.project);
}

/** `deploy-alerts: projects "*" except "Sandbox" → WebSite, Mobile (2)`, not yet made inert. */
export function expansionText(expansion: ProjectExpansion): string {
  const quoted = (items: readonly string[]) => items.map((item) => JSON.stringify(item)).join(", ");
  const except = expansion.exclude.length === 0 ? "" : ` except ${quoted(expansion.exclude)}`;
  const projects = expansion.projects.length === 0 ? "no project" : expansion.projects.join(", ");
  return `${expansion.name}: projects ${quoted(expansion.include)}${except} → ${projects} (${expansion.projects.length})`;
}
