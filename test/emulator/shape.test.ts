import { describe, expect, it } from "vitest";
import { expectSameShape, shapeDifferences } from "./shape.js";

describe("shape comparison helper", () => {
  const recorded = {
    id: "a",
    createdBy: { id: "x" },
    inputs: { url: "u", password: "********" },
    list: [{ id: "one", n: 1 }],
  };

  it("accepts different values of the same types", () => {
    expect(shapeDifferences({ id: "b", createdBy: { id: "y" }, inputs: { url: "v", password: "p" }, list: [{ id: "two", n: 9 }] }, recorded)).toEqual([]);
  });

  it("names missing keys, unexpected keys and type changes with their path", () => {
    const actual = { id: 5, createdBy: {}, inputs: { url: "v", password: "p", extra: "e" }, list: [{ id: "one", n: "1" }] };
    expect(shapeDifferences(actual, recorded)).toEqual([
      "$.id: recorded string, emulator number",
      '$.createdBy: missing key "id"',
      '$.inputs: unexpected key "extra"',
      "$.list[0].n: recorded number, emulator string",
    ]);
  });

  it("applies extra, optional, literal, id-matching and exact-key rules by context", () => {
    const actual = {
      id: "a",
      createdBy: { id: "x", displayName: "X" },
      inputs: { url: "v", password: "leaked" },
      list: [
        { id: "zero", n: 0 },
        { id: "one", n: 1 },
      ],
    };
    expect(shapeDifferences(actual, recorded, { extra: { createdBy: ["displayName"] }, matchById: ["list"], literals: ["********"] })).toEqual([
      '$.inputs.password: recorded "********", emulator "leaked"',
    ]);
    expect(shapeDifferences({ ...actual, id: "b" }, recorded, { exactKeys: ["id"], extra: { createdBy: ["displayName"] }, matchById: ["list"] })).toContain(
      '$.id: recorded "a", emulator "b"',
    );
  });

  it("throws a readable message listing every difference", () => {
    expect(() => expectSameShape({ id: "a" }, { id: "a", url: "u" })).toThrow(/differs from the recording:\n {2}\$: missing key "url"/);
  });
});
