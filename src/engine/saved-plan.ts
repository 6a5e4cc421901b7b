import { writeFile } from "node:fs/promises";
import path from "node:path";
import { toSavedPlan, type PlanShapingOptions } from "../apply/index.js";
import { HookopsError } from "../errors.js";
import type { Plan } from "../reconcile/index.js";
import { renderJson } from "../report/index.js";

/** `plan --out`: the plan as a file `apply` can check and run, readable by its owner only. `planFile` is relative to `cwd`. */
export async function writeSavedPlan(planFile: string, plan: Plan, configPath: string, options: PlanShapingOptions = {}, cwd = process.cwd()): Promise<void> {
  const target = path.resolve(cwd, planFile);
  try {
    await writeFile(target, renderJson(toSavedPlan(plan, configPath, target, options)), { encoding: "utf8", mode: 0o600 });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new HookopsError(`cannot write the plan to ${planFile}${typeof code === "string" ? ` (${code})` : ""}`);
  }
}
