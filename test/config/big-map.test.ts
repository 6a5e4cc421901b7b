import { describe, expect, it } from "vitest";
import { check, line, withHooks } from "./helpers.js";

// Maps of 20,000 keys: every finding is still there, each at its own key. (How long it takes is
// measured by bench/validate.mjs, on a 1 MiB file of about 110,000 keys, not asserted here.)
const KEYS = 20_000;
const names = Array.from({ length: KEYS }, (_, index) => `k${index}`);

function entry(anchor: boolean): string[] {
  return [
    "subscriptions:",
    `  - name: ${anchor ? "&n " : ""}big`,
    "    project: WebSite",
    "    eventType: build.complete",
    "    consumerId: webHooks",
    "    consumerActionId: httpRequest",
  ];
}

/** Line of the n-th generated key: after the entry's 6 lines and `extra` more. */
const lineOf = (index: number, extra: number): number => 7 + extra + index;

describe.each([
  ["the fast path", false],
  ["the yaml library (an anchor)", true],
])("a subscription with 20,000-key maps, read by %s", (_path, anchor) => {
  it("publisherInputs: one unknown-filter finding per key, at the key", async () => {
    const hooks = [
      ...entry(anchor),
      "    consumerInputs:",
      "      url: https://hooks.example.com/x",
      "    publisherInputs:",
      ...names.map((name) => `      ${name}: v`),
    ].join("\n");
    const { load, lines } = await check(withHooks(`${hooks}\n`));
    expect(load.findings).toHaveLength(KEYS);
    expect(new Set(load.findings.map((finding) => finding.rule))).toEqual(new Set(["unknown-filter"]));
    expect(lines[0]).toMatch(new RegExp(`^hooks/hooks\\.yaml:${lineOf(0, 3)}:7: error unknown-filter: unknown filter "k0" for "build\\.complete"\\. `));
    expect(load.findings.map((finding) => finding.line)).toEqual(names.map((_, index) => lineOf(index, 3)));
    expect(load.findings.every((finding, index) => finding.message.startsWith(`unknown filter "k${index}" `) && finding.column === 7)).toBe(true);
  });

  it("consumerInputs: one unknown-input finding per key, at the key", async () => {
    const hooks = [...entry(anchor), "    consumerInputs:", "      url: https://hooks.example.com/x", ...names.map((name) => `      ${name}: v`)].join("\n");
    const { load } = await check(withHooks(`${hooks}\n`));
    expect(load.findings).toHaveLength(KEYS);
    expect(load.findings.map((finding) => `${finding.line}:${finding.column} ${finding.rule}`)).toEqual(
      names.map((_, index) => `${lineOf(index, 2)}:7 unknown-input`),
    );
    expect(load.findings.every((finding, index) => finding.message.startsWith(`unknown consumer input "k${index}" for "webHooks/httpRequest".`))).toBe(true);
  });

  it("unknown subscription keys: one unknown-key finding per key, and wrong-typed inputs each at their value", async () => {
    const hooks = [...entry(anchor), "    consumerInputs:", "      url: https://hooks.example.com/x", ...names.map((name) => `    ${name}: v`)].join("\n");
    const { load, lines } = await check(withHooks(`${hooks}\n`));
    expect(load.findings).toHaveLength(KEYS);
    expect(lines[KEYS - 1]).toBe(`hooks/hooks.yaml:${lineOf(KEYS - 1, 2)}:5: error unknown-key: unknown key "k${KEYS - 1}" in subscription.`);
    expect(load.findings.map((finding) => finding.line)).toEqual(names.map((_, index) => lineOf(index, 2)));

    const typed = [
      ...entry(anchor),
      "    consumerInputs:",
      "      url: https://hooks.example.com/x",
      "    publisherInputs:",
      ...names.map((name) => `      ${name}: [1]`),
    ].join("\n");
    const wrong = await check(withHooks(`${typed}\n`));
    const wrongType = wrong.load.findings.filter((finding) => finding.rule === "wrong-type");
    expect(wrongType).toHaveLength(KEYS);
    expect(wrongType.map(line)[KEYS - 1]).toBe(
      `hooks/hooks.yaml:${lineOf(KEYS - 1, 3)}:${10 + String(KEYS - 1).length}: error wrong-type: "publisherInputs.k${KEYS - 1}" must be a string, a number, true or false or empty, not a list`,
    );
  });
});
