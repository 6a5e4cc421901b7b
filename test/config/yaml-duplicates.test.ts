import { describe, expect, it } from "vitest";
import { isScalar, parseAllDocuments, visit, type Document } from "yaml";
import { findDuplicateKeys, type DuplicateKey } from "../../src/config/yaml-duplicates.js";
import { check, line, withHooks } from "./helpers.js";

const OPTIONS = { prettyErrors: false, merge: true } as const;

/** What the library's own (quadratic) uniqueKeys check reports, as the loader used to read it. */
function libraryDuplicates(text: string): DuplicateKey[] {
  return parseAllDocuments(text, { ...OPTIONS, uniqueKeys: true })
    .flatMap((document: Document.Parsed) =>
      document.errors
        .filter((error) => error.code === "DUPLICATE_KEY")
        .map((error) => {
          let name = "";
          visit(document, {
            Pair(_key, pair) {
              if (isScalar(pair.key) && pair.key.range?.[0] === error.pos[0]) {
                name = String(pair.key.value);
                return visit.BREAK;
              }
              return undefined;
            },
          });
          return { offset: error.pos[0], name };
        }),
    )
    .sort((a, b) => a.offset - b.offset);
}

function linearDuplicates(text: string): DuplicateKey[] {
  return parseAllDocuments(text, { ...OPTIONS, uniqueKeys: false }).flatMap((document: Document.Parsed) => findDuplicateKeys(document));
}

const CASES: Record<string, string> = {
  "block map": "a: 1\nb: 2\na: 3\n",
  "three times": "a: 1\na: 2\na: 3\n",
  "flow map": "{ a: 1, b: 2, a: 3 }\n",
  nested: "top:\n  inner: { x: 1, x: 2 }\n  list:\n    - k: 1\n      k: 2\n    - k: 3\n",
  "anchored key": "&a k: 1\nk: 2\n",
  "tagged key": '!!str 1: a\n"1": b\n',
  "number and string keys differ": '1: a\n"1": b\n',
  "null keys": "~: a\nnull: b\n",
  "empty keys": ": a\n: b\n",
  "merge keys": "base: &b { x: 1 }\nother: &o { y: 1 }\nm:\n  <<: *b\n  <<: *o\n",
  "explicit keys": "? k\n: 1\n? k\n: 2\n",
  "block scalar keys": "? |\n  k\n: 1\n? |\n  k\n: 2\n",
  nan: ".nan: 1\n.nan: 2\n",
  "quoted and plain": "'k': 1\nk: 2\n\"k\": 3\n",
  "comments before keys": "a: 1\n# a comment\n  # indented\na: 2\n",
  "several documents": "a: 1\na: 2\n---\nb: 1\n---\nb: 1\nb: 2\n",
  "flow pairs in a sequence": "[a: 1, a: 2]\n",
  "alias keys": "x: &k key\n*k : 1\n*k : 2\n",
  "with a syntax error elsewhere": "a: 1\na: 2\nb: [1\n",
  "spaces before the colon": "a   : 1\na : 2\n",
};

describe("duplicate keys in linear time", () => {
  it.each(Object.entries(CASES))("%s: the same duplicates, at the same offsets, as the yaml library", (_name, text) => {
    expect(linearDuplicates(text)).toEqual(libraryDuplicates(text));
  });

  it("a 20,000-key map with duplicates reports exactly those", () => {
    const keys = Array.from({ length: 20_000 }, (_, index) => `k${index}: v`);
    keys.push("k7: again", "k19999: again");
    const text = `${keys.join("\n")}\n`;
    const found = linearDuplicates(text);
    expect(found.map((duplicate) => duplicate.name)).toEqual(["k7", "k19999"]);
    expect(found.map((duplicate) => duplicate.offset)).toEqual([text.indexOf("k7: again"), text.indexOf("k19999: again")]);
  });

  it("findings read as before: rule, message and position", async () => {
    // An anchor sends the file through the yaml library (the fast path gives up on it).
    const hooks = "subscriptions:\n  - name: &n a\n    project: WebSite\n    project: Mobile\n    eventType: build.complete\n";
    const { lines, load } = await check(withHooks(hooks));
    expect(lines).toEqual(['hooks/hooks.yaml:4:5: error duplicate-key: duplicate key "project"; each key may appear once in a map']);
    expect(load.findings.map(line)).toEqual(lines);
    expect(load.subscriptions).toEqual([]);
  });
});
