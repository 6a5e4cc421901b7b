import { describe, expect, it } from "vitest";
import { check } from "./helpers.js";

function entry(name: string, extra = "", inputs = 'url: "https://hooks.example.com/ci"'): string {
  return [
    `  - name: ${name}`,
    "    project: WebSite",
    "    eventType: build.complete",
    "    consumerId: webHooks",
    "    consumerActionId: httpRequest",
    `    consumerInputs: { ${inputs} }`,
    ...(extra === "" ? [] : extra.split("\n").map((text) => `    ${text}`)),
  ].join("\n");
}

describe("repository-wide rules", () => {
  it("names are unique across files", async () => {
    const { lines } = await check({
      "hookops.yaml": "{}\n",
      "hooks/a.yaml": `subscriptions:\n${entry("ci")}\n`,
      "hooks/b.yaml": `subscriptions:\n${entry("ci", "", 'url: "https://hooks.example.com/other"')}\n`,
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/b.yaml:2:11: error duplicate-name: name "ci" is already used by the subscription at hooks/a.yaml:2:5; names must be unique in the repository",
      ]
    `);
  });

  it("a pinned id is used once", async () => {
    const id = "id: 6c1f3b7e-8a2d-4f5e-9b0c-1d2e3f4a5b6c";
    const { lines } = await check({
      "hookops.yaml": "{}\n",
      "hooks/a.yaml": `subscriptions:\n${entry("a", id)}\n${entry("b", id.toUpperCase().replace("ID:", "id:"), 'url: "https://hooks.example.com/b"')}\n`,
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml:15:9: error duplicate-id: id "6C1F3B7E-8A2D-4F5E-9B0C-1D2E3F4A5B6C" is already pinned by "a" at hooks/a.yaml:2:5",
      ]
    `);
  });

  it('two subscriptions with the same natural key are an error (filters case-folded, "" same as missing)', async () => {
    const { lines } = await check({
      "hookops.yaml": "{}\n",
      "hooks/a.yaml": `subscriptions:\n${entry("a", "publisherInputs: { buildStatus: Failed, definitionName: '' }")}\n`,
      "hooks/b.yaml": `subscriptions:\n${entry("b", 'publisherInputs: { buildStatus: failed }\nresourceVersion: "1.0"', "url: 'https://hooks.example.com/ci', messagesToSend: none")}\n`,
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/b.yaml:2:5: error duplicate-subscription: "b" is the same subscription as "a" (hooks/a.yaml:2:5): same project, event, filters, consumer, action and url",
      ]
    `);
  });

  it("different filters, projects or targets are different subscriptions", async () => {
    const { lines } = await check({
      "hookops.yaml": "{}\n",
      "hooks/a.yaml": `subscriptions:\n${entry("a", "publisherInputs: { buildStatus: Failed }")}\n${entry("b", "publisherInputs: { buildStatus: Succeeded }")}\n${entry("c", "", 'url: "https://hooks.example.com/c"')}\n${entry("d").replace("project: WebSite", "project: Mobile")}\n`,
    });
    expect(lines).toEqual([]);
  });

  it("fan-out to the same project twice (any case) points at the repeated project", async () => {
    const { lines, load } = await check({
      "hookops.yaml": "{}\n",
      "hooks/a.yaml": `subscriptions:\n${entry("fan").replace("project: WebSite", "projects: [WebSite, Mobile, website]")}\n`,
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml:3:33: error duplicate-subscription: "fan@website" is the same subscription as "fan@WebSite" (hooks/a.yaml:2:5): same project, event, filters, consumer, action and url",
      ]
    `);
    expect(load.subscriptions.map((subscription) => subscription.name)).toEqual(["fan@WebSite", "fan@Mobile", "fan@website"]);
  });
});

describe("schema findings", () => {
  it("unknown keys get a did-you-mean or a hint, at the key", async () => {
    const { lines } = await check({
      "hookops.yaml": "organisation: fabrikam\nprune:\n  enable: true\n  scope: { creator: self }\n",
      "hooks/a.yaml": `subscriptions:\n${entry("a", "consumerInput: {}\nstatus: disabledByUser\nprojectId: abc")}\n`,
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:1:1: error unknown-key: unknown key "organisation" in hookops.yaml. Did you mean "organization"?",
        "hookops.yaml:3:3: error unknown-key: unknown key "enable" in "prune". Did you mean "enabled"?",
        "hookops.yaml:4:12: error unknown-key: unknown key "creator" in "prune.scope".",
        "hooks/a.yaml:8:5: error unknown-key: unknown key "consumerInput" in subscription. Did you mean "consumerInputs" or "consumerId"?",
        "hooks/a.yaml:9:5: error unknown-key: unknown key "status" in subscription. Use "enabled: false" to disable a subscription.",
        "hooks/a.yaml:10:5: error unknown-key: unknown key "projectId" in subscription. Use "project" (a name or GUID).",
      ]
    `);
  });

  it("invalid values in hookops.yaml", async () => {
    const config = [
      "organization: https://dev.azure.com/fabrikam",
      "include: []",
      "prune:",
      "  enabled: true",
      "  scope:",
      "    createdBy: someone",
      "    projects: []",
      "  maxDeletes: -1",
      "protect:",
      "  - {}",
      "defaults:",
      "  name: shared",
      "  allowInsecureUrl: true",
      "",
    ].join("\n");
    const { lines } = await check({ "hookops.yaml": config, "hooks/a.yaml": `subscriptions:\n${entry("a")}\n` });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:2:10: error invalid-value: "include" must list at least 1 item",
        "hookops.yaml:6:16: error invalid-value: "prune.scope.createdBy" must be "self", "any" or a list of identity ids",
        "hookops.yaml:7:15: error invalid-value: "prune.scope.projects" must list at least 1 item",
        "hookops.yaml:8:15: error invalid-value: "prune.maxDeletes" must be at least 0",
        "hookops.yaml:10:5: error invalid-value: "protect[0]" must not be empty",
        "hookops.yaml:12:3: error unknown-key: unknown key "name" in "defaults". A name belongs to one subscription; set it on each subscription.",
        "hookops.yaml:13:3: error unknown-key: unknown key "allowInsecureUrl" in "defaults". Set it on each subscription that needs an http:// URL.",
      ]
    `);
  });

  it("names may not contain @ or spaces, ids are GUIDs", async () => {
    const { lines } = await check({
      "hookops.yaml": "{}\n",
      "hooks/a.yaml": `subscriptions:\n${entry("a@b")}\n${entry("'c d'", "id: 1234", 'url: "https://hooks.example.com/c"')}\n`,
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml:2:11: error invalid-value: "name" is not valid: a name may not contain "@" (reserved for fan-out) or whitespace",
        "hooks/a.yaml:8:11: error invalid-value: "name" is not valid: a name may not contain "@" (reserved for fan-out) or whitespace",
        "hooks/a.yaml:14:9: error wrong-type: "id" must be a string, not a whole number; quote it: "1234"",
      ]
    `);
  });
});
