import { mkdir, symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/config/index.js";
import { MAX_FILE_BYTES } from "../../src/config/read.js";
import { CONFIG, check, line, makeRepo, withHooks } from "./helpers.js";

const VALID_HOOK = `subscriptions:
  - name: ci
    project: WebSite
    eventType: build.complete
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs: { url: "https://hooks.example.com/ci" }
`;

describe("bad input becomes findings with a location", () => {
  it("malformed YAML", async () => {
    const { lines, load } = await check(withHooks("subscriptions:\n  - name: a\n    project: [WebSite\n    eventType: build.complete\n"));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:3:14: error yaml-syntax: the "[" that starts this list is never closed: end it with "]" on the same line, or write the list as indented lines",
      ]
    `);
    expect(load.subscriptions).toEqual([]);
  });

  it("duplicate keys, pointing at the second key", async () => {
    const { lines } = await check(withHooks(VALID_HOOK.replace("    eventType: build.complete\n", "    eventType: build.complete\n    eventType: git.push\n")));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:5:5: error duplicate-key: duplicate key "eventType"; each key may appear once in a map",
      ]
    `);
  });

  it("an alias expansion bomb", async () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "subscriptions: []",
      "",
    ].join("\n");
    const { lines } = await check(withHooks(bomb));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:2:8: error alias-limit: aliases expand to too many nodes (over 100 per alias); refusing a possible expansion bomb",
      ]
    `);
  });

  it("a few aliases are fine", async () => {
    const hooks = `subscriptions:
  - name: a
    project: WebSite
    eventType: build.complete
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs: &target { url: "https://hooks.example.com/a" }
  - name: b
    project: Mobile
    eventType: build.complete
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs: *target
`;
    const { lines, load } = await check(withHooks(hooks));
    expect(lines).toEqual([]);
    expect(load.subscriptions.map((subscription) => subscription.consumerInputs.url)).toEqual(["https://hooks.example.com/a", "https://hooks.example.com/a"]);
  });

  it("a file over the size cap", async () => {
    const big = `subscriptions: []\n#${"x".repeat(MAX_FILE_BYTES)}\n`;
    const { lines } = await check(withHooks(big));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:1:1: error file-too-large: file is 1048596 bytes; the limit is 1048576 bytes (1 MiB) — split it into several files",
      ]
    `);
  });

  it("bytes that are not UTF-8, located at the first bad byte", async () => {
    const bytes = Buffer.concat([Buffer.from("subscriptions:\n  - name: caf"), Buffer.from([0xe9]), Buffer.from("\n")]);
    const { lines } = await check({ "hookops.yaml": CONFIG, "hooks/latin1.yaml": bytes });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/latin1.yaml:2:14: error invalid-encoding: file is not valid UTF-8; save it as UTF-8",
      ]
    `);
  });

  it("a UTF-8 byte order mark is accepted", async () => {
    const { lines } = await check(withHooks(`\uFEFF${VALID_HOOK}`));
    expect(lines).toEqual([]);
  });

  it("empty files: no bytes, or only comments", async () => {
    const { lines } = await check({ "hookops.yaml": CONFIG, "hooks/a.yaml": "", "hooks/b.yaml": "# nothing here yet\n\n", "hooks/c.yaml": VALID_HOOK });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml:1:1: error empty-file: file has no content",
        "hooks/b.yaml:1:1: error empty-file: file has no content",
      ]
    `);
  });

  it("wrong types", async () => {
    const hooks = `subscriptions:
  - name: ci
    project: WebSite
    eventType: build.complete
    resourceVersion: 1.0
    enabled: "yes"
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs: [url, https://hooks.example.com]
  - just a string
`;
    const { lines } = await check(withHooks(hooks));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:5:22: error wrong-type: "resourceVersion" must be a string, not a whole number; quote it: "1.0"",
        "hooks/hooks.yaml:6:14: error wrong-type: "enabled" must be true or false, not a string",
        "hooks/hooks.yaml:9:21: error wrong-type: "consumerInputs" must be a map, not a list",
        "hooks/hooks.yaml:10:5: error wrong-type: subscription must be a map, not a string",
      ]
    `);
  });

  it("a subscription file that is not a map", async () => {
    const { lines } = await check(withHooks("- name: ci\n"));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:1:1: error wrong-type: hookops subscription file must be a map, not a list",
      ]
    `);
  });

  it("a missing hookops.yaml names the path looked for", async () => {
    const root = await makeRepo({ "hooks/a.yaml": VALID_HOOK });
    const load = await loadRepository("repo-that-is-not-here", { cwd: root, env: {} });
    expect(load.findings.map(line)).toMatchInlineSnapshot(`
      [
        "repo-that-is-not-here/hookops.yaml:1:1: error config-not-found: directory "repo-that-is-not-here" does not exist (looked for repo-that-is-not-here/hookops.yaml)",
      ]
    `);
    const here = await loadRepository(".", { cwd: root, env: {} });
    expect(here.findings.map(line)).toMatchInlineSnapshot(`
      [
        "hookops.yaml:1:1: error config-not-found: no hookops.yaml found at hookops.yaml (create it, or pass --config <path>)",
      ]
    `);
    const explicit = await loadRepository(".", { cwd: root, env: {}, configPath: "conf/hookops.yaml" });
    expect(explicit.findings.map(line)).toMatchInlineSnapshot(`
      [
        "conf/hookops.yaml:1:1: error config-not-found: directory "conf" does not exist (looked for conf/hookops.yaml)",
      ]
    `);
    expect(here.config).toBeUndefined();
  });

  it("hookops.yml is pointed out when hookops.yaml is missing", async () => {
    const { lines } = await check({ "hookops.yml": CONFIG });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:1:1: error config-not-found: no hookops.yaml found at hookops.yaml; found hookops.yml — rename it to hookops.yaml",
      ]
    `);
  });

  it("an include glob that matches nothing, written or default", async () => {
    const written = await check({ "hookops.yaml": `${CONFIG}include:\n  - "hooks/**/*.yaml"\n  - "teams/*.yaml"\n`, "hooks/a.yaml": VALID_HOOK });
    expect(written.lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:4:5: error include-no-match: include pattern "teams/*.yaml" matches no files under .",
      ]
    `);
    const fallback = await check({ "hookops.yaml": CONFIG });
    expect(fallback.lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:1:1: error include-no-match: the default include pattern "hooks/**/*.{yaml,yml}" matches no files under .",
      ]
    `);
  });

  it("include patterns may not leave the root", async () => {
    const { lines } = await check({ "hookops.yaml": `${CONFIG}include: ["../other/*.yaml", "hooks/*.yaml"]\n`, "hooks/a.yaml": VALID_HOOK });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:2:11: error invalid-value: include pattern "../other/*.yaml" leaves the repository root; patterns are relative to the folder of hookops.yaml",
      ]
    `);
  });

  it("hookops.yaml holds one document", async () => {
    const { lines } = await check({ "hookops.yaml": `${CONFIG}---\norganization: other\n`, "hooks/a.yaml": VALID_HOOK });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:3:1: error multiple-documents: hookops.yaml must hold a single YAML document",
      ]
    `);
  });
});

describe("file discovery", () => {
  it("follows a symlinked folder inside the root, under the link's path", async () => {
    const hook = (name: string) => VALID_HOOK.replace("name: ci", `name: ${name}`).replace("/ci", `/${name}`);
    const root = await makeRepo({
      "hookops.yaml": `${CONFIG}include: ["hooks/**/*.yaml", "teams/**/*.yaml"]\n`,
      "hooks/b.yaml": hook("b"),
      "hooks/a.yaml": hook("a"),
      "teams/z/c.yaml": hook("c"),
      "shared/d.yaml": hook("d"),
    });
    await symlink(path.join(root, "shared"), path.join(root, "hooks", "linked"));
    const load = await loadRepository(".", { cwd: root, env: {} });
    expect(load.findings).toEqual([]);
    expect(load.files).toEqual(["hookops.yaml", "hooks/a.yaml", "hooks/b.yaml", "hooks/linked/d.yaml", "teams/z/c.yaml"]);
    expect(load.subscriptions.map((subscription) => subscription.name)).toEqual(["a", "b", "d", "c"]);
  });

  it("walks sorted, honours ! excludes and skips node_modules and .git", async () => {
    const hook = (name: string) => VALID_HOOK.replace("name: ci", `name: ${name}`).replace("/ci", `/${name}`);
    const root = await makeRepo({
      "hookops.yaml": `${CONFIG}include: ["**/*.yaml", "!drafts/**"]\n`,
      "hooks/b.yaml": hook("b"),
      "hooks/a.yaml": hook("a"),
      "teams/z/c.yaml": hook("c"),
      "drafts/d.yaml": "not: [valid",
      "node_modules/pkg/e.yaml": "not: [valid",
      ".git/f.yaml": "not: [valid",
    });
    const load = await loadRepository(".", { cwd: root, env: {} });
    expect(load.findings).toEqual([]);
    expect(load.files).toEqual(["hookops.yaml", "hooks/a.yaml", "hooks/b.yaml", "teams/z/c.yaml"]);
    expect(load.subscriptions.map((subscription) => subscription.name)).toEqual(["a", "b", "c"]);
  });

  it("uses a symlinked file inside the root and refuses one that points outside", async () => {
    const outside = await makeRepo({ "x.yaml": VALID_HOOK.replace("name: ci", "name: outside") });
    const root = await makeRepo({ "hookops.yaml": CONFIG, "shared/inside.yaml": VALID_HOOK });
    await mkdir(path.join(root, "hooks"));
    await symlink(path.join(root, "shared", "inside.yaml"), path.join(root, "hooks", "inside.yaml"));
    await symlink(path.join(outside, "x.yaml"), path.join(root, "hooks", "outside.yaml"));
    const load = await loadRepository(".", { cwd: root, env: {} });
    expect(load.findings.map(line)).toMatchInlineSnapshot(`
      [
        "hooks/outside.yaml:1:1: error symlink-outside-root: "hooks/outside.yaml" is a symlink to a path outside the repository root; hookops reads only files inside the root",
      ]
    `);
    expect(load.subscriptions.map((subscription) => subscription.name)).toEqual(["ci"]);
  });

  it("--config points at another hookops.yaml whose folder is the root", async () => {
    const root = await makeRepo({ "ci/hookops.yaml": CONFIG, "ci/hooks/a.yaml": VALID_HOOK, "hooks/ignored.yaml": "broken: [" });
    const load = await loadRepository("ignored-dir", { cwd: root, env: {}, configPath: "ci/hookops.yaml" });
    expect(load.findings).toEqual([]);
    expect(load.files).toEqual(["ci/hookops.yaml", "ci/hooks/a.yaml"]);
    expect(load.config?.root).toBe(path.join(root, "ci"));
  });
});

describe("a broken hookops.yaml", () => {
  it("stops after reporting it, without guessing which files to include", async () => {
    const { lines, load } = await check({ "hookops.yaml": "organization: [fabrikam\n", "hooks/a.yaml": "broken: [" });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:1:15: error yaml-syntax: the "[" that starts this list is never closed: end it with "]" on the same line, or write the list as indented lines",
      ]
    `);
    expect(load.files).toEqual(["hookops.yaml"]);
  });

  it("a path to a file instead of a folder is named in the error", async () => {
    const root = await makeRepo({ "hookops.yaml": CONFIG, "hooks/a.yaml": VALID_HOOK });
    const load = await loadRepository("hooks/a.yaml", { cwd: root, env: {} });
    expect(load.findings.map(line)).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml/hookops.yaml:1:1: error config-not-found: "hooks/a.yaml" is not a directory (looked for hooks/a.yaml/hookops.yaml)",
      ]
    `);
  });
});
