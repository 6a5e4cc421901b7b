export { executeChanges, executePlan, MissingSecretsError, INTERRUPTED_MESSAGE } from "./execute.js";
export { prepareChanges, SecretRedactor, type Preparation } from "./secrets.js";
export { createWithRecovery, CreateLedger, CreateOutcomeUnknownError, type CreateResult } from "./create.js";
export { savedPlanProblems, type SavedPlanCheck } from "./stale.js";
export {
  readSavedPlan,
  writeSavedPlan,
  toSavedPlan,
  savedPlanConfigPath,
  planDigest,
  InvalidSavedPlanError,
  type SavedPlan,
  type LoadedPlan,
  type PlanShapingOptions,
} from "./saved-plan.js";
export { DEFAULT_CONCURRENCY } from "./types.js";
export type { ApplyReport, ChangeOutcome, ChangeResult, ExecuteOptions, ResolveReference } from "./types.js";
