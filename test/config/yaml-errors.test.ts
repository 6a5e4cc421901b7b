// YAML syntax errors in plain words, at the line and column of the mistake: what a user who broke
// a subscription file by hand sees from `validate` (yaml-syntax and duplicate-key findings only).
import { describe, expect, it } from "vitest";
import { check, withHooks } from "./helpers.js";

/** The YAML findings of a hooks file, as `file:line:col: message`. */
async function yamlFindings(hooks: string): Promise<string[]> {
  const { load } = await check(withHooks(hooks));
  return load.findings
    .filter((finding) => finding.rule === "yaml-syntax" || finding.rule === "duplicate-key")
    .map((finding) => `${finding.line}:${finding.column}: ${finding.severity} ${finding.rule}: ${finding.message}`);
}

const START = "subscriptions:\n  - name: ci\n    project: WebSite\n";

describe("YAML syntax errors", () => {
  it("a tab used for indentation", async () => {
    expect(await yamlFindings(`${START}\teventType: build.complete\n`)).toMatchInlineSnapshot(`
      [
        "4:1: error yaml-syntax: a tab is used to indent this line: YAML indents with spaces only, so replace the tab with spaces",
      ]
    `);
  });
  it("a key indented less than its siblings", async () => {
    expect(await yamlFindings(`${START}   eventType: build.complete\n`)).toMatchInlineSnapshot(`
      [
        "4:4: error yaml-syntax: "eventType" starts at column 4, but "project" above it (line 3) starts at column 5: keys of one map must start at the same column",
      ]
    `);
  });
  it("a key indented more than its siblings", async () => {
    expect(await yamlFindings(`${START}      eventType: build.complete\n    consumerId: webHooks\n`)).toMatchInlineSnapshot(`
      [
        "4:7: error yaml-syntax: "eventType" is indented under "project", which already has a value on line 3: start "eventType" at column 5 like "project", or remove the value to make "project" a map",
      ]
    `);
  });
  it("an unclosed double quote", async () => {
    expect(await yamlFindings(`${START}    eventType: "build.complete\n    consumerId: webHooks\n`)).toMatchInlineSnapshot(`
      [
        "4:16: error yaml-syntax: the double quote that starts this value is never closed: add the closing " at the end of the value (a " inside the value is written \\")",
      ]
    `);
  });
  it("an unclosed single quote", async () => {
    expect(await yamlFindings(`${START}    eventType: 'build.complete\n    consumerId: webHooks\n`)).toMatchInlineSnapshot(`
      [
        "4:16: error yaml-syntax: the single quote that starts this value is never closed: add the closing ' at the end of the value (a ' inside the value is written '')",
      ]
    `);
  });
  it("a duplicate key", async () => {
    expect(await yamlFindings(`${START}    project: Mobile\n`)).toMatchInlineSnapshot(`
      [
        "4:5: error duplicate-key: duplicate key "project"; each key may appear once in a map",
      ]
    `);
  });
  it("a key indented less than its siblings, back toward the parent", async () => {
    expect(await yamlFindings(`${START}  eventType: build.complete\n`)).toMatchInlineSnapshot(`
      [
        "4:3: error yaml-syntax: "eventType" starts at column 3, but "project" above it (line 3) starts at column 5: keys of one map must start at the same column",
      ]
    `);
  });
  it("list items that do not line up", async () => {
    expect(await yamlFindings("subscriptions:\n- name: a\n  project: WebSite\n - name: b\n")).toMatchInlineSnapshot(`
      [
        "4:2: error yaml-syntax: this list item starts at column 2, but the items of one list must start at the same column (line 2 starts one at column 1)",
      ]
    `);
  });
  it("a key without a colon", async () => {
    expect(await yamlFindings(`${START}    eventType build.complete\n    consumerId: webHooks\n`)).toMatchInlineSnapshot(`
      [
        "4:5: error yaml-syntax: this line has no colon: write the key, a colon and a space, then the value ("eventType: …")",
      ]
    `);
  });
  it("text after a closing quote", async () => {
    expect(await yamlFindings(`${START}    eventType: "build" complete\n`)).toMatchInlineSnapshot(`
      [
        "4:24: error yaml-syntax: text follows the closing quote: a quoted value ends at its closing quote, so put the whole value in quotes",
      ]
    `);
  });
  it("a closing brace that closes nothing", async () => {
    expect(await yamlFindings(`${START}    consumerInputs: { url: https://hooks.example.com }\n  }\n`)).toMatchInlineSnapshot(`
      [
        "5:3: error yaml-syntax: this "}" closes nothing: remove it, or open the map with "{"",
      ]
    `);
  });
  it("a missing space after the colon", async () => {
    expect(await yamlFindings(`${START}    eventType:build.complete\n    consumerId: webHooks\n`)).toMatchInlineSnapshot(`
      [
        "4:14: error yaml-syntax: a colon after a key needs a space: write "eventType: " and then the value",
      ]
    `);
  });
  it("an unclosed flow map", async () => {
    expect(await yamlFindings(`${START}    publisherInputs: { buildStatus: Failed\n    consumerId: webHooks\n`)).toMatchInlineSnapshot(`
      [
        "4:22: error yaml-syntax: the "{" that starts this map is never closed: end it with "}" on the same line, or write the map as indented lines",
      ]
    `);
  });
  it("an unclosed flow list", async () => {
    expect(await yamlFindings(`${START}    projects: [A, B\n    consumerId: webHooks\n`)).toMatchInlineSnapshot(`
      [
        "4:15: error yaml-syntax: the "[" that starts this list is never closed: end it with "]" on the same line, or write the list as indented lines",
      ]
    `);
  });
  it("a colon and space inside a plain value", async () => {
    expect(await yamlFindings(`${START}    eventType: build: complete\n`)).toMatchInlineSnapshot(`
      [
        "4:16: error yaml-syntax: a value cannot contain ": " (a colon and a space) unless it is quoted: put the whole value in quotes",
      ]
    `);
  });
  it("a list item among map keys", async () => {
    expect(await yamlFindings(`${START}    - eventType: build.complete\n`)).toMatchInlineSnapshot(`
      [
        "4:5: error yaml-syntax: a list item ("- ") stands where the map expects a key: remove the "- ", or put the list under a key of its own",
      ]
    `);
  });
  it("a value starting with @ or a backtick", async () => {
    expect(await yamlFindings(`${START}    consumerId: @webHooks\n`)).toMatchInlineSnapshot(`
      [
        "4:17: error yaml-syntax: a value cannot start with @ unless it is quoted: put the whole value in quotes",
      ]
    `);
  });
  it("an alias to an anchor that does not exist", async () => {
    expect(await yamlFindings(`${START}    consumerId: *hooks\n`)).toMatchInlineSnapshot(`
      [
        "4:17: error yaml-syntax: the alias *hooks refers to no anchor: define &hooks on a value above it, or write the value out",
      ]
    `);
  });
});
