import { writeFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { FAULT_KINDS, makeMatrixRepo, REQUEST_KINDS, runScenario, totalsOf, type ScenarioResult } from "./matrix.js";

let dir = "";
const results: ScenarioResult[] = [];
beforeAll(async () => {
  dir = await makeMatrixRepo();
});

// Scenarios wait on late answers far more than they compute, so they run side by side.
describe.concurrent.each(REQUEST_KINDS)("a fault on the %s", (request) => {
  it.each(
    FAULT_KINDS.flatMap(
      (fault) =>
        [
          [fault, false],
          [fault, true],
        ] as const,
    ),
  )("%s (persistent: %s) ends right or refused cleanly, with no duplicate, no unintended delete and no leak", async (fault, persistent) => {
    const seed = 1000 + REQUEST_KINDS.indexOf(request) * 100 + FAULT_KINDS.indexOf(fault) * 2 + (persistent ? 1 : 0);
    const result = await runScenario(dir, fault, request, persistent, seed);
    results.push(result);
    expect(result.duplicates, "duplicates").toBe(0);
    expect(result.unintendedDeletes, "unintended deletes").toBe(0);
    expect(result.leaks, "outputs holding the secret").toEqual([]);
    expect(result.appliesToConverge, "applies after the fault until live state is right").toBeDefined();
    expect(result.appliesToConverge).toBeLessThanOrEqual(2);
    if (result.firstRun === "refused" || result.firstRun === "error") expect(result.refusedCleanly, "a refusal changes nothing").toBe(true);
    // A read that cannot complete is never planned from: the run refuses.
    if (persistent && (request === "subscription query" || request === "project list" || (request === "release query" && fault !== "late answer"))) {
      expect(["refused", "error"]).toContain(result.firstRun);
    }
  });
});

describe.sequential("the matrix as a whole", () => {
  it("covers every fault kind on every request kind, and writes its totals for the benchmark", async () => {
    const totals = totalsOf(results);
    expect(totals.scenarios).toBe(FAULT_KINDS.length * REQUEST_KINDS.length * 2);
    expect(totals.duplicates + totals.unintendedDeletes + totals.leaks).toBe(0);
    const out = process.env.HOOKOPS_MATRIX_OUT;
    if (out !== undefined) await writeFile(out, JSON.stringify(totals));
  });
});
