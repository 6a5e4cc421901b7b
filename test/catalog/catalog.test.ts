import { describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/index.js";
import { isUrlSecretByNature } from "../../src/catalog/sensitive.js";
import { closest, didYouMean } from "../../src/util/suggest.js";

describe("catalog", () => {
  it("maps every event type to the publisher that emits it", () => {
    expect(catalog.eventType("build.complete")?.publisher.id).toBe("tfs");
    expect(catalog.eventType("ms.vss-release.deployment-completed-event")?.publisher.id).toBe("rm");
    expect(catalog.eventType("ms.vss-pipelines.run-state-changed-event")?.publisher.id).toBe("pipelines");
    expect(catalog.eventType("no.such.event")).toBeUndefined();
  });

  it("keeps event type ids unique across publishers", () => {
    const ids = catalog.publishers.flatMap((publisher) => publisher.eventTypes.map((eventType) => eventType.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("routes only release management to the release host", () => {
    expect(catalog.isReleasePublisher("rm")).toBe(true);
    expect(catalog.isReleasePublisher("tfs")).toBe(false);
  });

  it("names, for every action, key inputs the action actually has", () => {
    for (const consumer of catalog.consumers) {
      for (const action of consumer.actions) {
        const inputIds = catalog.consumerInputs(consumer.id, action.id).map((input) => input.id);
        for (const key of action.keyInputs) expect(inputIds, `${consumer.id}/${action.id}`).toContain(key);
      }
    }
  });

  it("knows the confidential inputs of the common consumers", () => {
    expect([...catalog.confidentialInputs("webHooks", "httpRequest")]).toEqual(["basicAuthPassword"]);
    expect(catalog.confidentialInputs("azureStorageQueue", "enqueue").has("accountKey")).toBe(true);
    expect(catalog.confidentialInputs("azureServiceBus", "serviceBusQueueSend").has("connectionString")).toBe(true);
  });
});

describe("catalog corrections from the service's code (REAL-SERVICE.md)", () => {
  it("lets only Web Hooks, every Service Bus action and Storage Queue choose a resourceVersion", () => {
    const allowed = catalog.consumers.flatMap((consumer) =>
      consumer.actions.filter((action) => action.allowResourceVersionOverride).map((action) => `${consumer.id}/${action.id}`),
    );
    expect(allowed).toEqual([
      "webHooks/httpRequest",
      "azureStorageQueue/enqueue",
      "azureServiceBus/serviceBusNotificationHubSend",
      "azureServiceBus/serviceBusQueueSend",
      "azureServiceBus/serviceBusTopicSend",
    ]);
    expect(catalog.allowsResourceVersion("slack", "postMessageToChannel")).toBe(false);
    expect(catalog.allowsResourceVersion("no", "such")).toBe(false);
  });

  it("marks the events the service never lists", () => {
    const unlisted = catalog.eventTypeIds().filter((id) => catalog.isUnlistedEvent(id));
    expect(unlisted).toEqual([
      "ms.vss-endpoint.endpoint-created",
      "ms.vss-endpoint.endpoint-updated",
      "ms.vss-pipelinechecks-events.check-updated-event",
      "agentqueue.created",
      "agentqueue.updated",
      "ms.vss-alerts.alert-created-event",
      "ms.vss-alerts.alert-state-changed-event",
      "ms.vss-alerts.alert-updated-event",
    ]);
    expect(catalog.isUnlistedEvent("build.complete")).toBe(false);
  });

  it("knows the missing events and points from the invented manual-intervention id to the real one", () => {
    expect(catalog.eventType("git.repo.undeleted")?.publisher.id).toBe("tfs");
    expect(catalog.eventType("ms.vss-release.deployment-mi-pending-event")?.publisher.id).toBe("rm");
    expect(catalog.eventType("manualintervention.pending")).toBeUndefined();
    expect(catalog.eventTypeByFormerId("manualintervention.pending")?.eventType.id).toBe("ms.vss-release.deployment-mi-pending-event");
    expect(catalog.eventType("build.complete")?.eventType.resourceVersions).toContain("2.0");
  });

  it("knows the real values the descriptors leave out", () => {
    const values = (eventType: string, filter: string) => catalog.eventType(eventType)?.eventType.filters.find((spec) => spec.id === filter)?.values;
    expect(values("ms.vss-release.deployment-approval-completed-event", "releaseApprovalStatus")).toEqual(["", "1", "2", "4", "6", "7", "8"]);
    expect(values("ms.vss-release.deployment-completed-event", "releaseEnvironmentStatus")).toEqual(expect.arrayContaining(["1", "2", "4", "8", "16", "32"]));
    for (const [consumerId, actionId] of [
      ["webHooks", "httpRequest"],
      ["azureStorageQueue", "enqueue"],
      ["azureServiceBus", "serviceBusQueueSend"],
    ] as const) {
      for (const option of ["resourceDetailsToSend", "messagesToSend", "detailedMessagesToSend"]) {
        expect(catalog.consumerInputs(consumerId, actionId).find((spec) => spec.id === option)?.values, `${consumerId} ${option}`).toContain("all");
      }
    }
  });

  it("knows the inputs the catalog lacked", () => {
    const filters = (eventType: string) => catalog.eventType(eventType)?.eventType.filters.map((spec) => spec.id) ?? [];
    const inputs = (consumerId: string, actionId: string) => catalog.consumerInputs(consumerId, actionId).map((spec) => spec.id);
    expect(filters("ms.vss-release.deployment-approval-completed-event")).toContain("releaseApprovalIsAutomated");
    expect(filters("ms.vss-release.deployment-approval-pending-event")).toContain("releaseApprovalIsAutomated");
    expect(filters("ms.vss-release.release-created-event")).toContain("releaseEnvironmentId");
    expect(inputs("jenkins", "triggerGenericBuild")).toContain("useTfsPlugin");
    expect(inputs("trello", "createCard")).toEqual(expect.arrayContaining(["cardName", "cardDescription"]));
    expect(inputs("trello", "createList")).toContain("listName");
    expect(inputs("azureServiceBus", "serviceBusQueueSend")).toContain("bypassSerializer");
    expect(inputs("azureServiceBus", "serviceBusTopicSend")).toContain("bypassSerializer");
  });

  it("describes Teams, Office 365, Workplace messaging, Datadog and Grafana, and the consumers it lacked", () => {
    const required = (consumerId: string, actionId: string) =>
      catalog
        .consumerInputs(consumerId, actionId)
        .filter((spec) => spec.required)
        .map((spec) => spec.id);
    expect(required("teams", "postMessageToTeam")).toEqual(["teamsUrl"]);
    expect(required("office365", "postMessageToGroup")).toEqual(["officeConnectorUrl"]);
    expect(required("workplaceMessagingApps", "httpRequest")).toEqual(["url"]);
    expect(required("datadog", "postEventInDatadog")).toEqual(["apiKey", "accountType"]);
    expect(catalog.consumerInputs("datadog", "postEventInDatadog").find((spec) => spec.id === "apiKey")?.pattern).toBe("^[a-zA-Z0-9]+$");
    expect(required("grafana", "addAnnotation")).toEqual(["url", "apiToken", "tags"]);
    expect([...catalog.confidentialInputs("grafana", "addAnnotation")]).toEqual(["apiToken"]);
    expect(catalog.action("bamboo", "queueBuild")?.keyInputs).toEqual(["serverBaseUrl", "planName"]);
    expect([...catalog.confidentialInputs("bamboo", "queueBuild")]).toEqual(["password"]);
    expect(catalog.action("mobileCenter", "sendNotification")?.keyInputs).toEqual(["url"]);
    expect(catalog.action("bapiconnectors", "httpRequest")?.keyInputs).toEqual(["url"]);
    expect(catalog.action("azureAppService", "deployWebApp")).toBeDefined();
  });

  it("treats the Teams, Office 365 and flow URLs as secrets although the service shows them", () => {
    expect(isUrlSecretByNature("teams", "teamsUrl", "https://fabrikam.example/hook")).toBe(true);
    expect(isUrlSecretByNature("office365", "officeConnectorUrl", "https://fabrikam.example/hook")).toBe(true);
    expect(isUrlSecretByNature("workplaceMessagingApps", "url", "https://fabrikam.example/hook")).toBe(true);
    expect(isUrlSecretByNature("bapiconnectors", "url", "https://fabrikam.example/flow")).toBe(true);
    expect(isUrlSecretByNature("grafana", "url", "https://grafana.fabrikam.example")).toBe(false);
  });

  it("makes the key or connection string optional only through a service connection (key-less mode, unconfirmed)", () => {
    for (const [consumerId, actionId, secret] of [
      ["azureStorageQueue", "enqueue", "accountKey"],
      ["azureServiceBus", "serviceBusTopicSend", "connectionString"],
    ] as const) {
      const specs = catalog.consumerInputs(consumerId, actionId);
      expect(specs.find((spec) => spec.id === secret)?.requiredUnless).toEqual(["serviceConnectionId"]);
      expect(specs.find((spec) => spec.id === "serviceConnectionId")?.uncertain).toBe(true);
    }
  });
});

describe("suggestions", () => {
  it("suggests close names and nothing for far ones", () => {
    expect(closest("build.completed", catalog.eventTypeIds())[0]).toBe("build.complete");
    expect(closest("webhooks", catalog.consumerIds())[0]).toBe("webHooks");
    expect(didYouMean("zzzzzzzz", ["build.complete"])).toBe("");
    expect(didYouMean("git.psh", ["git.push", "git.repo.created"])).toBe(' Did you mean "git.push"?');
  });
});
