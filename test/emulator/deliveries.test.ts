import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_USER, type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { closedPort, deliveryControl, FAILED_WEBSITE_BUILD, type FakeConsumer, type HistoryEntry, startConsumer } from "./delivery-helpers.js";
import { apiClient, MOBILE_PROJECT_ID, testClock } from "./helpers.js";

const START = "2025-03-01T10:00:00.000Z";
const MINUTE = 60;
const HOUR = 60 * MINUTE;

describe("published events", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  let control: ReturnType<typeof deliveryControl>;
  let consumer: FakeConsumer;

  beforeEach(async () => {
    consumer = await startConsumer();
    emulator = await startEmulator({ now: testClock(START).now });
    api = apiClient(emulator);
    control = deliveryControl(api);
  });
  afterEach(async () => {
    await emulator.close();
    await consumer.close();
  });

  async function onlyNotification(subscriptionId: string): Promise<HistoryEntry> {
    const history = await control.history(subscriptionId);
    expect(history).toHaveLength(1);
    return history[0] as HistoryEntry;
  }

  it("reaches the enabled subscriptions whose publisher, event, project and filters match, and records what the consumer answered", async () => {
    const matching = await control.subscribe(`${consumer.url}/match`);
    const otherProject = await control.subscribe(`${consumer.url}/mobile`, {
      publisherInputs: { buildStatus: "Failed", definitionName: "WebSite.CI", projectId: MOBILE_PROJECT_ID },
    });
    const otherStatus = await control.subscribe(`${consumer.url}/succeeded`, {
      publisherInputs: { buildStatus: "Succeeded", definitionName: "", projectId: FAILED_WEBSITE_BUILD.projectId },
    });
    const anyBuild = await control.subscribe(`${consumer.url}/any`, { publisherInputs: { buildStatus: "", definitionName: "", projectId: "" } });
    const disabled = await control.subscribe(`${consumer.url}/disabled`, { status: "disabledByUser" });
    consumer.answer({ status: 200, body: "got it", headers: { "X-Receipt": "r-1" } });

    // The project by name, and a filter value in another case: both still match.
    const published = await control.publish({ ...FAILED_WEBSITE_BUILD, projectId: "website", publisherInputs: { buildStatus: "failed" } });

    expect(published.value.map((entry) => entry.subscriptionId).sort()).toEqual([matching.id, anyBuild.id].sort());
    expect(published.count).toBe(2);
    expect(published.value.every((entry) => entry.result === "succeeded")).toBe(true);
    expect(published.dropped).toEqual([{ subscriptionId: disabled.id, status: "disabledByUser" }]);
    expect(consumer.received.map((request) => request.path).sort()).toEqual(["/any", "/match"]);
    for (const id of [otherProject.id, otherStatus.id, disabled.id]) expect(await control.history(id)).toEqual([]);

    const notification = await onlyNotification(matching.id);
    const delivered = consumer.received.find((request) => request.path === "/match");
    expect(delivered?.body).toMatchObject({
      subscriptionId: matching.id,
      notificationId: notification.id,
      id: published.eventId,
      eventType: "build.complete",
      publisherId: "tfs",
      resource: FAILED_WEBSITE_BUILD.resource,
      resourceContainers: { project: { id: FAILED_WEBSITE_BUILD.projectId } },
    });
    expect(notification).toMatchObject({ status: "completed", result: "succeeded", eventId: published.eventId, createdDate: START, modifiedDate: START });
    expect(notification.subscriberId).toBe(DEFAULT_USER.id);
    expect(notification.details.requestAttempts).toBe(1);
    expect(notification.details.errorMessage).toBeUndefined();
    expect(notification.details.response).toContain("Status Code: 200");
    expect(notification.details.response).toContain("got it");
    expect(notification.details.response).toContain("x-receipt: ********");
  });

  it("disables the subscription at once when the consumer answers 410, and sends it nothing more", async () => {
    const subscription = await control.subscribe(`${consumer.url}/gone`);
    consumer.answer(410);
    expect((await control.publish()).value[0]?.result).toBe("failed");
    expect((await control.subscription(subscription.id)).status).toBe("disabledBySystem");
    const notification = await onlyNotification(subscription.id);
    expect(notification.details.errorMessage).toContain("410");
    expect(notification.details.requestAttempts).toBe(1);

    const next = await control.publish();
    expect(next.count).toBe(0);
    expect(next.dropped).toEqual([{ subscriptionId: subscription.id, status: "disabledBySystem" }]);
    expect(consumer.received).toHaveLength(1);
  });

  it("resends at once after transient answers and succeeds when the consumer recovers", async () => {
    const subscription = await control.subscribe(`${consumer.url}/flaky`);
    consumer.answer(503, 502);
    expect((await control.publish()).value[0]?.result).toBe("succeeded");
    expect(consumer.received).toHaveLength(3);
    const notification = await onlyNotification(subscription.id);
    expect(notification.details.requestAttempts).toBe(3);
    expect((await control.subscription(subscription.id)).status).toBe("enabled");
  });

  it("counts transient answers on all nine requests as an enduring failure, and drops new events while on probation", async () => {
    const subscription = await control.subscribe(`${consumer.url}/busy`);
    consumer.always(503);
    expect((await control.publish()).value[0]?.result).toBe("failed");
    expect(consumer.received).toHaveLength(9);
    const live = await control.subscription(subscription.id);
    expect(live.status).toBe("onProbation");
    expect(live.probationRetries).toBe(1);
    expect(live.lastProbationRetryDate).toBe(START);
    const notification = await onlyNotification(subscription.id);
    expect(notification.details.requestAttempts).toBe(9);
    expect(notification.details.errorDetail).toContain("Transient");

    const lost = await control.publish();
    expect(lost.count).toBe(0);
    expect(lost.dropped).toEqual([{ subscriptionId: subscription.id, status: "onProbation" }]);
    expect(consumer.received).toHaveLength(9);
    expect(await control.history(subscription.id)).toHaveLength(1);
  });

  it("retries only the failed notification on the probation schedule, and a success re-enables the subscription", async () => {
    const subscription = await control.subscribe(`${consumer.url}/down`);
    consumer.always(404);
    await control.publish();
    expect((await control.subscription(subscription.id)).status).toBe("onProbation");
    await control.publish();

    expect(await control.advance(19 * MINUTE)).toMatchObject({ retried: 0, now: "2025-03-01T10:19:00.000Z" });
    expect((await control.advance(MINUTE)).retried).toBe(1);
    const stillDown = await control.subscription(subscription.id);
    expect(stillDown).toMatchObject({ status: "onProbation", probationRetries: 2, lastProbationRetryDate: "2025-03-01T10:20:00.000Z" });

    consumer.always(200);
    expect((await control.advance(40 * MINUTE)).retried).toBe(1);
    const recovered = await control.subscription(subscription.id);
    expect(recovered.status).toBe("enabled");
    expect(recovered.probationRetries).toBeUndefined();
    expect(recovered.lastProbationRetryDate).toBe("2025-03-01T11:00:00.000Z");

    const notification = await onlyNotification(subscription.id);
    expect(notification).toMatchObject({ result: "succeeded", status: "completed", modifiedDate: "2025-03-01T11:00:00.000Z" });
    expect(notification.details.requestAttempts).toBe(3);
    expect(notification.details.errorMessage).toBeUndefined();
    expect(new Set(consumer.received.map((request) => request.body.notificationId))).toEqual(new Set([notification.id]));
  });

  it("disables the subscription after the seventh failed probation retry, about 36 hours on", async () => {
    const subscription = await control.subscribe(`${consumer.url}/broken`);
    consumer.always(500);
    await control.publish();

    const moved = await control.advance(36 * HOUR - MINUTE);
    expect(moved.retried).toBe(6);
    expect(await control.subscription(subscription.id)).toMatchObject({ status: "onProbation", probationRetries: 7 });

    expect((await control.advance(MINUTE)).retried).toBe(1);
    const disabled = await control.subscription(subscription.id);
    expect(disabled.status).toBe("disabledBySystem");
    expect(disabled.lastProbationRetryDate).toBe("2025-03-02T22:00:00.000Z");
    expect((await onlyNotification(subscription.id)).details.requestAttempts).toBe(8);
    expect((await control.advance(48 * HOUR)).retried).toBe(0);
    expect(consumer.received).toHaveLength(8);
  });

  it("puts a subscription whose endpoint refuses connections on probation, and the probation survives a PUT", async () => {
    const port = await closedPort();
    const subscription = await control.subscribe(`http://127.0.0.1:${port}/hook`);
    expect((await control.publish()).value[0]?.result).toBe("failed");
    const notification = await onlyNotification(subscription.id);
    expect(notification.details.errorMessage).toContain("ECONNREFUSED");
    expect((await control.subscription(subscription.id)).status).toBe("onProbation");

    // Point the subscription at a working consumer: the PUT answers enabled, but the service keeps probation (R6).
    const { url: _url, ...body } = await control.subscription(subscription.id);
    const put = await api.put(`/_apis/hooks/subscriptions/${subscription.id}`, {
      ...body,
      status: "enabled",
      consumerInputs: { url: `${consumer.url}/fixed` },
    });
    expect(put.status).toBe(200);
    expect((await control.subscription(subscription.id)).status).toBe("onProbation");
    // The retry resends the failed notification as it was recorded, to the address it had then.
    expect((await control.advance(20 * MINUTE)).retried).toBe(1);
    expect((await control.subscription(subscription.id)).probationRetries).toBe(2);
    expect(consumer.received).toHaveLength(0);
  });

  it("records a consumer the emulator cannot call as failed without putting its subscription on probation", async () => {
    const accountKey = `${"A".repeat(86)}==`;
    const subscription = await control.subscribe(undefined, {
      consumerId: "azureStorageQueue",
      consumerActionId: "enqueue",
      consumerInputs: { accountName: "fabrikamhooks", accountKey, queueName: "builds", visiTimeout: "0", ttl: "604800" },
    });
    expect((await control.publish()).value[0]?.result).toBe("failed");
    const notification = await onlyNotification(subscription.id);
    expect(notification.details.errorMessage).toContain("azureStorageQueue");
    expect(notification.details.consumerInputs.accountKey).toBe("********");
    expect((await control.subscription(subscription.id)).status).toBe("enabled");
  });

  it("answers at once without wait=true and completes the delivery when the consumer answers", async () => {
    const subscription = await control.subscribe(`${consumer.url}/slow`);
    const release = consumer.hold();
    const answer = await api.post("/_emulator/events", FAILED_WEBSITE_BUILD, { version: null });
    expect(answer.json<{ value: { result: string }[] }>().value[0]?.result).toBe("pending");
    release();
    let notification: HistoryEntry | undefined;
    for (let attempt = 0; attempt < 200 && notification?.status !== "completed"; attempt++) {
      notification = (await control.history(subscription.id))[0];
      if (notification?.status !== "completed") await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(notification?.result).toBe("succeeded");
  });

  it("masks every header value and secret in the history and keeps only the start of a long answer", async () => {
    const subscription = await control.subscribe(`${consumer.url}/hook`, {
      consumerInputs: { basicAuthUsername: "bot", basicAuthPassword: "s3cret-value", httpHeaders: "X-Api-Key: header-secret" },
    });
    consumer.answer({ status: 500, body: "x".repeat(10_000) });
    await control.publish();
    expect(consumer.received[0]?.headers["x-api-key"]).toBe("header-secret");
    const notification = await onlyNotification(subscription.id);
    expect(notification.details.request).toContain("X-Api-Key: ********");
    expect(notification.details.request).toContain("Authorization: ********");
    expect(JSON.stringify(notification)).not.toMatch(/s3cret-value|header-secret|Ym90OnMzY3JldC12YWx1ZQ/);
    expect(notification.details.response).toContain("[truncated");
    expect(notification.details.response?.length).toBeLessThan(3_000);
  });

  it("refuses unknown event types, unknown projects and a clock moved backwards", async () => {
    const badEvent = await api.post("/_emulator/events", { publisherId: "tfs", eventType: "build.finished" }, { version: null });
    expect(badEvent.status).toBe(400);
    expect(badEvent.json<{ typeKey: string }>().typeKey).toBe("PublisherEventTypeNotFoundException");
    const badProject = await api.post("/_emulator/events", { ...FAILED_WEBSITE_BUILD, projectId: "Nowhere" }, { version: null });
    expect(badProject.status).toBe(404);
    expect((await api.post("/_emulator/clock", { advanceSeconds: -5 }, { version: null })).status).toBe(400);
    expect((await api.get("/_emulator/clock", { version: null })).json<{ now: string }>().now).toBe(START);
  });
});
