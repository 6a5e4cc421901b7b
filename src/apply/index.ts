export { executeChanges } from "./execute.js";
export { prepareChanges, SecretRedactor } from "./secrets.js";
export { savedPlanProblems } from "./stale.js";
export {
  readSavedPlan,
  toSavedPlan,
  savedPlanConfigPath,
  planDigest,
  InvalidSavedPlanError,
  type SavedPlan,
  type PlanShapingOptions,
} from "./saved-plan.js";
export type { ApplyReport, ChangeResult, ExecuteOptions, ResolveReference } from "./types.js";
