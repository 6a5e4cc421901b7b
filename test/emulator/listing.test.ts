/** What list and query return, and how fast (REAL-SERVICE.md R1, R4, Cosmetic). */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveSubscription, SubscriptionBody, SubscriptionsQuery } from "../../src/ado/types.js";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { apiClient, basic, MOBILE_PROJECT_ID, WEBSITE_PROJECT_ID, webHookBody } from "./helpers.js";

const SUBSCRIPTIONS = "/_apis/hooks/subscriptions";
const QUERY = "/_apis/hooks/subscriptionsquery";

const endpointCreated: SubscriptionBody = webHookBody({
  eventType: "ms.vss-endpoint.endpoint-created",
  resourceVersion: null,
  publisherInputs: { projectId: WEBSITE_PROJECT_ID },
});

function ids(subscriptions: readonly LiveSubscription[] | undefined): string[] {
  return (subscriptions ?? []).map((subscription) => subscription.id);
}

describe("listing", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;

  afterEach(() => emulator.close());

  describe("event types the service never lists (R4)", () => {
    beforeEach(async () => {
      emulator = await startEmulator();
      api = apiClient(emulator);
    });

    it("are created and readable by id, but left out of list and query", async () => {
      const created = await api.post(SUBSCRIPTIONS, endpointCreated);
      expect(created.status).toBe(200);
      const hidden = created.json<LiveSubscription>();
      const listed = emulator.state.insert(webHookBody()).id;

      expect((await api.get(`${SUBSCRIPTIONS}/${hidden.id}`)).status).toBe(200);
      expect(ids((await api.get(SUBSCRIPTIONS)).json<{ value: LiveSubscription[] }>().value)).toEqual([listed]);
      expect((await api.get(`${SUBSCRIPTIONS}?eventType=ms.vss-endpoint.endpoint-created`)).json<{ count: number }>().count).toBe(0);
      expect(ids((await api.post(QUERY, { publisherId: "tfs" })).json<SubscriptionsQuery>().results)).toEqual([listed]);
    });

    it("are listed with listUnlistedEvents, switched on through the control route", async () => {
      const hidden = emulator.state.insert(endpointCreated).id;
      const switched = await fetch(`${emulator.url}/_emulator/behaviour`, {
        method: "POST",
        headers: { Authorization: basic(emulator.token), "Content-Type": "application/json" },
        body: JSON.stringify({ listUnlistedEvents: true }),
      });
      expect(switched.status).toBe(200);
      expect(ids((await api.get(SUBSCRIPTIONS)).json<{ value: LiveSubscription[] }>().value)).toEqual([hidden]);
      expect(ids((await api.post(QUERY, {})).json<SubscriptionsQuery>().results)).toEqual([hidden]);
    });
  });

  describe("shape of every subscription (Cosmetic)", () => {
    beforeEach(async () => {
      emulator = await startEmulator();
      api = apiClient(emulator);
    });

    it("always has status, subscriber null, modifiedBy/modifiedDate and lastProbationRetryDate; no hostId on 7.1", async () => {
      emulator.state.insert(webHookBody());
      const [live] = (await api.get(SUBSCRIPTIONS)).json<{ value: Record<string, unknown>[] }>().value;
      expect(live).toMatchObject({ status: "enabled", subscriber: null, lastProbationRetryDate: "0001-01-01T00:00:00" });
      expect(live?.modifiedBy).toEqual(expect.objectContaining({ id: expect.any(String) }));
      expect(live?.modifiedDate).toEqual(expect.any(String));
      expect(live).not.toHaveProperty("probationRetries");
      expect(live?.publisherInputs).not.toHaveProperty("hostId");
    });

    it("gives release subscriptions a tfsSubscriptionId too", async () => {
      const response = await api.post(
        SUBSCRIPTIONS,
        webHookBody({
          publisherId: "rm",
          eventType: "ms.vss-release.release-created-event",
          resourceVersion: "3.0-preview.1",
          publisherInputs: { projectId: WEBSITE_PROJECT_ID },
        }),
        { release: true },
      );
      expect(Object.keys(response.json<LiveSubscription>().publisherInputs)).toEqual(["projectId", "tfsSubscriptionId"]);
    });
  });

  describe("slow lists (R1)", () => {
    const ITEMS = 40;
    const MS_PER_ITEM = 15;

    beforeEach(async () => {
      emulator = await startEmulator({ faults: { listDelay: { msPerItem: MS_PER_ITEM } } });
      api = apiClient(emulator);
      for (let index = 0; index < ITEMS; index++) {
        const projectId = index < 2 ? WEBSITE_PROJECT_ID : MOBILE_PROJECT_ID;
        emulator.state.insert(webHookBody({ publisherInputs: { projectId }, consumerInputs: { url: `https://hooks.example.com/${index}` } }));
      }
    });

    async function timed<T>(call: () => Promise<T>): Promise<[T, number]> {
      const started = performance.now();
      const result = await call();
      return [result, performance.now() - started];
    }

    it("answers the org-wide list in proportion to its size and a project-scoped query fast", async () => {
      const [list, listMs] = await timed(() => api.get(SUBSCRIPTIONS));
      expect(list.json<{ count: number }>().count).toBe(ITEMS);
      expect(listMs).toBeGreaterThanOrEqual(ITEMS * MS_PER_ITEM - 20);

      const projectQuery = { publisherInputFilters: [{ conditions: [{ inputId: "projectId", operator: "equals", inputValue: WEBSITE_PROJECT_ID }] }] };
      const [scoped, scopedMs] = await timed(() => api.post(QUERY, projectQuery));
      expect(scoped.json<SubscriptionsQuery>().results).toHaveLength(2);
      expect(scopedMs).toBeGreaterThanOrEqual(2 * MS_PER_ITEM - 5);
      expect(scopedMs).toBeLessThan((ITEMS * MS_PER_ITEM) / 2);
    });

    it("holds back the headers, so a client's header timeout fires", async () => {
      const url = `${emulator.url}${SUBSCRIPTIONS}?api-version=7.1`;
      const request = fetch(url, { headers: { Authorization: basic(emulator.token) }, signal: AbortSignal.timeout(100) });
      await expect(request).rejects.toThrow(/timeout|aborted/i);
      await emulator.whenIdle();
    });

    it("is set and cleared through the faults control route, per KiB as well as per item", async () => {
      const faults = (body: unknown) =>
        fetch(`${emulator.url}/_emulator/faults`, {
          method: "POST",
          headers: { Authorization: basic(emulator.token), "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
      expect((await faults({})).status).toBe(200);
      const [, fastMs] = await timed(() => api.get(SUBSCRIPTIONS));
      expect(fastMs).toBeLessThan((ITEMS * MS_PER_ITEM) / 2);

      const answer = await faults({ listDelay: { msPerKiB: 20 } });
      expect(await answer.json()).toMatchObject({ listDelay: { msPerKiB: 20 } });
      const [list, perKiBMs] = await timed(() => api.get(SUBSCRIPTIONS));
      const kib = Buffer.byteLength(list.text) / 1024;
      expect(perKiBMs).toBeGreaterThanOrEqual(kib * 20 - 20);
      expect((await faults({ listDelay: { msPerItem: -1 } })).status).toBe(400);
    });
  });
});
