import type { PlannedChange } from "../reconcile/index.js";
import { mapBounded } from "../util/concurrency.js";
import { CreateLedger } from "./create.js";
import { runChange, type ChangeContext } from "./run-change.js";
import type { Preparation } from "./secrets.js";
import { DEFAULT_CONCURRENCY, type ApplyReport, type ChangeResult, type ExecuteOptions } from "./types.js";

export const INTERRUPTED_MESSAGE = "not started: apply was interrupted";

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

  await mapBounded(
    changes.filter((change) => change.action !== "delete"),
    concurrency,
    work,
    options.signal,
  );
  await mapBounded(
    changes.filter((change) => change.action === "delete"),
    concurrency,
    work,
    options.signal,
  );

  const ordered = changes.map((change): ChangeResult => results.get(change) ?? { change, outcome: "skipped", message: INTERRUPTED_MESSAGE, notes: [] });
  return {
    results: ordered,
    succeeded: ordered.filter((result) => result.outcome === "succeeded").length,
    failed: ordered.filter((result) => result.outcome === "failed").length,
    skipped: ordered.filter((result) => result.outcome === "skipped").length,
    interrupted: options.signal?.aborted === true,
  };
}
