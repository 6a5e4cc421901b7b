import { HookopsError } from "../errors.js";
import type { Plan, PlannedChange } from "../reconcile/index.js";
import { CreateLedger } from "./create.js";
import { runChange, type ChangeContext } from "./run-change.js";
import { prepareChanges, type Preparation } from "./secrets.js";
import { DEFAULT_CONCURRENCY, type ApplyReport, type ChangeResult, type ExecuteOptions } from "./types.js";

/** Some secret inputs cannot be resolved: nothing was changed. */
export class MissingSecretsError extends HookopsError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`cannot fill every secret input, so nothing was changed:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.problems = problems;
  }
}

export const INTERRUPTED_MESSAGE = "not started: apply was interrupted";

/**
 * Runs `work` over the items with at most `limit` in flight. Once the signal aborts, no further
 * item starts; the returned promise settles when those in flight are done.
 */
async function runBounded<T>(items: readonly T[], limit: number, signal: AbortSignal | undefined, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && signal?.aborted !== true) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
}

/**
 * Applies already prepared changes: creates, replaces (create, then delete the old), updates and
 * repairs first, deletes once all of those are done. A failed change does not stop the others.
 */
export async function executeChanges(changes: readonly PlannedChange[], preparation: Preparation, options: ExecuteOptions): Promise<ApplyReport> {
  const context: ChangeContext = { client: options.client, ledger: new CreateLedger(options.existingIds), redactor: preparation.redactor };
  const results = new Map<PlannedChange, ChangeResult>();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const work = async (change: PlannedChange): Promise<void> => {
    const outcome = await runChange(change, preparation.bodies.get(change), context);
    const result: ChangeResult = { change, ...outcome };
    results.set(change, result);
    options.onResult?.(result);
  };

  await runBounded(changes.filter((change) => change.action !== "delete"), concurrency, options.signal, work);
  await runBounded(changes.filter((change) => change.action === "delete"), concurrency, options.signal, work);

  const ordered = changes.map((change): ChangeResult => results.get(change) ?? { change, outcome: "skipped", message: INTERRUPTED_MESSAGE, notes: [] });
  return {
    results: ordered,
    succeeded: ordered.filter((result) => result.outcome === "succeeded").length,
    failed: ordered.filter((result) => result.outcome === "failed").length,
    skipped: ordered.filter((result) => result.outcome === "skipped").length,
    interrupted: options.signal?.aborted === true,
  };
}

/** Fills the secrets of every change, refusing (MissingSecretsError) before any request when one is missing, then applies them. */
export async function executePlan(plan: Plan, options: ExecuteOptions): Promise<ApplyReport> {
  const preparation = prepareChanges(plan.changes, options.desired, options.resolve);
  if (preparation.problems.length > 0) throw new MissingSecretsError(preparation.problems);
  return executeChanges(plan.changes, preparation, options);
}
