import { describe, expect, it } from "vitest";
import { catalog } from "../../src/catalog/index.js";
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

describe("suggestions", () => {
  it("suggests close names and nothing for far ones", () => {
    expect(closest("build.completed", catalog.eventTypeIds())[0]).toBe("build.complete");
    expect(closest("webhooks", catalog.consumerIds())[0]).toBe("webHooks");
    expect(didYouMean("zzzzzzzz", ["build.complete"])).toBe("");
    expect(didYouMean("git.psh", ["git.push", "git.repo.created"])).toBe(' Did you mean "git.push"?');
  });
});
