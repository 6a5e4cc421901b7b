import type { LiveSubscription } from "../ado/index.js";
import { staleReasons, type Plan, type PlannedChange } from "../reconcile/index.js";
import { canonicalJson, type PlanShapingOptions } from "./saved-plan.js";

function sameOrganization(a: string, b: string): boolean {
  const normal = (value: string) => value.trim().replace(/\/+$/, "").toLowerCase();
  return normal(a) === normal(b);
}

function handleOf(change: PlannedChange): string {
  return canonicalJson([change.action, change.name, change.liveId ?? ""]);
}

function describe(change: PlannedChange): string {
  return `${change.action} "${change.name}"${change.liveId === undefined ? "" : ` (${change.liveId})`}`;
}

/** The top-level parts of two versions of a change that differ, with body and field paths spelled out. */
function differingParts(saved: PlannedChange, fresh: PlannedChange): string[] {
  const parts: string[] = [];
  const keys = new Set([...Object.keys(saved), ...Object.keys(fresh)]);
  for (const key of [...keys].sort()) {
    const a = (saved as unknown as Record<string, unknown>)[key];
    const b = (fresh as unknown as Record<string, unknown>)[key];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    if (key === "body" && typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
      parts.push(...differingPaths("body", a as Record<string, unknown>, b as Record<string, unknown>));
    } else {
      parts.push(key);
    }
  }
  return parts;
}

function differingPaths(prefix: string, a: Record<string, unknown>, b: Record<string, unknown>): string[] {
  const paths: string[] = [];
  for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    const left = a[key];
    const right = b[key];
    if (canonicalJson(left) === canonicalJson(right)) continue;
    const bothObjects =
      typeof left === "object" && left !== null && !Array.isArray(left) && typeof right === "object" && right !== null && !Array.isArray(right);
    if (bothObjects) paths.push(...differingPaths(`${prefix}.${key}`, left as Record<string, unknown>, right as Record<string, unknown>));
    else paths.push(`${prefix}.${key}`);
  }
  return paths;
}

function optionsText(options: PlanShapingOptions): string {
  const flags = [
    options.allowDeletes === undefined ? "" : `--allow-deletes ${options.allowDeletes}`,
    options.replaceSecrets === true ? "--replace-secrets" : "",
  ];
  const given = flags.filter((flag) => flag !== "").join(" ");
  return given === "" ? "no plan-shaping flags" : given;
}

export interface SavedPlanCheck {
  /** The plan re-planning gives now, from the configuration and live state. */
  fresh: Plan;
  live: readonly LiveSubscription[];
  /** The flags this apply was given, and those the saved plan says it was made with. */
  options: PlanShapingOptions;
  savedOptions: PlanShapingOptions;
}

/**
 * Why a saved plan may not be applied: it was made for another organization or with other flags,
 * a live subscription it decided about changed or vanished, or re-planning now gives other changes
 * (a hand-edited file, a changed configuration). Empty when it holds; then apply carries out the
 * fresh plan, which is the same, so nothing in the file is ever obeyed.
 */
export function savedPlanProblems(saved: Plan, check: SavedPlanCheck): string[] {
  const { fresh } = check;
  if (!sameOrganization(saved.organization, fresh.organization)) {
    return [`the plan was made for ${saved.organization}, but apply is connected to ${fresh.organization}`];
  }
  const problems: string[] = [];
  if (canonicalJson(check.options) !== canonicalJson(check.savedOptions)) {
    problems.push(`the plan was made with ${optionsText(check.savedOptions)}, but apply was given ${optionsText(check.options)}; pass the same flags`);
  }
  problems.push(...staleReasons(saved, check.live));

  const freshByHandle = new Map(fresh.changes.map((change) => [handleOf(change), change]));
  const savedHandles = new Set<string>();
  for (const change of saved.changes) {
    const handle = handleOf(change);
    savedHandles.add(handle);
    const now = freshByHandle.get(handle);
    if (now === undefined) problems.push(`the saved plan would ${describe(change)}, which re-planning does not`);
    else {
      const parts = differingParts(change, now);
      if (parts.length > 0) problems.push(`${describe(change)} differs from re-planning in ${parts.join(", ")}`);
    }
  }
  for (const change of fresh.changes) {
    if (!savedHandles.has(handleOf(change))) problems.push(`re-planning would also ${describe(change)}, which the saved plan does not`);
  }
  return problems;
}
