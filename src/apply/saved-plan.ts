import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { HookopsError } from "../errors.js";
import type { ChangeAction, Plan } from "../reconcile/index.js";
import { renderJson } from "../report/index.js";

/**
 * A plan written by `plan --out`: the Plan itself plus where its configuration lives. The path
 * is relative to the plan file's own folder, so a repo and its plan can move together.
 * It never holds a secret: planned bodies leave secret inputs out.
 */
export interface SavedPlan extends Plan {
  source: { config: string };
}

export class InvalidSavedPlanError extends HookopsError {}

const ACTIONS: ReadonlySet<string> = new Set<ChangeAction>(["create", "update", "replace", "delete", "repair"]);

function toPosix(relative: string): string {
  return relative.split(path.sep).join("/");
}

export function toSavedPlan(plan: Plan, configPath: string, planFile: string): SavedPlan {
  const relative = path.relative(path.dirname(path.resolve(planFile)), path.resolve(configPath));
  return { ...plan, source: { config: toPosix(relative) } };
}

export async function writeSavedPlan(planFile: string, plan: Plan, configPath: string): Promise<void> {
  await writeFile(planFile, renderJson(toSavedPlan(plan, configPath, planFile)), { encoding: "utf8", mode: 0o600 });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks the shape apply relies on; the rest of the plan is data it carries along. */
function checkShape(value: unknown): string | undefined {
  if (!isRecord(value)) return "it is not a JSON object";
  if (value.formatVersion !== 1) return `formatVersion is ${JSON.stringify(value.formatVersion)}, this hookops reads formatVersion 1`;
  if (typeof value.organization !== "string") return "it names no organization";
  for (const list of ["changes", "fingerprint", "refusals"] as const) {
    if (!Array.isArray(value[list])) return `"${list}" is not a list`;
  }
  const changes = value.changes as unknown[];
  for (const [index, change] of changes.entries()) {
    if (!isRecord(change) || typeof change.action !== "string" || !ACTIONS.has(change.action) || typeof change.name !== "string") {
      return `change ${index + 1} is not a planned change`;
    }
    if (change.host !== "default" && change.host !== "release") return `change ${index + 1} names no host`;
  }
  for (const entry of value.fingerprint as unknown[]) {
    if (!isRecord(entry) || typeof entry.id !== "string") return "the fingerprint is malformed";
  }
  return undefined;
}

export interface LoadedPlan {
  plan: Plan;
  /** Absolute path of the hookops.yaml the plan was made from, when the plan records it. */
  configPath?: string;
}

export async function readSavedPlan(planFile: string): Promise<LoadedPlan> {
  let text: string;
  try {
    text = await readFile(planFile, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new InvalidSavedPlanError(code === "ENOENT" ? `plan file ${planFile} does not exist` : `cannot read plan file ${planFile}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidSavedPlanError(`${planFile} is not a saved plan: it is not valid JSON`);
  }
  const problem = checkShape(parsed);
  if (problem !== undefined) throw new InvalidSavedPlanError(`${planFile} is not a saved hookops plan: ${problem}`);
  const { source, ...plan } = parsed as Plan & { source?: unknown };
  const config = isRecord(source) && typeof source.config === "string" ? path.resolve(path.dirname(path.resolve(planFile)), source.config) : undefined;
  return config === undefined ? { plan } : { plan, configPath: config };
}
