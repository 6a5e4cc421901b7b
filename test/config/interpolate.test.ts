import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findReferences, isReference, ReferenceOutsideRootError, referenceProblems, resolveValue } from "../../src/config/interpolate.js";
import { makeRepo } from "./helpers.js";

describe("references", () => {
  it("finds env and file references inside a value", () => {
    expect(findReferences("https://x/${env:HOOK_KEY}/y?${file:keys/a.txt}")).toEqual([
      { kind: "env", target: "HOOK_KEY", text: "${env:HOOK_KEY}", start: 10, end: 25 },
      { kind: "file", target: "keys/a.txt", text: "${file:keys/a.txt}", start: 28, end: 46 },
    ]);
    expect(findReferences("plain value")).toEqual([]);
    expect(findReferences("$${env:NOT_A_REFERENCE}")).toEqual([]);
  });

  it("tells a whole-value reference from a partial one", () => {
    expect(isReference("${env:WEBSITE_HOOK_PASSWORD}")).toBe(true);
    expect(isReference("${file:secrets/key}")).toBe(true);
    expect(isReference("prefix-${env:PASSWORD}")).toBe(false);
    expect(isReference("${env:A}${env:B}")).toBe(false);
    expect(isReference("hunter2")).toBe(false);
    expect(isReference("${env:}")).toBe(false);
  });

  it("reports malformed references without echoing them", () => {
    expect(referenceProblems("${env:bad-name}").map((problem) => problem.message)).toEqual([
      'a "${env:…}" reference needs a variable name made of letters, digits and "_"',
    ]);
    expect(referenceProblems("${file:}")[0]?.message).toBe('a "${file:…}" reference needs a path');
    expect(referenceProblems("${s3cr3t}")[0]?.message).not.toContain("s3cr3t");
    expect(referenceProblems("abc ${env:X")[0]?.message).toContain('unclosed "${"');
    expect(referenceProblems("$${literal} and ${env:OK}")).toEqual([]);
  });
});

describe("resolveValue", () => {
  it("substitutes environment variables and keeps literal text", async () => {
    const root = await makeRepo({});
    expect(resolveValue("Bearer ${env:TOKEN}", { root, env: { TOKEN: "abc" } })).toEqual({ value: "Bearer abc", missing: [] });
    expect(resolveValue("cost: $${price}", { root, env: {} })).toEqual({ value: "cost: ${price}", missing: [] });
  });

  it("lists what is missing, treating an empty variable as missing, and returns no value", async () => {
    const root = await makeRepo({});
    expect(resolveValue("${env:WEBSITE_HOOK_PASSWORD}:${env:EMPTY}", { root, env: { EMPTY: "" } })).toEqual({
      missing: ["environment variable WEBSITE_HOOK_PASSWORD", "environment variable EMPTY"],
    });
    expect(resolveValue("${file:secrets/none.txt}", { root, env: {} })).toEqual({ missing: ["file secrets/none.txt"] });
  });

  it("reads ${file:} relative to the root without the trailing newline", async () => {
    const root = await makeRepo({ "secrets/key.txt": "s3cr3t\n" });
    expect(resolveValue("${file:secrets/key.txt}", { root, env: {} })).toEqual({ value: "s3cr3t", missing: [] });
  });

  it("refuses ${file:} paths that leave the root: .., absolute, or through a symlink", async () => {
    const outside = await makeRepo({ "secret.txt": "outside" });
    const root = await makeRepo({ "hooks/a.txt": "inside" });
    await symlink(path.join(outside, "secret.txt"), path.join(root, "link.txt"));
    await mkdir(path.join(root, "dir"), { recursive: true });
    await symlink(outside, path.join(root, "dir", "out"));
    const context = { root, env: {} };
    expect(() => resolveValue("${file:../secret.txt}", context)).toThrow(ReferenceOutsideRootError);
    expect(() => resolveValue(`\${file:${path.join(outside, "secret.txt")}}`, context)).toThrow(/is absolute/);
    expect(() => resolveValue("${file:link.txt}", context)).toThrow(/through a symbolic link/);
    expect(() => resolveValue("${file:dir/out/secret.txt}", context)).toThrow(/through a symbolic link/);
    expect(() => resolveValue("${file:hooks/../../x}", context)).toThrow(/leaves the repo root/);
    expect(resolveValue("${file:hooks/../hooks/a.txt}", context)).toEqual({ value: "inside", missing: [] });
  });

  it("throws a readable error for a malformed reference", async () => {
    const root = await makeRepo({});
    expect(() => resolveValue("${env:not valid}", { root, env: {} })).toThrow(/invalid reference/);
  });
});
