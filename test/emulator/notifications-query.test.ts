import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { deliveryControl, type FakeConsumer, type HistoryEntry, startConsumer } from "./delivery-helpers.js";
import { apiClient, testClock } from "./helpers.js";

const T0 = "2025-03-01T10:00:00.000Z";
const T1 = "2025-03-01T11:00:00.000Z";
const T2 = "2025-03-01T12:00:00.000Z";

/** Property names of NotificationsQuery, Notification and NotificationDetails in the 7.1 swagger (hooks/7.1/serviceHooks.json). */
const QUERY_FIELDS = [
  "associatedSubscriptions",
  "includeDetails",
  "maxCreatedDate",
  "maxResults",
  "maxResultsPerSubscription",
  "minCreatedDate",
  "publisherId",
  "resultType",
  "results",
  "status",
  "subscriptionIds",
  "summary",
];
const NOTIFICATION_FIELDS = ["createdDate", "details", "eventId", "id", "modifiedDate", "result", "status", "subscriberId", "subscriptionId"];
const DETAILS_FIELDS = [
  "completedDate",
  "consumerActionId",
  "consumerId",
  "consumerInputs",
  "dequeuedDate",
  "errorDetail",
  "errorMessage",
  "event",
  "eventType",
  "processedDate",
  "publisherId",
  "publisherInputs",
  "queuedDate",
  "request",
  "requestAttempts",
  "requestDuration",
  "response",
];

interface QueryAnswer {
  results: HistoryEntry[];
  summary: { subscriptionId: string; results: { result: string; notificationCount: number }[] }[];
  associatedSubscriptions: { id: string; consumerInputs: Record<string, string> }[];
  [field: string]: unknown;
}

describe("POST _apis/hooks/notificationsquery", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  let working: FakeConsumer;
  let failing: FakeConsumer;
  let healthy: string;
  let broken: string;
  const healthyIds: number[] = [];
  let brokenId: number;

  async function query(body: Record<string, unknown>): Promise<QueryAnswer> {
    const response = await api.post("/_apis/hooks/notificationsquery", body);
    expect(response.status).toBe(200);
    return response.json<QueryAnswer>();
  }

  // One subscription delivers three events (at T0, T1 and T2); the other fails the first and is on probation after it.
  beforeAll(async () => {
    working = await startConsumer();
    failing = await startConsumer();
    failing.always(500);
    emulator = await startEmulator({ now: testClock(T0).now });
    api = apiClient(emulator);
    const control = deliveryControl(api);
    healthy = (await control.subscribe(`${working.url}/hook`, { consumerInputs: { basicAuthUsername: "bot", basicAuthPassword: "s3cret-value" } })).id;
    broken = (await control.subscribe(`${failing.url}/hook`)).id;
    const first = await control.publish();
    await control.advance(3600);
    const second = await control.publish();
    await control.advance(3600);
    const third = await control.publish();
    for (const published of [first, second, third]) {
      for (const entry of published.value) if (entry.subscriptionId === healthy) healthyIds.push(entry.notificationId);
    }
    brokenId = first.value.find((entry) => entry.subscriptionId === broken)?.notificationId ?? -1;
    expect(second.dropped).toEqual([{ subscriptionId: broken, status: "onProbation" }]);
  });
  afterAll(async () => {
    await emulator.close();
    await working.close();
    await failing.close();
  });

  it("summarizes results per subscription and returns no notifications without includeDetails", async () => {
    const answer = await query({});
    expect(Object.keys(answer).sort()).toEqual(QUERY_FIELDS);
    expect(answer).toMatchObject({ subscriptionIds: null, publisherId: null, resultType: null, includeDetails: false, results: [] });
    expect(answer.summary).toEqual([
      { subscriptionId: healthy, results: [{ result: "succeeded", notificationCount: 3 }] },
      { subscriptionId: broken, results: [{ result: "failed", notificationCount: 1 }] },
    ]);
    expect(answer.associatedSubscriptions.map((subscription) => subscription.id)).toEqual([healthy, broken]);
    expect(answer.associatedSubscriptions[0]?.consumerInputs.basicAuthPassword).toBe("********");
  });

  it("returns the newest notifications of the named subscriptions, at most maxResultsPerSubscription each, with their details", async () => {
    const answer = await query({ subscriptionIds: [healthy], includeDetails: true, maxResultsPerSubscription: 2 });
    expect(answer.subscriptionIds).toEqual([healthy]);
    expect(answer.results.map((notification) => notification.id)).toEqual([healthyIds[2], healthyIds[1]]);
    expect(answer.summary).toEqual([{ subscriptionId: healthy, results: [{ result: "succeeded", notificationCount: 3 }] }]);
    for (const notification of answer.results) {
      expect(NOTIFICATION_FIELDS).toEqual(expect.arrayContaining(Object.keys(notification)));
      expect(DETAILS_FIELDS).toEqual(expect.arrayContaining(Object.keys(notification.details)));
    }
    expect(JSON.stringify(answer)).not.toContain("s3cret-value");
  });

  it("filters by result type, creation dates, status and publisher, and caps the whole answer at maxResults", async () => {
    const failed = await query({ includeDetails: true, resultType: "failed" });
    expect(failed.results.map((notification) => notification.id)).toEqual([brokenId]);
    expect(failed.results[0]?.details.errorMessage).toContain("500");
    expect(failed.associatedSubscriptions.map((subscription) => subscription.id)).toEqual([broken]);

    const window = await query({ includeDetails: true, minCreatedDate: T1, maxCreatedDate: T2 });
    expect(window.results.map((notification) => notification.id)).toEqual([healthyIds[2], healthyIds[1]]);
    expect((await query({ includeDetails: true, maxResults: 1 })).results.map((notification) => notification.id)).toEqual([healthyIds[2]]);
    expect((await query({ includeDetails: true, status: "queued" })).results).toEqual([]);
    expect(await query({ publisherId: "rm" })).toMatchObject({ results: [], summary: [], associatedSubscriptions: [] });
  });

  it("refuses a query it cannot read in the service's error shape", async () => {
    const badResult = await api.post("/_apis/hooks/notificationsquery", { resultType: "broken" });
    expect(badResult.status).toBe(400);
    expect(badResult.json<{ typeKey: string; message: string }>()).toMatchObject({ typeKey: "ArgumentException" });
    expect((await api.post("/_apis/hooks/notificationsquery", { subscriptionIds: healthy })).status).toBe(400);
    expect((await api.post("/_apis/hooks/notificationsquery", { minCreatedDate: "yesterday" })).status).toBe(400);
    expect((await api.request("POST", "/_apis/hooks/notificationsquery")).json<{ typeKey: string }>().typeKey).toBe("ArgumentNullException");
  });
});
