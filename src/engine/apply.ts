import { executeChanges, prepareChanges, savedPlanProblems, type ApplyReport, type ChangeResult, type PlanShapingOptions } from "../apply/index.js";
import { resolveValue, type RepositoryLoad } from "../config/index.js";
import type { Plan } from "../reconcile/index.js";
import { computePlan, readRepositoryAndLive, type LoadedRepository, type PlanOptions } from "./plan.js";

export interface ApplyOptions extends PlanOptions {
  /**
   * A plan saved by `plan --out`, with the flags it says it was made with. It is compared with
   * re-planning and applied only when they agree exactly; what runs is the fresh plan.
   */
  savedPlan?: { plan: Plan; options: PlanShapingOptions };
  /** Aborting stops new changes from starting; those in flight finish. */
  signal?: AbortSignal;
  /** Called as each change completes. */
  onResult?: (result: ChangeResult) => void;
  /** Called once the repository is read, valid or not (for printing findings early); again with the names that did not resolve. */
  onLoad?: (load: RepositoryLoad) => void;
  /** Called with the plan about to be applied, before any check that may refuse it. */
  onPlan?: (plan: Plan) => void;
  /** Asked once the plan is known to be applicable and has changes; false declines. Absent: approve. */
  confirm?: (plan: Plan) => Promise<boolean>;
}

/** Why apply refused: a stale saved plan, a plan the reconciler refused, or secrets it cannot fill. */
export type RefusalCause = "stale" | "plan" | "secrets";

export type ApplyRun =
  | { kind: "invalid"; load: RepositoryLoad }
  | { kind: "refused"; load: LoadedRepository; plan: Plan; cause: RefusalCause; reasons: string[] }
  | { kind: "declined"; load: LoadedRepository; plan: Plan }
  | { kind: "applied"; load: LoadedRepository; plan: Plan; report: ApplyReport };

const EMPTY_REPORT: ApplyReport = { results: [], succeeded: 0, failed: 0, skipped: 0, interrupted: false };

/**
 * Reads the repo and the live state, plans (or takes a saved plan and checks that it still
 * holds), fills secrets, asks for confirmation and applies. Refusals of any kind change nothing.
 * The connection is closed before this returns.
 */
export async function applyRepository(options: ApplyOptions): Promise<ApplyRun> {
  const read = await readRepositoryAndLive(options, options.onLoad);
  if (!("connection" in read)) return { kind: "invalid", load: read.load };
  const { load, connection, live } = read;
  try {
    const plan = computePlan(load, live, connection.organization, options);
    options.onPlan?.(plan);
    if (options.savedPlan !== undefined) {
      const problems = savedPlanProblems(options.savedPlan.plan, {
        fresh: plan,
        live: live.subscriptions,
        options: {
          ...(options.allowDeletes === undefined ? {} : { allowDeletes: options.allowDeletes }),
          ...(options.replaceSecrets === true ? { replaceSecrets: true } : {}),
        },
        savedOptions: options.savedPlan.options,
      });
      if (problems.length > 0) return { kind: "refused", load, plan, cause: "stale", reasons: problems };
    }

    const resolve = (value: string) => resolveValue(value, { root: load.config.root, env: options.env });
    const preparation = prepareChanges(plan.changes, load.subscriptions, resolve);
    if (plan.refusals.length > 0) return { kind: "refused", load, plan, cause: "plan", reasons: plan.refusals };
    if (preparation.problems.length > 0) return { kind: "refused", load, plan, cause: "secrets", reasons: preparation.problems };
    if (plan.changes.length === 0) return { kind: "applied", load, plan, report: EMPTY_REPORT };
    // Interrupted before anything started: no question; every change is reported as skipped.
    const interrupted = options.signal?.aborted === true;
    if (!interrupted && options.confirm !== undefined && !(await options.confirm(plan))) return { kind: "declined", load, plan };

    const report = await executeChanges(plan.changes, preparation, {
      client: connection.client,
      desired: load.subscriptions,
      resolve,
      existingIds: new Set(live.subscriptions.map((subscription) => subscription.id)),
      concurrency: options.concurrency,
      signal: options.signal,
      onResult: options.onResult,
    });
    return { kind: "applied", load, plan, report };
  } finally {
    await connection.close();
  }
}
