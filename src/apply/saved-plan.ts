import { createHash } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import path from "node:path";
import { HookopsError } from "../errors.js";
import type { Plan } from "../reconcile/index.js";
import { isInside, repositoryRootOf, toPosix } from "../util/paths.js";
import { isRecord } from "../util/records.js";

/** The flags that shape a plan; apply of a saved plan must be given the same ones. */
export interface PlanShapingOptions {
  allowDeletes?: number;
  replaceSecrets?: boolean;
}

/**
 * A plan written by `plan --out`: the Plan, where its configuration lives (relative to the plan
 * file's folder), the flags it was made with and a digest of its changes. It never holds a secret:
 * planned bodies leave secret inputs out. apply treats it as a promise to check, not as orders.
 */
export interface SavedPlan extends Plan {
  source: { config: string; options: PlanShapingOptions };
  digest: string;
}

export class InvalidSavedPlanError extends HookopsError {}

/** JSON with object keys sorted, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What a saved plan promises: its organization, changes and the live state they were decided on. */
export function planDigest(plan: Pick<Plan, "organization" | "changes" | "fingerprint">): string {
  const promised = { organization: plan.organization, changes: plan.changes, fingerprint: plan.fingerprint };
  return `sha256:${createHash("sha256").update(canonicalJson(promised)).digest("hex")}`;
}

function shapingOptions(options: PlanShapingOptions): PlanShapingOptions {
  return {
    ...(options.allowDeletes === undefined ? {} : { allowDeletes: options.allowDeletes }),
    ...(options.replaceSecrets === true ? { replaceSecrets: true } : {}),
  };
}

export function toSavedPlan(plan: Plan, configPath: string, planFile: string, options: PlanShapingOptions = {}): SavedPlan {
  const relative = path.relative(path.dirname(path.resolve(planFile)), path.resolve(configPath));
  return { ...plan, source: { config: toPosix(relative), options: shapingOptions(options) }, digest: planDigest(plan) };
}

/** Checks only what comparing needs; a plan file is never obeyed, only compared with re-planning. */
function checkShape(value: unknown): string | undefined {
  if (!isRecord(value)) return "it is not a JSON object";
  if (value.formatVersion !== 1) return `formatVersion is ${JSON.stringify(value.formatVersion) ?? "missing"}, this hookops reads formatVersion 1`;
  if (typeof value.organization !== "string") return "it names no organization";
  for (const list of ["changes", "fingerprint"] as const) {
    if (!Array.isArray(value[list])) return `"${list}" is not a list`;
  }
  for (const [index, change] of (value.changes as unknown[]).entries()) {
    if (!isRecord(change) || typeof change.action !== "string" || typeof change.name !== "string") return `change ${index + 1} is not a planned change`;
  }
  for (const entry of value.fingerprint as unknown[]) {
    if (!isRecord(entry) || typeof entry.id !== "string") return "the fingerprint is malformed";
  }
  if (value.source !== undefined && !isRecord(value.source)) return '"source" is not an object';
  return undefined;
}

function readOptions(source: Record<string, unknown> | undefined): PlanShapingOptions | string {
  const options = source?.options;
  if (options === undefined) return {};
  if (!isRecord(options)) return '"source.options" is not an object';
  const { allowDeletes, replaceSecrets } = options;
  if (allowDeletes !== undefined && !(typeof allowDeletes === "number" && Number.isSafeInteger(allowDeletes) && allowDeletes >= 0)) {
    return '"source.options.allowDeletes" is not a whole number';
  }
  if (replaceSecrets !== undefined && typeof replaceSecrets !== "boolean") return '"source.options.replaceSecrets" is not true or false';
  return shapingOptions({ ...(allowDeletes === undefined ? {} : { allowDeletes }), replaceSecrets: replaceSecrets === true });
}

export interface LoadedPlan {
  /** The saved plan as data to compare with; nothing in it is acted on. */
  plan: Plan;
  /** The flags it says it was made with. */
  options: PlanShapingOptions;
  /** The hookops.yaml it names, relative to the plan file's folder, as written (not yet checked). */
  configReference?: string;
  /** Absolute path of the plan file. */
  file: string;
}

/** Reads `planFile` (relative to `cwd`); messages name it as given. */
export async function readSavedPlan(planFile: string, cwd = process.cwd()): Promise<LoadedPlan> {
  const file = path.resolve(cwd, planFile);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new InvalidSavedPlanError(
      code === "ENOENT" ? `plan file ${planFile} does not exist` : `cannot read plan file ${planFile}${typeof code === "string" ? ` (${code})` : ""}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new InvalidSavedPlanError(`${planFile} is not a saved plan: it is not valid JSON`);
  }
  const problem = checkShape(parsed);
  if (problem !== undefined) throw new InvalidSavedPlanError(`${planFile} is not a saved hookops plan: ${problem}`);
  // `summary` is derived from the changes when the plan is written; it is not part of the Plan.
  const { source, digest: _digest, summary: _summary, ...plan } = parsed as Plan & { source?: Record<string, unknown>; digest?: unknown; summary?: unknown };
  const options = readOptions(source);
  if (typeof options === "string") throw new InvalidSavedPlanError(`${planFile} is not a saved hookops plan: ${options}`);
  const config = source?.config;
  if (config !== undefined && typeof config !== "string")
    throw new InvalidSavedPlanError(`${planFile} is not a saved hookops plan: "source.config" is not a path`);
  return { plan, options, file, ...(config === undefined ? {} : { configReference: config }) };
}

/**
 * The hookops.yaml a saved plan names, accepted only inside the repository apply runs in (the Git
 * work tree around the current folder, else the current folder), also after following symlinks:
 * a plan file must not point apply at another configuration, organization or host. Undefined
 * when the plan names none.
 */
export async function savedPlanConfigPath(loaded: LoadedPlan, workingFolder: string): Promise<string | undefined> {
  if (loaded.configReference === undefined) return undefined;
  const allowedRoot = repositoryRootOf(workingFolder);
  const candidate = path.resolve(path.dirname(loaded.file), loaded.configReference);
  let real: string;
  let realRoot: string;
  try {
    real = await realpath(candidate);
    realRoot = await realpath(allowedRoot);
  } catch {
    throw new InvalidSavedPlanError(
      `${loaded.file} names the configuration ${loaded.configReference}, which does not exist; run apply with --config <hookops.yaml>`,
    );
  }
  if (!isInside(realRoot, real)) {
    throw new InvalidSavedPlanError(
      `${loaded.file} names the configuration ${loaded.configReference}, which is outside ${realRoot}; a saved plan may only name a configuration inside the repository apply runs in (run apply there, or pass --config)`,
    );
  }
  return real;
}
