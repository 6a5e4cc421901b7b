import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AdoClient } from "../../src/ado/client.js";
import { patCredential } from "../../src/ado/credentials.js";
import { AdoRequestError } from "../../src/ado/errors.js";
import type { SubscriptionBody } from "../../src/ado/types.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";

const WEBSITE = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";
const MOBILE = "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62";

function webhook(projectId: string, url: string, eventType = "build.complete"): SubscriptionBody {
  return {
    publisherId: "tfs",
    eventType,
    resourceVersion: "1.0",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    publisherInputs: { projectId },
    consumerInputs: { url },
  };
}

const releaseHook: SubscriptionBody = {
  publisherId: "rm",
  eventType: "ms.vss-release.deployment-completed-event",
  resourceVersion: "3.0-preview.1",
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  publisherInputs: { projectId: WEBSITE },
  consumerInputs: { url: "https://hooks.example.com/release" },
};

let emulator: EmulatorHandle;
let client: AdoClient;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 7 });
});
afterAll(async () => {
  await emulator.close();
});
beforeEach(() => {
  for (const subscription of emulator.state.subscriptions()) emulator.state.remove(subscription.id);
  emulator.resetCounters();
  client = new AdoClient({ organization: emulator.url, credential: patCredential(emulator.token, "personal access token from AZURE_DEVOPS_TOKEN") });
});
afterEach(async () => {
  await client.close();
});

describe("subscriptions", () => {
  it("lists organization-wide and narrows with each of the four filters", async () => {
    emulator.state.insert(webhook(WEBSITE, "https://a.example.com/1"));
    emulator.state.insert(webhook(MOBILE, "https://a.example.com/2", "git.push"));
    emulator.state.insert({ ...webhook(MOBILE, "https://a.example.com/3"), publisherId: "pipelines", eventType: "ms.vss-pipelines.run-state-changed-event" });
    const urls = async (filters: Parameters<AdoClient["listSubscriptions"]>[0]) =>
      (await client.listSubscriptions(filters)).map((subscription) => subscription.consumerInputs.url).sort();

    expect(await urls({})).toEqual(["https://a.example.com/1", "https://a.example.com/2", "https://a.example.com/3"]);
    expect(await urls({ publisherId: "tfs" })).toEqual(["https://a.example.com/1", "https://a.example.com/2"]);
    expect(await urls({ eventType: "git.push" })).toEqual(["https://a.example.com/2"]);
    expect(await urls({ consumerId: "webHooks", consumerActionId: "httpRequest" })).toHaveLength(3);
    expect(await urls({ consumerActionId: "enqueue" })).toEqual([]);
  });

  it("lists one project's subscriptions with subscriptionsquery on projectId", async () => {
    emulator.state.insert(webhook(WEBSITE, "https://a.example.com/web"));
    emulator.state.insert(webhook(MOBILE, "https://a.example.com/mobile"));
    const found = await client.listProjectSubscriptions(MOBILE);
    expect(found.map((subscription) => subscription.consumerInputs.url)).toEqual(["https://a.example.com/mobile"]);
    expect(emulator.counters()["POST /_apis/hooks/subscriptionsquery"]).toBe(1);
  });

  it("creates, reads, replaces and deletes a subscription, as the authenticated identity", async () => {
    const me = await client.connectionData();
    expect(me.authenticatedUser.id).toMatch(/^[0-9a-f-]{36}$/);

    const created = await client.createSubscription({
      ...webhook(WEBSITE, "https://a.example.com/crud"),
      consumerInputs: { url: "https://a.example.com/crud", basicAuthPassword: "pw-1" },
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdBy?.id).toBe(me.authenticatedUser.id);
    expect(created.consumerInputs.basicAuthPassword).toBe("********");
    expect(emulator.state.get(created.id)?.consumerInputs.basicAuthPassword).toBe("pw-1");

    expect((await client.getSubscription(created.id))?.consumerInputs.url).toBe("https://a.example.com/crud");

    const replaced = await client.replaceSubscription(created.id, { ...webhook(WEBSITE, "https://a.example.com/crud"), status: "disabledByUser" });
    expect(replaced.status).toBe("disabledByUser");
    expect(emulator.state.get(created.id)?.status).toBe("disabledByUser");

    expect(await client.deleteSubscription(created.id)).toBe(true);
    expect(await client.getSubscription(created.id)).toBeUndefined();
    expect(await client.deleteSubscription(created.id)).toBe(false); // already gone: success, not an error
  });

  it("sends release subscriptions to the release host it discovers once through resourceAreas", async () => {
    expect(await client.releaseUrl()).toBe(emulator.releaseUrl);
    const created = await client.createSubscription(releaseHook);
    expect(emulator.state.get(created.id)?.host).toBe("release");
    expect(await client.getSubscription(created.id, { host: "release" })).toMatchObject({ id: created.id });
    expect(await client.listSubscriptions()).toEqual([]);
    expect((await client.listSubscriptions({}, { host: "release" })).map((subscription) => subscription.id)).toEqual([created.id]);
    expect(emulator.counters()).toMatchObject({ "GET /_apis/resourceAreas/{areaId}": 1, "POST /vsrm/_apis/hooks/subscriptions": 1 });
    expect(await client.deleteSubscription(created.id, { host: "release" })).toBe(true);

    const wrongHost = await client.createSubscription(releaseHook, { host: "default" }).catch((caught: unknown) => caught);
    expect(wrongHost).toBeInstanceOf(AdoRequestError);
    expect(wrongHost).toMatchObject({ status: 400, method: "POST", url: `${emulator.url}/_apis/hooks/subscriptions?api-version=7.1` });
    expect((wrongHost as AdoRequestError).serviceMessage).toMatch(/no registered handler for the service hooks event type/);
  });

  it("lists both hosts and tags every subscription with its host", async () => {
    const build = emulator.state.insert(webhook(WEBSITE, "https://a.example.com/b"));
    const release = emulator.state.insert(releaseHook, { host: "release" });
    const all = await client.listAllSubscriptions();
    expect(all.complete).toBe(true);
    expect(all.failures).toEqual([]);
    expect(all.subscriptions.map(({ id, host }) => ({ id, host })).sort((a, b) => a.host.localeCompare(b.host))).toEqual([
      { id: build.id, host: "default" },
      { id: release.id, host: "release" },
    ]);
  });
});

describe("metadata endpoints", () => {
  it("reads publishers, event types, consumers and actions, with undefined for unknown ids", async () => {
    const publishers = await client.listPublishers();
    expect(publishers.map((publisher) => publisher.id)).toEqual(expect.arrayContaining(["tfs", "rm", "pipelines"]));
    expect((await client.getPublisher("tfs"))?.id).toBe("tfs");
    expect(await client.getPublisher("nope")).toBeUndefined();
    expect((await client.listEventTypes("tfs")).map((eventType) => eventType.id)).toContain("build.complete");
    expect((await client.getEventType("tfs", "git.push"))?.id).toBe("git.push");
    expect(await client.getEventType("tfs", "no.such.event")).toBeUndefined();

    expect((await client.listConsumers()).map((consumer) => consumer.id)).toContain("webHooks");
    expect((await client.listConsumers({ publisherId: "tfs" })).map((consumer) => consumer.id)).toContain("webHooks");
    expect((await client.getConsumer("webHooks"))?.id).toBe("webHooks");
    expect(await client.getConsumer("carrierPigeon")).toBeUndefined();
    expect((await client.listConsumerActions("webHooks")).map((action) => action.id)).toEqual(["httpRequest"]);
    expect((await client.getConsumerAction("webHooks", "httpRequest"))?.id).toBe("httpRequest");
    expect(await client.getConsumerAction("webHooks", "fax")).toBeUndefined();
  });

  it("follows project continuation tokens over every page", async () => {
    const projects = await client.listProjects({ pageSize: 1 });
    expect(projects.map((project) => project.name)).toEqual(["WebSite", "Mobile", "Platform"]);
    expect(emulator.counters()["GET /_apis/projects"]).toBe(3);
    await expect(client.listProjects({ pageSize: 1, maxPages: 2 })).rejects.toThrow(/stopped after 2 pages/);
    expect((await client.getProject("mobile"))?.id).toBe(MOBILE);
    expect(await client.getProject("Nope")).toBeUndefined();
  });

  it("sends a test notification and reads the delivery history", async () => {
    const subscription = emulator.state.insert(webhook(WEBSITE, "http://127.0.0.1:9/unreachable"));
    const queued = await client.sendTestNotification(
      { subscriptionId: subscription.id, details: { ...webhook(WEBSITE, "http://127.0.0.1:9/unreachable") } },
      { useRealData: true },
    );
    expect(queued.id).toEqual(expect.any(Number));
    const history = await client.listNotifications(subscription.id, { maxResults: 10 });
    expect(history.map((notification) => notification.id)).toContain(queued.id);
    expect((await client.getNotification(subscription.id, queued.id))?.id).toBe(queued.id);
    expect(await client.getNotification(subscription.id, 987654)).toBeUndefined();
  });
});
