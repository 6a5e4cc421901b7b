import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from "yaml";
import { parseSimpleYaml } from "../../src/config/yaml-fast.js";
import { check } from "./helpers.js";

const OPTIONS = { prettyErrors: false, merge: true, uniqueKeys: true } as const;

type Outcome = { fast: false } | { fast: true; differences: string[] };

function kind(node: unknown): string {
  return isMap(node) ? "map" : isSeq(node) ? "list" : isScalar(node) ? "scalar" : String(node);
}

/** Where the fast tree and yaml's differ in what the loader reads: kinds, values, sources, start offsets. */
function compareNodes(fast: unknown, reference: unknown, at: string, differences: string[]): void {
  if (kind(fast) !== kind(reference)) {
    differences.push(`${at}: ${kind(fast)} vs ${kind(reference)}`);
    return;
  }
  if (isScalar(fast) && isScalar(reference)) {
    if (!Object.is(fast.value, reference.value)) differences.push(`${at}: value ${String(fast.value)} vs ${String(reference.value)}`);
    if (fast.source !== reference.source) differences.push(`${at}: source ${String(fast.source)} vs ${String(reference.source)}`);
    if (fast.type !== reference.type) differences.push(`${at}: type ${String(fast.type)} vs ${String(reference.type)}`);
    // An empty value's own offset is never used (findings point at its key).
    const empty = fast.value === null && fast.source === "";
    if (!empty && fast.range?.[0] !== reference.range?.[0]) differences.push(`${at}: starts at ${String(fast.range?.[0])} vs ${String(reference.range?.[0])}`);
    return;
  }
  if ((isMap(fast) && isMap(reference)) || (isSeq(fast) && isSeq(reference))) {
    if (fast.range?.[0] !== reference.range?.[0]) differences.push(`${at}: starts at ${String(fast.range?.[0])} vs ${String(reference.range?.[0])}`);
    if (Boolean(fast.flow) !== Boolean(reference.flow)) differences.push(`${at}: flow ${String(fast.flow)} vs ${String(reference.flow)}`);
    if (fast.items.length !== reference.items.length) {
      differences.push(`${at}: ${fast.items.length} items vs ${reference.items.length}`);
      return;
    }
    fast.items.forEach((item: unknown, index: number) => {
      const other: unknown = reference.items[index];
      if (isPair(item) && isPair(other)) {
        compareNodes(item.key, other.key, `${at}.key[${index}]`, differences);
        compareNodes(item.value, other.value, `${at}.value[${index}]`, differences);
      } else compareNodes(item, other, `${at}[${index}]`, differences);
    });
  }
}

/** Runs the fast reader and, when it accepts the text, everything yaml says about the same text. */
function compare(text: string): Outcome {
  const fastLines = new LineCounter();
  const fast = parseSimpleYaml(text, fastLines, OPTIONS);
  if (!fast) return { fast: false };
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, ...OPTIONS });
  const documents = Array.isArray(parsed) ? parsed : [];
  if (documents.length !== fast.length) return { fast: true, differences: [`yaml reads ${documents.length} documents, the fast path ${fast.length}`] };
  const differences: string[] = [];
  documents.forEach((document, index) => {
    const problems = [...document.errors, ...document.warnings].map((problem) => problem.code);
    if (problems.length > 0) {
      differences.push(`yaml reports ${problems.join(", ")}`);
      return;
    }
    const data: unknown = document.toJS({ maxAliasCount: 100 });
    if (!isDeepStrictEqual(fast[index]?.data, data)) differences.push(`data ${JSON.stringify(fast[index]?.data)} vs ${JSON.stringify(data)}`);
    compareNodes(fast[index]?.document.contents, document.contents as Node | null, `$${index}`, differences);
  });
  if (!isDeepStrictEqual(fastLines.lineStarts, lines.lineStarts)) differences.push("line starts differ");
  return { fast: true, differences };
}

const SUBSCRIPTIONS = [
  "# yaml-language-server: $schema=../schemas/subscriptions.schema.json",
  "subscriptions:",
  "  - name: build-failed-0   # the main one",
  "    project: WebSite",
  "    eventType: build.complete",
  '    resourceVersion: "1.0"',
  "    publisherInputs: { buildStatus: Failed, definitionName: Definition-0 }",
  "    consumerId: webHooks",
  "    consumerActionId: httpRequest",
  "    consumerInputs:",
  "      url: https://hooks.example.com/build/0?a=b#c",
  "      basicAuthPassword: ${env:HOOK_PASSWORD}",
  "      ttl: 604800",
  "      visiTimeout: 0",
  "",
  "  -   name: fan-out",
  "      projects: [WebSite, 'Mobile', \"Platform\"]",
  "      id: 6c1f3b7e-8a2d-4f5e-9b0c-1d2e3f4a5b6c",
  "      enabled: false",
  "      allowInsecureUrl: TRUE",
  "      publisherInputs: {}",
  "      consumerInputs:",
  "        basicAuthUsername: null",
  "        basicAuthPassword: ~",
  "        note: it's a#b, {not} [flow]",
  "        url:",
  "      tags:",
  "      - a",
  "      -  b",
  "",
].join("\n");

describe("parseSimpleYaml (the fast path for plain YAML)", () => {
  it.each([
    ["a subscription file", SUBSCRIPTIONS],
    ["the same with CRLF line ends", SUBSCRIPTIONS.replace(/\n/g, "\r\n")],
    ["hookops.yaml", "organization: fabrikam\ninclude: ['hooks/**/*.yaml']\ndefaults:\n  enabled: true\n"],
    ["a list under its key in the same column", "include:\n- a\n- b\nprune:\n  enabled: yes\n"],
    ["nested lists of maps", "a:\n  - b:\n      - c: 1\n        d: [x, y]\n    e: -1\n"],
    ["numbers and words the core schema types", "a: 0x1F\nb: 1e3\nc: .inf\nd: 1_000\ne: 007\nf: 3.0-preview.1\ng: ...\nh: -x\n"],
    ["keys that are Object.prototype names", "__proto__: 1\nconstructor: 2\ntoString: { hasOwnProperty: 3 }\n"],
    ["no final newline and an indented root", "  a: 1\n  b: 2"],
    ["several documents, the first opened by ---", "# intro\n---\na: 1\n--- # second\n- b\n---\nc: { d: e }\n"],
    ["comments after flow collections and quoted values", "a: { b: c }  # one\nd: [e] # two\nf: 'g' # three\nh: [ ]\n"],
  ])("reads %s exactly as yaml does", (_name, text) => {
    expect(compare(text)).toEqual({ fast: true, differences: [] });
  });

  it.each([
    ["anchors and aliases", "a: &x 1\nb: *x\n"],
    ["merge keys", "a: { x: 1 }\nb:\n  <<: { x: 2 }\n"],
    ["tags", "a: !!str 1\n"],
    ["block scalars", "a: |\n  text\n"],
    ["multi-line plain scalars", "a: first\n  second\n"],
    ["escapes in double quotes", 'a: "tab\\t"\n'],
    ["doubled single quotes", "a: 'it''s'\n"],
    ["duplicate keys", "a: 1\na: 2\n"],
    ["duplicate keys in a flow map", "a: { b: 1, b: 2 }\n"],
    ["an empty document", "a: 1\n---\n# nothing\n"],
    ["an empty first document", "---\n# nothing\n---\na: 1\n"],
    ["content after a document start", "--- a: 1\n"],
    ["a document end marker", "a: 1\n...\n"],
    ["tabs", "a:\tb\n"],
    ["inconsistent indentation", "a:\n    b: 1\n  c: 2\n"],
    ["a list item in a map's column", "a: 1\n- b\n"],
    ["nested flow collections", "a: { b: [1] }\n"],
    ["a flow collection over several lines", "a: [1,\n  2]\n"],
    ["a key that yaml types as a boolean", "true: 1\n"],
    ["quoted keys", '"a": 1\n'],
    ["a compact nested map", "a: b: c\n"],
    ["a comment without a space before it", 'a: "x"#c\n'],
    ["a list in a list", "- - x\n"],
    ["a scalar document", "just text\n"],
    ["comments only", "# nothing\n"],
    ["nothing", ""],
    ["a byte order mark", "\ufeffa: 1\n"],
  ])("leaves %s to yaml", (_name, text) => {
    expect(compare(text)).toEqual({ fast: false });
  });

  it("agrees with yaml on every generated document it accepts", () => {
    // Seeded generator of YAML-like text mixing plain structure with awkward values and keys.
    let seed = 20_251_123;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = (values: readonly string[]): string => values[Math.floor(random() * values.length)] ?? "";
    const plainKeys = ["name", "a", "b_c", "x.y", "k-1", "url", "On", "__proto__"];
    const oddKeys = ['"q"', "a b", "<<", "?", "12", "-k", "null", "True", "a/b", "$x"];
    const plainValues = [
      "value",
      "hello world",
      "Definition-0",
      "https://x.example/a",
      "${env:X}",
      "1",
      "0",
      "true",
      "null",
      "6c1f3b7e-8a2d",
      '"1.0"',
      "'x'",
      '{ a: b, c: "d" }',
      "[a, b]",
      "1.5",
      "-3",
      "x # c",
      "a#b",
      "{}",
      "[]",
    ];
    const oddValues = [
      "a: b",
      "a:",
      "a:b",
      "*alias",
      "&anchor x",
      "!tag x",
      "|",
      ">",
      "@x",
      "%x",
      "[a, [b]]",
      "{a:1}",
      "[a,b,]",
      "'it''s'",
      '"esc\\n"',
      '"open',
      "x\u00a0y",
      "- x",
      "0o17",
      ".nan",
      "+.5",
      "---",
      "~",
      "x\ty",
      "{ a: 1, a: 2 }",
      "? x",
      ",x",
    ];
    const key = (): string => (random() < 0.9 ? pick(plainKeys) : pick(oddKeys));
    const scalar = (): string => (random() < 0.85 ? pick(plainValues) : pick(oddValues));
    const block = (indent: number, depth: number, lines: string[]): void => {
      const isList = depth < 3 && random() < 0.35;
      const count = 1 + Math.floor(random() * 4);
      for (let index = 0; index < count; index += 1) {
        if (random() < 0.1) lines.push(" ".repeat(Math.floor(random() * 6)) + pick(["# note", "", "   "]));
        if (!isList) {
          value(indent, depth, lines, `${" ".repeat(indent)}${key()}:`);
        } else if (random() < 0.5) {
          const pad = random() < 0.8 ? " " : "   ";
          const column = indent + 1 + pad.length;
          value(column, depth, lines, `${" ".repeat(indent)}-${pad}${key()}:`);
          if (random() < 0.5) value(column, depth, lines, `${" ".repeat(column)}${key()}:`);
        } else {
          lines.push(`${" ".repeat(indent)}- ${scalar()}`);
        }
      }
    };
    const value = (indent: number, depth: number, lines: string[], head: string): void => {
      const choice = random();
      if (choice < 0.55 || depth > 3) lines.push(`${head} ${scalar()}${random() < 0.1 ? " # trailing" : ""}`);
      else if (choice < 0.6) lines.push(head);
      else {
        lines.push(head);
        block(indent + Number(pick(["0", "1", "2", "2", "4"])), depth + 1, lines);
      }
    };
    let accepted = 0;
    const disagreements: string[] = [];
    for (let round = 0; round < 3000; round += 1) {
      const lines: string[] = [];
      const documents = random() < 0.2 ? 2 : 1;
      for (let document = 0; document < documents; document += 1) {
        if (document > 0 || random() < 0.2) lines.push(pick(["---", "--- # next", "---  ", "--- x", "..."]));
        if (random() < 0.05) lines.push("# no content");
        else block(0, 0, lines);
      }
      let text = `${lines.join("\n")}\n`;
      if (random() < 0.1) text = text.replace(/\n/g, "\r\n");
      const outcome = compare(text);
      if (!outcome.fast) continue;
      accepted += 1;
      if (outcome.differences.length > 0 && disagreements.length < 3) disagreements.push(`${JSON.stringify(text)}: ${outcome.differences.join("; ")}`);
    }
    expect(disagreements).toEqual([]);
    // The generator mostly writes plain YAML, so the fast path must take a good share of it.
    expect(accepted).toBeGreaterThan(600);
  });
});

describe("loading through the fast path and through yaml", () => {
  it("gives the same subscriptions and finding positions either way", async () => {
    const plain = [
      "subscriptions:",
      "  - name: a",
      "    project: WebSite",
      "    eventType: build.complete",
      "    consumerId: webHooks",
      "    consumerActionId: httpRequest",
      "    consumerInputs:",
      "      url: http://hooks.example.com/a",
      "      messagesToSend: sometimes",
      "",
    ].join("\n");
    // An anchor nobody uses sends the same content through yaml.
    const anchored = plain.replace("  - name: a", "  - &first\n    name: a");
    const fast = await check({ "hookops.yaml": "organization: fabrikam\n", "hooks/a.yaml": plain });
    const slow = await check({ "hookops.yaml": "organization: fabrikam\n", "hooks/a.yaml": anchored });
    const shift = (text: string): string => text.replace(/hooks\/a\.yaml:(\d+):/, (_match, row: string) => `hooks/a.yaml:${Number(row) + 1}:`);
    expect(fast.lines.length).toBeGreaterThan(0);
    expect(slow.lines).toEqual(fast.lines.map(shift));
    expect(slow.load.subscriptions).toEqual(
      fast.load.subscriptions.map((subscription) => {
        const down = (at: { file: string; line: number; column: number }) => ({ ...at, line: at.line + 1 });
        return {
          ...subscription,
          source: down(subscription.source),
          ...(subscription.projectSource ? { projectSource: down(subscription.projectSource) } : {}),
        };
      }),
    );
  });
});
