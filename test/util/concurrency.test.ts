import { describe, expect, it } from "vitest";
import { ConcurrencyLimit, mapBounded } from "../../src/util/concurrency.js";

describe("ConcurrencyLimit", () => {
  it("never runs more than the limit at once and runs everything", async () => {
    const limit = new ConcurrencyLimit(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        limit
          .run(async () => {
            active++;
            peak = Math.max(peak, active);
            await new Promise((resolve) => setImmediate(resolve));
            active--;
            if (index === 5) throw new Error("task failed");
            return index;
          })
          .catch(() => -1),
      ),
    );
    expect(peak).toBe(3);
    expect(results.filter((value) => value >= 0)).toHaveLength(19);
  });
});

describe("mapBounded", () => {
  it("keeps the input order, whatever order the tasks finish in", async () => {
    const results = await mapBounded([30, 10, 20, 0], 2, async (ms) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return ms * 2;
    });
    expect(results).toEqual([60, 20, 40, 0]);
  });

  it("starts nothing more once the signal aborts; those in flight finish", async () => {
    const controller = new AbortController();
    const started: number[] = [];
    const results = await mapBounded(
      [1, 2, 3, 4, 5],
      2,
      async (item) => {
        started.push(item);
        await new Promise((resolve) => setImmediate(resolve));
        if (item === 1) controller.abort();
        return item;
      },
      controller.signal,
    );
    expect(started).toEqual([1, 2]);
    expect(results).toEqual([1, 2, undefined, undefined, undefined]);
  });

  it("treats a limit below one as one", async () => {
    let active = 0;
    let peak = 0;
    await mapBounded([1, 2, 3], 0, async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
    });
    expect(peak).toBe(1);
  });
});
