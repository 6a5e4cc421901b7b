export { buildPlan } from "./plan.js";
export { planSummary, hasChanges, isStale, staleReasons } from "./summary.js";
export { naturalKeyOfBody, labelOf } from "../compare/index.js";
export { hasReference } from "../compare/index.js";
export type {
  ChangeAction,
  FieldChange,
  FingerprintEntry,
  Host,
  LiveEntry,
  Plan,
  PlannedChange,
  PlanSummary,
  ReconcileInput,
  UnhealthyEntry,
  UnreadScope,
} from "./types.js";
