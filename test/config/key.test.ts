import { describe, expect, it } from "vitest";
import { keyInputIds, naturalKey, type NaturalKeyFields } from "../../src/config/key.js";

const base: NaturalKeyFields = {
  project: "WebSite",
  publisherId: "tfs",
  eventType: "build.complete",
  publisherInputs: { buildStatus: "Failed", definitionName: "WebSite.CI" },
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  consumerInputs: { url: "https://hooks.example.com/ado", basicAuthPassword: "${env:A}", messagesToSend: "none" },
};

describe("natural key", () => {
  it("ignores case of enum filters and project, empty filters, server-added keys and non-key inputs", () => {
    const same: NaturalKeyFields = {
      ...base,
      project: "website",
      publisherInputs: { definitionName: "WebSite.CI", buildStatus: "failed", branch: "", projectId: "guid", tfsSubscriptionId: "x", hostId: "y" },
      consumerInputs: { url: "HTTPS://Hooks.Example.com:443/ado", basicAuthPassword: "${env:B}" },
    };
    expect(naturalKey(same)).toBe(naturalKey(base));
  });

  it("changes with the project, event, filters, consumer, action or a key input", () => {
    const variants: NaturalKeyFields[] = [
      { ...base, project: "Mobile" },
      { ...base, eventType: "git.push" },
      { ...base, publisherInputs: { buildStatus: "Succeeded" } },
      { ...base, publisherInputs: { buildStatus: "Failed", definitionName: "website.ci" } },
      { ...base, consumerId: "zapier", consumerActionId: "sendNotification" },
      { ...base, consumerInputs: { url: "https://hooks.example.com/other" } },
      { ...base, consumerInputs: { url: "https://hooks.example.com/ADO" } },
    ];
    const keys = new Set([base, ...variants].map(naturalKey));
    expect(keys.size).toBe(variants.length + 1);
  });

  it("uses the action's key inputs from the catalog", () => {
    expect(keyInputIds("azureStorageQueue", "enqueue")).toEqual(["accountName", "queueName"]);
    expect(keyInputIds("webHooks", "httpRequest")).toEqual(["url"]);
    expect(keyInputIds("unknownConsumer", "x")).toEqual(["url"]);
    const queue: NaturalKeyFields = {
      ...base,
      consumerId: "azureStorageQueue",
      consumerActionId: "enqueue",
      consumerInputs: { accountName: "a", queueName: "q", ttl: "1" },
    };
    expect(naturalKey({ ...queue, consumerInputs: { accountName: "a", queueName: "q", ttl: "2" } })).toBe(naturalKey(queue));
    expect(naturalKey({ ...queue, consumerInputs: { accountName: "a", queueName: "other" } })).not.toBe(naturalKey(queue));
  });
});
