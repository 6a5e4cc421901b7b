import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadRepository, projectMatcher } from "../../src/config/index.js";
import { createAjv, loadSchema } from "../../src/config/schema.js";
import { renderFindingsText, toValidationReport } from "../../src/report/index.js";
import { check, withHooks } from "./helpers.js";

/** One subscription at line 2; `body` lines follow the name at 4-space indent. */
function hook(body: string, name = "deploy-alerts"): string {
  return `subscriptions:\n  - name: ${name}\n${body.replace(/^/gm, "    ").trimEnd()}\n`;
}

const WEBHOOK = `eventType: build.complete
consumerId: webHooks
consumerActionId: httpRequest
consumerInputs:
  url: https://hooks.example.com/ado`;

describe("project patterns in the configuration", () => {
  it('keeps `projects: "*"` for plan instead of fanning it out, with where each item is written', async () => {
    const { lines, load } = await check(withHooks(hook(`projects: "*"\n${WEBHOOK}`)));
    expect(lines).toEqual([]);
    expect(load.subscriptions).toEqual([]);
    expect(load.patterned).toHaveLength(1);
    const [item] = load.patterned ?? [];
    expect(item?.template).toMatchObject({
      name: "deploy-alerts",
      project: "",
      eventType: "build.complete",
      consumerInputs: { url: "https://hooks.example.com/ado" },
    });
    expect(item?.include).toEqual([{ text: "*", pattern: true, source: { file: "hooks/hooks.yaml", line: 3, column: 5 } }]);
    expect(item?.exclude).toEqual([]);
  });

  it("keeps globs, names and excludes in the written order; a plain fan-out is expanded as before", async () => {
    const hooks = [
      "subscriptions:",
      "  - name: deploy-alerts",
      '    projects: ["Team-*", WebSite]',
      '    excludeProjects: [Team-Legacy, "*-archive"]',
      ...WEBHOOK.split("\n").map((line) => `    ${line}`),
      "  - name: plain",
      "    projects: [Mobile, Platform]",
      ...WEBHOOK.replace("ado", "plain")
        .split("\n")
        .map((line) => `    ${line}`),
    ].join("\n");
    const { lines, load } = await check(withHooks(`${hooks}\n`));
    expect(lines).toEqual([]);
    expect(load.subscriptions.map((subscription) => subscription.name)).toEqual(["plain@Mobile", "plain@Platform"]);
    const [item] = load.patterned ?? [];
    expect(item?.include.map(({ text, pattern, source }) => [text, pattern, source.line, source.column])).toEqual([
      ["Team-*", true, 3, 16],
      ["WebSite", false, 3, 26],
    ]);
    expect(item?.exclude.map(({ text, pattern, source }) => [text, pattern, source.line, source.column])).toEqual([
      ["Team-Legacy", false, 4, 23],
      ["*-archive", true, 4, 36],
    ]);
  });

  it("excludeProjects alone (no pattern) also waits for plan: names and GUIDs are only told apart online", async () => {
    const { lines, load } = await check(withHooks(hook(`projects: [WebSite, Mobile]\nexcludeProjects: [Mobile]\n${WEBHOOK}`)));
    expect(lines).toEqual([]);
    expect(load.subscriptions).toEqual([]);
    expect(load.patterned?.[0]?.include.map((selector) => selector.pattern)).toEqual([false, false]);
  });

  it("inherits patterns from defaults; an entry naming its own project takes neither projects nor excludeProjects", async () => {
    const config = 'organization: fabrikam\ndefaults:\n  projects: "*"\n  excludeProjects: [Sandbox]\n';
    const hooks = `${hook(WEBHOOK)}${hook(`project: WebSite\n${WEBHOOK.replace("ado", "site")}`, "site-only").replace("subscriptions:\n", "")}`;
    const { lines, load } = await check(withHooks(hooks, config));
    expect(lines).toEqual([]);
    expect(load.subscriptions.map((subscription) => [subscription.name, subscription.project])).toEqual([["site-only", "WebSite"]]);
    expect(load.patterned?.map((item) => [item.template.name, item.include.map((s) => s.text), item.exclude.map((s) => [s.text, s.source.line])])).toEqual([
      ["deploy-alerts", ["*"], [["Sandbox", 4]]],
    ]);
  });

  it("reports pattern syntax errors at file:line:column, and says plan expands what validate cannot", async () => {
    const body = `projects: ["!Legacy", "Team-[AB]", "Web*"]\nexcludeProjects: ["a/b*"]\n${WEBHOOK}`;
    const { lines } = await check(withHooks(hook(body)));
    expect(lines).toEqual([
      'hooks/hooks.yaml:3:16: error invalid-project-pattern: projects[0] "!Legacy": "!" does not negate here; list "Legacy" under excludeProjects instead',
      'hooks/hooks.yaml:3:27: error invalid-project-pattern: projects[1] "Team-[AB]": "[" is not allowed; only * (any run of characters) and ? (one character) are wildcards, and project names cannot contain [',
      'hooks/hooks.yaml:4:23: error invalid-project-pattern: excludeProjects[0] "a/b*": "/" is not allowed; only * (any run of characters) and ? (one character) are wildcards, and project names cannot contain /',
    ]);

    const valid = await check(withHooks(hook(`projects: ["Team-?", "Web*"]\n${WEBHOOK}`)));
    expect(renderFindingsText(toValidationReport(valid.load))).toBe(
      "Valid: 0 subscriptions in 2 files; 1 declaration with project patterns, expanded by plan (validate cannot: it does not read the organization's projects).\n",
    );
    expect(toValidationReport(valid.load)).toMatchObject({ subscriptions: 0, patterned: 1 });
  });

  it("refuses a pattern in `project`, excludeProjects next to `project`, and an id with a pattern", async () => {
    const first = await check(withHooks(hook(`project: "Team-*"\nexcludeProjects: [Sandbox]\n${WEBHOOK}`)));
    expect(first.lines).toEqual([
      'hooks/hooks.yaml:3:14: error invalid-project-pattern: "project" names one project, and "Team-*" is a pattern; write projects: ["Team-*"] to have one copy per matching project',
      'hooks/hooks.yaml:4:5: error exclude-without-projects: "excludeProjects" narrows "projects"; it has no meaning next to "project"',
    ]);
    const pinned = await check(withHooks(hook(`projects: "*"\nid: 6c1f3b7e-8a2d-4f5e-9b0c-1d2e3f4a5b6c\n${WEBHOOK}`)));
    expect(pinned.lines).toEqual([
      'hooks/hooks.yaml:4:9: error id-with-fan-out: "id" pins one live subscription, so it cannot be combined with the project pattern "*"',
    ]);
  });

  it("matches case-insensitively with * and ? only", () => {
    const matches = (pattern: string, name: string) => projectMatcher(pattern)(name);
    expect(matches("*", "WebSite")).toBe(true);
    expect(matches("team-*", "Team-Data")).toBe(true);
    expect(matches("Team-?", "Team-A")).toBe(true);
    expect(matches("Team-?", "Team-AB")).toBe(false);
    expect(matches("Web.Site", "WebXSite")).toBe(false);
    expect(matches("*-archive", "Old-Archive")).toBe(true);
  });
});

describe("organization-wide subscriptions in the configuration", () => {
  it("declares one with no project and no copies", async () => {
    const { lines, load } = await check(
      withHooks(hook(`organizationWide: true\neventType: workitem.updated\n${WEBHOOK.replace("eventType: build.complete\n", "")}`)),
    );
    expect(lines).toEqual([]);
    expect(load.subscriptions).toHaveLength(1);
    expect(load.subscriptions[0]).toMatchObject({ name: "deploy-alerts", project: "", organizationWide: true, publisherId: "tfs" });
  });

  it("refuses a project next to it and a filter naming a repository; warns for publishers not confirmed", async () => {
    const body =
      "organizationWide: true\nproject: WebSite\neventType: git.push\npublisherInputs:\n  repository: fabrikam-web\nconsumerId: webHooks\nconsumerActionId: httpRequest\nconsumerInputs:\n  url: https://hooks.example.com/ado";
    const { lines } = await check(withHooks(hook(body)));
    expect(lines).toEqual([
      'hooks/hooks.yaml:4:5: error project-conflict: organizationWide: true means no project; remove "project" (or organizationWide)',
      'hooks/hooks.yaml:7:19: error organization-wide-name: publisherInputs.repository: "fabrikam-web" is a name, and an organization-wide subscription has no project to look it up in; give the id',
    ]);
    const release = await check(
      withHooks(
        hook(
          "organizationWide: true\neventType: ms.vss-release.release-created-event\nconsumerId: webHooks\nconsumerActionId: httpRequest\nconsumerInputs:\n  url: https://hooks.example.com/rm",
        ),
      ),
    );
    expect(release.lines).toEqual([
      'hooks/hooks.yaml:3:23: warning organization-wide-unconfirmed: organization-wide subscriptions are confirmed for "tfs" events only; the service may refuse a "rm" subscription without a project when it is applied',
    ]);
  });

  it("is not a default, and takes no project from defaults", async () => {
    const config = "organization: fabrikam\ndefaults:\n  organizationWide: true\n";
    const refused = await check(withHooks(hook(`project: WebSite\n${WEBHOOK}`), config));
    expect(refused.lines).toEqual([
      'hookops.yaml:3:3: error unknown-key: unknown key "organizationWide" in "defaults". Set it on each organization-wide subscription.',
    ]);
    const inherited = await check(withHooks(hook(`organizationWide: true\n${WEBHOOK}`), "organization: fabrikam\ndefaults:\n  project: WebSite\n"));
    expect(inherited.lines).toEqual([]);
    expect(inherited.load.subscriptions[0]).toMatchObject({ project: "", organizationWide: true });
  });
});

describe("the committed schemas", () => {
  const ajv = createAjv();
  const subscriptions = ajv.compile(loadSchema("subscriptions"));
  const hookops = ajv.compile(loadSchema("hookops"));
  const base = { name: "a", eventType: "build.complete", consumerId: "webHooks", consumerActionId: "httpRequest" };

  it('accept "*", pattern lists, excludeProjects, organizationWide and prune.scope.organizationWide', () => {
    expect(subscriptions({ subscriptions: [{ ...base, projects: "*", excludeProjects: ["Sandbox", "*-archive"] }] })).toBe(true);
    expect(subscriptions({ subscriptions: [{ ...base, projects: ["Team-*", "WebSite"] }] })).toBe(true);
    expect(subscriptions({ subscriptions: [{ ...base, organizationWide: true }] })).toBe(true);
    expect(hookops({ defaults: { projects: "*", excludeProjects: ["Sandbox"] }, prune: { enabled: true, scope: { organizationWide: true } } })).toBe(true);
  });

  it('refuse a projects string other than "*", and organizationWide in defaults', () => {
    expect(subscriptions({ subscriptions: [{ ...base, projects: "Team-*" }] })).toBe(false);
    expect(subscriptions({ subscriptions: [{ ...base, organizationWide: "yes" }] })).toBe(false);
    expect(hookops({ defaults: { organizationWide: true } })).toBe(false);
  });

  it("explain a wrong projects value at its line", async () => {
    const { lines } = await check(withHooks(hook(`projects: Team-*\n${WEBHOOK}`)));
    expect(lines).toEqual(['hooks/hooks.yaml:3:15: error invalid-value: "projects" must be "*" (every project) or a list of project names, GUIDs or patterns']);
  });
});

describe("examples/every-project", () => {
  it("validates with no findings: two patterned declarations for plan, one organization-wide subscription", async () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
    const load = await loadRepository("examples/every-project", { cwd: repoRoot, env: {} });
    expect(load.findings).toEqual([]);
    expect(load.config?.prune.scope).toEqual({ createdBy: "self", organizationWide: true });
    expect(load.subscriptions.map((subscription) => [subscription.name, subscription.organizationWide])).toEqual([["all-work-item-updates", true]]);
    expect(
      load.patterned?.map((item) => [item.template.name, item.include.map((selector) => selector.text), item.exclude.map((selector) => selector.text)]),
    ).toEqual([
      ["failed-builds", ["*"], ["Sandbox", "*-archive"]],
      ["team-pushes", ["Team-*"], []],
    ]);
  });
});
