export { buildPlan } from "./plan.js";
export { planSummary, hasChanges, isStale, staleReasons } from "./summary.js";
export { naturalKeyOfBody } from "../compare/index.js";
export { hasReference } from "../compare/index.js";
export type {
  ChangeAction,
  DeclarationMatch,
  Plan,
  PlannedChange,
  UnreadScope,
} from "./types.js";
