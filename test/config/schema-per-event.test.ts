import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { catalog } from "../../src/catalog/index.js";
import { createAjv, loadSchema } from "../../src/config/schema.js";
import { withCatalogRules } from "../../src/report/catalog-schema.js";
import { check, withHooks } from "./helpers.js";

type Schema = Record<string, unknown>;

const ajv = createAjv();
const subscriptions = ajv.compile(loadSchema("subscriptions"));
const hookops = ajv.compile(loadSchema("hookops"));

/** The then-part of the catalog rule whose if names these values. */
function rule(def: "catalogEvents" | "catalogConsumers", ...ids: string[]): Schema {
  const rules = ((loadSchema("subscriptions").$defs as Record<string, Schema>)[def]?.allOf ?? []) as { if: Schema; then: Schema }[];
  const found = rules.find((candidate) => {
    const consts = Object.values(candidate.if.properties as Record<string, { const: string }>).map((property) => property.const);
    return consts.join("/") === ids.join("/");
  });
  if (!found) throw new Error(`no rule for ${ids.join("/")}`);
  return found.then.properties as Schema;
}

function property(schema: Schema, container: string, id: string): Schema {
  return ((schema[container] as Schema).properties as Record<string, Schema>)[id] ?? {};
}

describe("the schemas' per-event and per-consumer part", () => {
  it("is exactly what npm run schema:catalog generates from the catalog", () => {
    expect(loadSchema("subscriptions"), "run `npm run schema:catalog`").toEqual(withCatalogRules(loadSchema("subscriptions"), catalog, "subscription"));
    expect(loadSchema("hookops"), "run `npm run schema:catalog`").toEqual(withCatalogRules(loadSchema("hookops"), catalog, "defaults"));
    const defs = loadSchema("subscriptions").$defs as Record<string, { allOf: unknown[] }>;
    expect(defs.catalogEvents?.allOf).toHaveLength(catalog.eventTypeIds().length);
    expect(defs.catalogConsumers?.allOf).toHaveLength(catalog.consumers.reduce((total, consumer) => total + consumer.actions.length, 0));
  });

  it("describes an event's filters with their values for editors", () => {
    const buildStatus = property(rule("catalogEvents", "build.complete"), "publisherInputs", "buildStatus");
    expect(buildStatus.examples).toEqual(["Succeeded", "PartiallySucceeded", "Failed", "Stopped"]);
    expect(buildStatus.description).toContain('Values: "Succeeded", "PartiallySucceeded", "Failed", "Stopped", "" (any).');
    const repository = property(rule("catalogEvents", "git.push"), "publisherInputs", "repository");
    expect(repository.description).toContain("A name is looked up when planning.");
  });

  it("describes an action's required inputs, defaults and secrets", () => {
    const webHooks = rule("catalogConsumers", "webHooks", "httpRequest");
    expect((webHooks.consumerInputs as Schema).description).toContain("Required: url.");
    expect(property(webHooks, "consumerInputs", "basicAuthPassword")).toMatchObject({ writeOnly: true, examples: ["${env:BASIC_AUTH_PASSWORD}"] });
    expect(property(rule("catalogConsumers", "azureStorageQueue", "enqueue"), "consumerInputs", "ttl")).toMatchObject({ default: "604800" });
    expect(property(rule("catalogConsumers", "slack", "postMessageToChannel"), "consumerInputs", "url").writeOnly).toBe(true);
  });

  it("accepts references, values outside the lists and entries the catalog does not know, as the service does", () => {
    const file = parse(`
subscriptions:
  - name: any-build
    eventType: build.complete
    publisherInputs: { buildStatus: "\${env:STATUS}", definitionName: 12 }
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs: { url: "\${env:URL}", basicAuthPassword: "\${file:secrets/pw}", resourceDetailsToSend: all }
  - name: odd-status
    eventType: build.complete
    publisherInputs: { buildStatus: Cancelled }
  - name: someone-elses
    eventType: contoso.thing-happened
    publisherInputs: { whatever: x }
    consumerId: contoso
    consumerActionId: notify
    consumerInputs: { token: "\${env:TOKEN}" }
`);
    expect(subscriptions(file), JSON.stringify(subscriptions.errors)).toBe(true);
    expect(hookops({ defaults: { consumerId: "slack", consumerActionId: "postMessageToChannel", consumerInputs: { url: "${env:SLACK_URL}" } } })).toBe(true);
  });
});

describe("the schema rejects what validate rejects as unknown, where the catalog is certain", () => {
  const errorsOf = (text: string): string[] => {
    const valid = subscriptions(parse(text));
    return valid ? [] : (subscriptions.errors ?? []).filter((error) => error.keyword === "type").map((error) => `${error.instancePath} ${error.message}`);
  };
  const entry = (publisherInputs: string, consumer: string, consumerInputs: string) => `
subscriptions:
  - name: x
    project: WebSite
    eventType: build.complete
    publisherInputs: ${publisherInputs}
    ${consumer}
    consumerInputs: ${consumerInputs}
`;

  it("rejects a filter an event does not have and an input an action does not have", () => {
    expect(errorsOf(entry("{ buildStatuss: Failed }", "consumerId: webHooks\n    consumerActionId: httpRequest", '{ url: "${env:URL}" }'))).toEqual([
      "/subscriptions/0/publisherInputs/buildStatuss must be null",
    ]);
    expect(errorsOf(entry("{ buildStatus: Failed }", "consumerId: webHooks\n    consumerActionId: httpRequest", '{ url: "${env:URL}", passwrd: x }'))).toEqual([
      "/subscriptions/0/consumerInputs/passwrd must be null",
    ]);
  });

  it("accepts null for a key the action does not have (it removes a value inherited from defaults)", () => {
    expect(
      errorsOf(
        entry("{ buildStatus: Failed }", "consumerId: azureServiceBus\n    consumerActionId: serviceBusQueueSend", "{ queueName: q, basicAuthUsername: null }"),
      ),
    ).toEqual([]);
  });

  it("keeps consumers and events the catalog is unsure of open", () => {
    expect(
      errorsOf(entry("{ buildStatus: Failed }", "consumerId: slack\n    consumerActionId: postMessageToChannel", '{ url: "${env:SLACK}", channel: builds }')),
    ).toEqual([]);
  });
});

describe("validate refuses what the service would refuse at apply, where the catalog is certain", () => {
  it("makes a missing required input of a known action an error, and a warning where the catalog is unconfirmed", async () => {
    const { lines } = await check(
      withHooks(`subscriptions:
  - name: queue
    project: P
    eventType: build.complete
    consumerId: azureServiceBus
    consumerActionId: serviceBusQueueSend
    consumerInputs: { connectionString: "\${env:SB}" }
  - name: chat
    project: P
    eventType: build.complete
    consumerId: slack
    consumerActionId: postMessageToChannel
`),
      { env: { SB: "Endpoint=sb://x/" } },
    );
    expect(lines).toContain('hooks/hooks.yaml:7:5: error missing-input: "azureServiceBus/serviceBusQueueSend" requires consumer input "queueName"');
    expect(lines).toContain('hooks/hooks.yaml:8:5: warning missing-input: "slack/postMessageToChannel" requires consumer input "url"');
  });

  it("takes a required input from defaults", async () => {
    const { lines } = await check(
      withHooks(
        "subscriptions:\n  - name: queue\n    project: P\n    eventType: build.complete\n    consumerInputs: { queueName: builds }\n",
        'organization: fabrikam\ndefaults:\n  consumerId: azureServiceBus\n  consumerActionId: serviceBusQueueSend\n  consumerInputs: { connectionString: "${env:SB}" }\n',
      ),
      { env: { SB: "Endpoint=sb://x/" } },
    );
    expect(lines.filter((text) => text.includes("error"))).toEqual([]);
  });

  it("makes an unknown action of a known consumer an error, and a warning for a consumer whose list is incomplete", async () => {
    const { lines } = await check(
      withHooks(`subscriptions:
  - name: a
    project: P
    eventType: build.complete
    consumerId: teams
    consumerActionId: postMessage
    consumerInputs: { teamsUrl: "\${env:TEAMS_URL}" }
  - name: b
    project: P
    eventType: build.complete
    consumerId: slack
    consumerActionId: postMessage
    consumerInputs: { url: "\${env:SLACK_URL}" }
`),
      { env: { TEAMS_URL: "https://example.webhook.office.com/x", SLACK_URL: "https://hooks.slack.com/services/x" } },
    );
    expect(lines.some((text) => text.includes('error unknown-action: unknown consumerActionId "postMessage" for consumer "teams".'))).toBe(true);
    expect(lines.some((text) => text.includes('warning unknown-action: unknown consumerActionId "postMessage" for consumer "slack".'))).toBe(true);
  });

  it("warns, not refuses, about a filter value outside the catalog's list: the service accepts it", async () => {
    const { lines } = await check(
      withHooks(
        "subscriptions:\n  - name: a\n    project: P\n    eventType: build.complete\n    publisherInputs: { buildStatus: Cancelled }\n    consumerId: webHooks\n    consumerActionId: httpRequest\n    consumerInputs: { url: https://example.com/x }\n",
      ),
    );
    expect(lines.filter((text) => text.includes("buildStatus"))).toEqual([
      expect.stringMatching(/^hooks\/hooks\.yaml:5:\d+: warning unknown-filter-value: filter "buildStatus" is not one of/),
    ]);
  });
});
