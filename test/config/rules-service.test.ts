// What the real service refuses or ignores (shared/ado-api/REAL-SERVICE.md R3, R4, R5, R7, R10), as validate reports it.
import { describe, expect, it } from "vitest";
import { check, withHooks } from "./helpers.js";

/** One subscription at line 2; `body` lines follow the name at 4-space indent (line 3 onwards). */
function hook(body: string): string {
  return `subscriptions:\n  - name: s\n${body.replace(/^/gm, "    ").trimEnd()}\n`;
}

const WEBHOOK = `consumerId: webHooks
consumerActionId: httpRequest
consumerInputs:
  url: https://hooks.example.com/ado`;

const TEAMS = `consumerId: teams
consumerActionId: postMessageToTeam
consumerInputs:
  teamsUrl: \${env:TEAMS_URL}`;

const ENV = { env: { TEAMS_URL: "https://fabrikam.webhook.office.com/x", KEY: "k", BUS: "b", DATADOG_KEY: "d", GRAFANA_TOKEN: "g" } };

describe("resourceVersion (R3, R10)", () => {
  it("an explicit one on an action that cannot choose it is an error at the value", async () => {
    const { lines } = await check(withHooks(hook(`project: WebSite\neventType: build.complete\nresourceVersion: "1.0"\n${TEAMS}`)), ENV);
    expect(lines).toEqual([
      `hooks/hooks.yaml:5:22: error resource-version-not-allowed: "teams/postMessageToTeam" does not let a subscription choose its resourceVersion (the service answers "Resource version '1.0' cannot be set for this action"); remove resourceVersion`,
    ]);
  });

  it('"latest" is the same as none: accepted everywhere and never sent', async () => {
    const teams = await check(withHooks(hook(`project: WebSite\neventType: build.complete\nresourceVersion: latest\n${TEAMS}`)), ENV);
    expect(teams.lines).toEqual([]);
    expect(teams.load.subscriptions[0]).not.toHaveProperty("resourceVersion");
    const webHooks = await check(withHooks(hook(`project: WebSite\neventType: build.complete\nresourceVersion: Latest\n${WEBHOOK}`)));
    expect(webHooks.lines).toEqual([]);
    expect(webHooks.load.subscriptions[0]).not.toHaveProperty("resourceVersion");
  });

  it("one from defaults reaches only actions that may choose it, and is checked there, at its line in hookops.yaml", async () => {
    const config = 'organization: fabrikam\ndefaults:\n  resourceVersion: "1.0"\n  project: WebSite\n';
    const hooks = [
      "subscriptions:",
      "  - name: to-teams",
      "    eventType: build.complete",
      ...TEAMS.split("\n").map((text) => `    ${text}`),
      "  - name: to-bus",
      "    eventType: workitem.updated",
      "    consumerId: azureServiceBus",
      "    consumerActionId: serviceBusQueueSend",
      '    consumerInputs: { connectionString: "${env:BUS}", queueName: work }',
      "  - name: pull-requests",
      "    eventType: git.pullrequest.created",
      ...WEBHOOK.split("\n").map((text) => `    ${text}`),
      "",
    ].join("\n");
    const { lines, load } = await check(withHooks(hooks, config), ENV);
    expect(lines).toEqual([
      `hookops.yaml:3:20: error unknown-resource-version: resourceVersion "1.0" is not a version of "git.pullrequest.created"; use "1.0-preview.1", or leave it out (or write "latest") for the newest`,
    ]);
    expect(load.subscriptions.map((subscription) => [subscription.name, subscription.resourceVersion])).toEqual([
      ["to-teams", undefined],
      ["to-bus", "1.0"],
      ["pull-requests", "1.0"],
    ]);
  });

  it("Service Bus and Storage Queue may choose one among the event's versions, build.complete 2.0 included", async () => {
    const bus = `project: WebSite\neventType: build.complete\nresourceVersion: "2.0"\nconsumerId: azureServiceBus\nconsumerActionId: serviceBusNotificationHubSend\nconsumerInputs: { connectionString: "\${env:BUS}", notificationHubName: builds }`;
    const { lines, load } = await check(withHooks(hook(bus)), ENV);
    expect(lines).toEqual([]);
    expect(load.subscriptions[0]?.resourceVersion).toBe("2.0");
  });
});

describe("empty consumer inputs (R5)", () => {
  it('an empty optional input is a warning and is not sent; empty filters stay ("" = any)', async () => {
    const body = `project: WebSite\neventType: build.complete\npublisherInputs: { buildStatus: "" }\n${WEBHOOK}\n  basicAuthUsername: ""\n  messagesToSend: "  "\n  basicAuthPassword: " "`;
    const { lines, load } = await check(withHooks(hook(body)));
    expect(lines).toEqual([
      `hooks/hooks.yaml:10:26: warning empty-input: consumer input "basicAuthUsername" is empty; an empty value is not sent (the service refuses it), so omit the key`,
      `hooks/hooks.yaml:11:23: warning empty-input: consumer input "messagesToSend" is empty; an empty value is not sent (the service refuses it), so omit the key`,
      `hooks/hooks.yaml:12:26: warning empty-input: consumer input "basicAuthPassword" is empty; an empty value is not sent (the service refuses it), so omit the key`,
    ]);
    expect(load.subscriptions[0]?.consumerInputs).toEqual({ url: "https://hooks.example.com/ado" });
    expect(load.subscriptions[0]?.publisherInputs).toEqual({ buildStatus: "" });
  });

  it("an empty required input is an error at the value (a warning when the service has a default)", async () => {
    const webHook = await check(
      withHooks(hook(`project: WebSite\neventType: git.push\nconsumerId: webHooks\nconsumerActionId: httpRequest\nconsumerInputs:\n  url: " "`)),
    );
    expect(webHook.lines).toEqual([
      `hooks/hooks.yaml:8:12: error missing-input: "webHooks/httpRequest" requires consumer input "url", and an empty value is not sent (the service refuses it)`,
    ]);
    const queue = `project: WebSite\neventType: git.push\nconsumerId: azureStorageQueue\nconsumerActionId: enqueue\nconsumerInputs:\n  accountName: fab\n  accountKey: \${env:KEY}\n  queueName: builds\n  ttl: ""`;
    const { lines, load } = await check(withHooks(hook(queue)), ENV);
    expect(lines).toEqual([
      `hooks/hooks.yaml:7:5: warning missing-input: "azureStorageQueue/enqueue" requires consumer input "visiTimeout"; the service default "0" is assumed — set it explicitly`,
      `hooks/hooks.yaml:11:12: warning missing-input: "azureStorageQueue/enqueue" requires consumer input "ttl"; it is empty, so it is not sent and the service default "604800" is assumed — set it explicitly`,
    ]);
    expect(load.subscriptions[0]?.consumerInputs).not.toHaveProperty("ttl");
  });
});

describe("possible values are warnings (R7)", () => {
  it('accepts the real values the descriptors leave out: "all" and the release status codes', async () => {
    const body = `project: Platform\neventType: ms.vss-release.deployment-approval-completed-event\npublisherInputs: { releaseApprovalStatus: "7", releaseApprovalIsAutomated: "true" }\n${WEBHOOK}\n  resourceDetailsToSend: all\n  messagesToSend: All\n  detailedMessagesToSend: all`;
    expect((await check(withHooks(hook(body)))).lines).toEqual([]);
    const deployed = `project: Platform\neventType: ms.vss-release.deployment-completed-event\npublisherInputs: { releaseEnvironmentStatus: "32" }\n${WEBHOOK}`;
    expect((await check(withHooks(hook(deployed)))).lines).toEqual([]);
  });

  it("a value outside the list is a warning; a wrong form stays an error; values are trimmed first", async () => {
    const body = `project: Platform\neventType: ms.vss-release.deployment-completed-event\npublisherInputs: { releaseEnvironmentStatus: "64", releaseDefinitionId: " 12 " }\n${WEBHOOK}\n  resourceDetailsToSend: " minimal "\n  basicAuthUsername: "a b"`;
    const { lines } = await check(withHooks(hook(body)));
    expect(lines).toEqual([
      `hooks/hooks.yaml:5:50: warning unknown-filter-value: filter "releaseEnvironmentStatus" is not one of "1", "2", "4", "8", "16", "32" or "128" (or "" for any). The service accepts any value here, but an event may never match it`,
      `hooks/hooks.yaml:11:26: error invalid-input-value: consumer input "basicAuthUsername" does not have the expected form (^[\\S]+$)`,
    ]);
  });
});

describe("events the service never lists (R4)", () => {
  const endpoint = `project: Platform\neventType: ms.vss-endpoint.endpoint-created\n${WEBHOOK}`;

  it("declaring one is an error explaining why", async () => {
    const { lines } = await check(withHooks(hook(endpoint)));
    expect(lines).toEqual([
      `hooks/hooks.yaml:4:16: error unlisted-event-type: the service never lists subscriptions to "ms.vss-endpoint.endpoint-created", so hookops could not see this subscription after creating it and every apply would create it again; set "allowUnlistedEvent: true" to manage it by its id instead`,
    ]);
  });

  it("opting in is accepted, with a warning until an id is pinned", async () => {
    const unpinned = await check(withHooks(hook(`allowUnlistedEvent: true\n${endpoint}`)));
    expect(unpinned.lines).toEqual([
      `hooks/hooks.yaml:3:5: warning unlisted-event-type: the service never lists subscriptions to "ms.vss-endpoint.endpoint-created", so hookops finds this one only by its id: after the first apply creates it, pin the id it reports ("id: <guid>"), or the next apply creates another`,
    ]);
    expect(unpinned.load.subscriptions[0]?.allowUnlistedEvent).toBe(true);
    const pinned = await check(withHooks(hook(`allowUnlistedEvent: true\nid: 6c1f3b7e-8a2d-4f5e-9b0c-1d2e3f4a5b6c\n${endpoint}`)));
    expect(pinned.lines).toEqual([]);
  });

  it("the flag on a listed event is a warning; in defaults it is unknown", async () => {
    const listed = await check(withHooks(hook(`allowUnlistedEvent: true\nproject: WebSite\neventType: git.push\n${WEBHOOK}`)));
    expect(listed.lines).toEqual([
      `hooks/hooks.yaml:3:5: warning unlisted-event-type: "allowUnlistedEvent" has no effect: the service lists subscriptions to "git.push"; remove it`,
    ]);
    const inDefaults = await check(withHooks(hook(`project: WebSite\neventType: git.push\n${WEBHOOK}`), "defaults:\n  allowUnlistedEvent: true\n"));
    expect(inDefaults.lines).toEqual([
      `hookops.yaml:2:3: error unknown-key: unknown key "allowUnlistedEvent" in "defaults". Set it on each subscription to an event the service does not list.`,
    ]);
  });
});

describe("server-managed and renamed ids (R10, catalog corrections)", () => {
  it("publisherInputs.subscriberId is an error: the service sets it", async () => {
    const { lines, load } = await check(
      withHooks(hook(`project: WebSite\neventType: git.push\npublisherInputs:\n  subscriberId: 0a1b2c3d-0000-4000-8000-000000000001\n${WEBHOOK}`)),
    );
    expect(lines).toEqual([
      `hooks/hooks.yaml:6:7: error reserved-filter: publisherInputs.subscriberId is set by the service for personal, team and Teams app subscriptions; it is not a filter, remove it`,
    ]);
    expect(load.subscriptions[0]?.publisherInputs).toEqual({});
  });

  it("manualintervention.pending points at the service's id", async () => {
    const { lines } = await check(withHooks(hook(`project: Platform\neventType: manualintervention.pending\n${WEBHOOK}`)));
    expect(lines).toEqual([
      `hooks/hooks.yaml:4:16: error unknown-event-type: eventType "manualintervention.pending" is not an event the service knows; use "ms.vss-release.deployment-mi-pending-event" (Release deployment manual intervention pending)`,
    ]);
    expect((await check(withHooks(hook(`project: Platform\neventType: ms.vss-release.deployment-mi-pending-event\n${WEBHOOK}`)))).lines).toEqual([]);
  });
});

describe("consumers the catalog lacked", () => {
  it("Teams and Office 365 URLs are secrets by nature", async () => {
    const teams = `project: WebSite\neventType: git.push\nconsumerId: teams\nconsumerActionId: postMessageToTeam\nconsumerInputs:\n  teamsUrl: https://fabrikam.example/hook`;
    expect((await check(withHooks(hook(teams)))).lines).toEqual([
      `hooks/hooks.yaml:8:17: error secret-literal: consumer input "teamsUrl" is an incoming-webhook URL, which carries its secret in its path: anyone who reads it can post as this hook; use a reference such as \${env:TEAMS_TEAMS_URL}`,
    ]);
    const office = `project: WebSite\neventType: git.push\nconsumerId: office365\nconsumerActionId: postMessageToGroup\nconsumerInputs:\n  officeConnectorUrl: \${env:TEAMS_URL}`;
    expect((await check(withHooks(hook(office)), ENV)).lines).toEqual([]);
  });

  it("Datadog needs an account type besides its API key; Grafana needs tags", async () => {
    const datadog = `project: WebSite\neventType: build.complete\nconsumerId: datadog\nconsumerActionId: postEventInDatadog\nconsumerInputs:\n  apiKey: \${env:DATADOG_KEY}`;
    expect((await check(withHooks(hook(datadog)), ENV)).lines).toEqual([
      `hooks/hooks.yaml:7:5: error missing-input: "datadog/postEventInDatadog" requires consumer input "accountType"`,
    ]);
    const grafana = `project: Platform\neventType: ms.vss-release.deployment-completed-event\nconsumerId: grafana\nconsumerActionId: addAnnotation\nconsumerInputs:\n  url: https://grafana.fabrikam.example\n  apiToken: \${env:GRAFANA_TOKEN}`;
    expect((await check(withHooks(hook(grafana)), ENV)).lines).toEqual([
      `hooks/hooks.yaml:7:5: error missing-input: "grafana/addAnnotation" requires consumer input "tags"`,
    ]);
  });
});

describe("key-less Storage Queue and Service Bus through a service connection", () => {
  it("a service connection makes the key or connection string optional", async () => {
    const queue = `project: WebSite\neventType: git.push\nconsumerId: azureStorageQueue\nconsumerActionId: enqueue\nconsumerInputs:\n  accountName: fab\n  serviceConnectionId: 3f2e1d4c-5b62-4a07-9c8d-1e2f3a4b5c6d\n  queueName: builds\n  visiTimeout: 0\n  ttl: 604800`;
    expect((await check(withHooks(hook(queue)))).lines).toEqual([]);
    const bus = `project: WebSite\neventType: git.push\nconsumerId: azureServiceBus\nconsumerActionId: serviceBusTopicSend\nconsumerInputs:\n  serviceConnectionId: 3f2e1d4c-5b62-4a07-9c8d-1e2f3a4b5c6d\n  serviceBusNamespace: fabrikam-events\n  topicName: builds`;
    expect((await check(withHooks(hook(bus)))).lines).toEqual([]);
  });

  it("without either, the message names both ways", async () => {
    const bus = `project: WebSite\neventType: git.push\nconsumerId: azureServiceBus\nconsumerActionId: serviceBusQueueSend\nconsumerInputs:\n  queueName: builds`;
    expect((await check(withHooks(hook(bus)))).lines).toEqual([
      `hooks/hooks.yaml:7:5: error missing-input: "azureServiceBus/serviceBusQueueSend" requires consumer input "connectionString", unless "serviceConnectionId" is set`,
    ]);
  });
});
