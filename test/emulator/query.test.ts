import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InputFilter, LiveSubscription, SubscriptionBody, SubscriptionsQuery } from "../../src/ado/types.js";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { apiClient, MOBILE_PROJECT_ID, WEBSITE_PROJECT_ID, webHookBody } from "./helpers.js";

describe("listing and querying subscriptions", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  const ids: Record<string, string> = {};

  const seeds: Record<string, SubscriptionBody> = {
    websiteBuild: webHookBody({
      publisherInputs: { projectId: WEBSITE_PROJECT_ID, buildStatus: "Failed" },
      consumerInputs: { url: "https://a.example.com/hook" },
    }),
    websitePush: webHookBody({
      eventType: "git.push",
      publisherInputs: { projectId: WEBSITE_PROJECT_ID, branch: "main" },
      consumerInputs: { url: "https://B.example.com/hook" },
    }),
    mobileBuild: webHookBody({
      publisherInputs: { projectId: MOBILE_PROJECT_ID },
      consumerInputs: { url: "https://a.example.com/hook", basicAuthUsername: "u", basicAuthPassword: "hunter2" },
    }),
    orgWideQueue: {
      publisherId: "tfs",
      eventType: "workitem.created",
      consumerId: "azureStorageQueue",
      consumerActionId: "enqueue",
      publisherInputs: {},
      consumerInputs: { accountName: "store", accountKey: "k".repeat(64), queueName: "events", visiTimeout: "0", ttl: "604800" },
    },
  };

  beforeAll(async () => {
    emulator = await startEmulator();
    api = apiClient(emulator);
    for (const [name, body] of Object.entries(seeds)) ids[name] = emulator.state.insert(body).id;
  });
  afterAll(() => emulator.close());

  async function listIds(query: string): Promise<string[]> {
    const response = await api.get(`/_apis/hooks/subscriptions${query}`);
    expect(response.status).toBe(200);
    const body = response.json<{ count: number; value: LiveSubscription[] }>();
    expect(body.count).toBe(body.value.length);
    return body.value.map((subscription) => subscription.id);
  }

  it("lists everything in creation order, wrapped in {count, value}", async () => {
    expect(await listIds("")).toEqual([ids.websiteBuild, ids.websitePush, ids.mobileBuild, ids.orgWideQueue]);
  });

  it("filters the list on publisher, event type, consumer and action ids", async () => {
    expect(await listIds("?eventType=git.push")).toEqual([ids.websitePush]);
    expect(await listIds("?consumerId=azureStorageQueue&consumerActionId=enqueue")).toEqual([ids.orgWideQueue]);
    expect(await listIds("?publisherId=tfs&eventType=build.complete")).toEqual([ids.websiteBuild, ids.mobileBuild]);
    expect(await listIds("?PUBLISHERID=rm")).toEqual([]);
  });

  async function query(body: SubscriptionsQuery): Promise<SubscriptionsQuery> {
    const response = await api.post("/_apis/hooks/subscriptionsquery", body);
    expect(response.status).toBe(200);
    return response.json<SubscriptionsQuery>();
  }

  const projectIs = (projectId: string): InputFilter => ({ conditions: [{ inputId: "projectId", operator: "equals", inputValue: projectId }] });

  it("echoes the query with its results", async () => {
    const answer = await query({ publisherId: "tfs", publisherInputFilters: [projectIs(MOBILE_PROJECT_ID)] });
    expect(answer.publisherId).toBe("tfs");
    expect(answer.publisherInputFilters).toEqual([
      { conditions: [{ inputId: "projectId", operator: "equals", inputValue: MOBILE_PROJECT_ID, caseSensitive: false }] },
    ]);
    expect(answer.results?.map((subscription) => subscription.id)).toEqual([ids.mobileBuild]);
    expect(answer.results?.[0]?.consumerInputs.basicAuthPassword).toBe("********");
  });

  it("ORs filter groups and ANDs the conditions inside a group", async () => {
    const either = await query({ publisherInputFilters: [projectIs(MOBILE_PROJECT_ID), projectIs(WEBSITE_PROJECT_ID)] });
    expect(either.results?.map((subscription) => subscription.id)).toEqual([ids.websiteBuild, ids.websitePush, ids.mobileBuild]);

    const both = await query({
      publisherInputFilters: [{ conditions: [...projectIs(WEBSITE_PROJECT_ID).conditions, { inputId: "branch", operator: "equals", inputValue: "main" }] }],
    });
    expect(both.results?.map((subscription) => subscription.id)).toEqual([ids.websitePush]);
  });

  it("supports notEquals, treats a missing input as empty, and matches case-insensitively unless asked", async () => {
    const notWebsite = await query({
      publisherInputFilters: [{ conditions: [{ inputId: "projectId", operator: "notEquals", inputValue: WEBSITE_PROJECT_ID }] }],
    });
    expect(notWebsite.results?.map((subscription) => subscription.id)).toEqual([ids.mobileBuild, ids.orgWideQueue]);

    const orgWide = await query({ publisherInputFilters: [{ conditions: [{ inputId: "projectId", operator: "equals", inputValue: "" }] }] });
    expect(orgWide.results?.map((subscription) => subscription.id)).toEqual([ids.orgWideQueue]);

    const url = (inputValue: string, caseSensitive: boolean): InputFilter[] => [
      { conditions: [{ inputId: "url", operator: "equals", inputValue, caseSensitive }] },
    ];
    expect((await query({ consumerInputFilters: url("https://b.example.com/hook", false) })).results?.map((subscription) => subscription.id)).toEqual([
      ids.websitePush,
    ]);
    expect((await query({ consumerInputFilters: url("https://b.example.com/hook", true) })).results).toEqual([]);
  });

  it("never matches a stored secret, so a query cannot probe for it", async () => {
    const probe = await query({ consumerInputFilters: [{ conditions: [{ inputId: "basicAuthPassword", operator: "equals", inputValue: "hunter2" }] }] });
    expect(probe.results).toEqual([]);
  });

  it("refuses a malformed query", async () => {
    const response = await api.post("/_apis/hooks/subscriptionsquery", {
      publisherInputFilters: [{ conditions: [{ inputId: "projectId", operator: "startsWith", inputValue: "x" }] }],
    });
    expect(response.status).toBe(400);
  });
});
