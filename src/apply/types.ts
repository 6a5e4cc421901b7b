import type { AdoClient } from "../ado/index.js";
import type { DesiredSubscription } from "../config/types.js";
import type { PlannedChange } from "../reconcile/index.js";

export type ChangeOutcome = "succeeded" | "failed" | "skipped";

/** What happened to one planned change. */
export interface ChangeResult {
  change: PlannedChange;
  outcome: ChangeOutcome;
  /** Id of the subscription created (create, replace, a repair that recreated) or touched. */
  liveId?: string;
  /** Why it failed or was skipped; never contains a secret. */
  message?: string;
  /** Extra facts, e.g. "found after a lost response", "old subscription kept: delete failed". */
  notes: string[];
}

export interface ApplyReport {
  /** One per planned change, in plan order. */
  results: ChangeResult[];
  succeeded: number;
  failed: number;
  skipped: number;
  /** Stopped early by a signal (Ctrl-C): changes not started are "skipped". */
  interrupted: boolean;
}

/** Resolves `${env:}` / `${file:}` references; never logs values. */
export type ResolveReference = (value: string) => { value?: string; missing: string[] };

export interface ExecuteOptions {
  client: AdoClient;
  /** The configuration the plan was made from: secret inputs are resolved from it, by change name. */
  desired: readonly DesiredSubscription[];
  /** Resolves `${env:}` / `${file:}` references; never logs values. */
  resolve: ResolveReference;
  /**
   * Ids of the live subscriptions read before apply started. A create whose response was lost is
   * looked for among the subscriptions not in this set.
   */
  existingIds: ReadonlySet<string>;
  /** Changes in flight at once. Default 8. */
  concurrency?: number;
  /** Aborting stops new changes from starting; those in flight finish. */
  signal?: AbortSignal;
  /** Called as each change completes (for progress output). */
  onResult?: (result: ChangeResult) => void;
}

export const DEFAULT_CONCURRENCY = 8;
