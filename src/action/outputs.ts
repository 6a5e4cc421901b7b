import * as core from "./core.js";
import { hasChanges, planSummary, type Plan } from "../reconcile/index.js";
import { renderJson } from "../report/index.js";

/** The counts a workflow branches on; replaces count in neither creates nor deletes, repairs are updates. */
export interface PlanOutputs {
  "has-changes": boolean;
  creates: number;
  updates: number;
  deletes: number;
}

export function planOutputs(plan: Plan): PlanOutputs {
  const summary = planSummary(plan);
  return { "has-changes": hasChanges(plan), creates: summary.create, updates: summary.update + summary.repair, deletes: summary.delete };
}

export function setPlanOutputs(plan: Plan): PlanOutputs {
  const outputs = planOutputs(plan);
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, String(value));
  // Outputs are not masked and are often echoed: the display form, without secret-by-nature inputs.
  core.setOutput("plan-json", renderJson(plan).trimEnd());
  return outputs;
}
