import { describe, expect, it } from "vitest";
import { expectedReadme, judge as verdict } from "../../scripts/bench-table.mjs";

describe("the README's performance table", () => {
  it("is exactly what bench/results.json renders", async () => {
    const { readme, expected } = await expectedReadme();
    expect(readme).toBe(expected);
  });

  it("judges targets from the figures, not by hand", () => {
    expect(verdict({ value: 1400, target: "< 2000 ms" })).toBe(true);
    expect(verdict({ value: 2140, target: "< 2000 ms" })).toBe(false);
    expect(verdict({ value: 2486, target: ">= 2000" })).toBe(true);
    expect(verdict({ value: 1, target: "0" })).toBe(false);
    expect(verdict({ value: 9, target: "a constant few" })).toBeUndefined();
    expect(verdict({ value: 9, target: "a constant few", met: true })).toBe(true);
  });
});
