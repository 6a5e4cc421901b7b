/**
 * Replays the recorded official examples (hooks 7.1 and core 7.1 projects) against the emulator and
 * compares the answers by shape. Ids, dates, urls and description texts are data; keys and JSON types
 * are the contract. The recordings are from 2014 (api-version 1.0), so where the current service sends
 * more (status, _links, identity names) the extra keys are listed with the reason.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveSubscription, SubscriptionStatus } from "../../src/ado/types.js";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { apiClient, MOBILE_PROJECT_ID, type RecordedExample, recordedExample, testClock, WEBSITE_PROJECT_ID } from "./helpers.js";
import { expectSameShape, type ShapeRules } from "./shape.js";

/** The recordings' projects, mapped onto the emulator's seeded ones. */
const RECORDED_PROJECTS: Record<string, string> = {
  "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c": WEBSITE_PROJECT_ID,
  "eb6e4656-77fc-42a1-9181-4c6d8e9da5d1": MOBILE_PROJECT_ID,
};

const SUBSCRIPTION_EXTRAS = {
  // The current service always sends status, _links, lastProbationRetryDate (0001-01-01T00:00:00 when
  // never on probation) and subscriber (usually null); the 2014 recordings omit them (REAL-SERVICE.md, Cosmetic).
  fields: ["status", "_links", "lastProbationRetryDate", "subscriber"],
  // Identity references carry the display and unique name on the current service.
  identity: ["displayName", "uniqueName"],
};

const SUBSCRIPTION_RULES: ShapeRules = {
  extra: {
    "(root)": SUBSCRIPTION_EXTRAS.fields,
    value: SUBSCRIPTION_EXTRAS.fields,
    createdBy: SUBSCRIPTION_EXTRAS.identity,
    modifiedBy: SUBSCRIPTION_EXTRAS.identity,
  },
  exactKeys: ["status", "probationRetries", "publisherId", "eventType", "consumerId", "consumerActionId", "resourceVersion"],
  literals: ["********"],
};

/** Descriptors are built from the catalog, which knows fewer display details than the 2014 service did. */
const DESCRIPTOR_RULES: ShapeRules = {
  matchById: ["value", "supportedEvents", "inputDescriptors", "actions"],
  anyLength: ["possibleValues"],
  maps: ["supportedResourceVersions"],
  optional: {
    inputDescriptors: ["validation", "values", "hasDynamicValueInformation", "dependencyInputIds"],
    validation: ["isRequired", "pattern", "patternMismatchErrorMessage", "minLength", "maxLength", "minValue", "maxValue"],
    values: ["inputId", "defaultValue", "possibleValues", "isLimitedToPossibleValues", "isReadOnly"],
    possibleValues: ["displayValue"],
    value: ["imageUrl", "externalConfiguration"],
    "(root)": ["imageUrl", "externalConfiguration"],
    actions: ["supportedResourceVersions", "allowResourceVersionOverride"],
  },
  // serviceInstanceType tells clients which host serves a publisher (rm lives on the release host).
  extra: { value: ["serviceInstanceType"] },
};

function requestOf(example: RecordedExample, ids: Record<string, string> = {}) {
  const recorded = new URL(example["x-ms-vss-request-url"]);
  let path = recorded.pathname.replace(/^\/fabrikam/, "");
  for (const [from, to] of Object.entries(ids)) path = path.replace(from, to);
  const version = recorded.searchParams.get("api-version") ?? String(example.parameters["api-version"]);
  return { path, version };
}

function withSeededProjects(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key: string, item: unknown) =>
    key === "projectId" && typeof item === "string" ? (RECORDED_PROJECTS[item] ?? item) : item,
  ) as unknown;
}

function recordedBody(example: RecordedExample, status = "200"): unknown {
  const response = example.responses[status];
  if (!response) throw new Error(`the recording has no ${status} response`);
  return response.body;
}

/** Seeds a subscription equivalent to a recorded one; secrets the recording masks get a real value. */
function seedLike(emulator: EmulatorHandle, recorded: LiveSubscription): string {
  const { hostId: _hostId, tfsSubscriptionId: _tfsSubscriptionId, ...publisherInputs } = recorded.publisherInputs;
  const consumerInputs = Object.fromEntries(
    Object.entries(recorded.consumerInputs).map(([id, value]) => [id, value === "********" ? `real-${id}-value` : value]),
  );
  const live = emulator.state.insert(
    {
      publisherId: recorded.publisherId,
      eventType: recorded.eventType,
      resourceVersion: recorded.resourceVersion ?? null,
      consumerId: recorded.consumerId,
      consumerActionId: recorded.consumerActionId,
      publisherInputs,
      consumerInputs,
    },
    { createdBy: { id: recorded.createdBy?.id ?? "" } },
  );
  const status: SubscriptionStatus = recorded.status ?? "enabled";
  if (status !== "enabled") {
    emulator.state.setStatus(live.id, status, recorded.probationRetries === undefined ? {} : { probationRetries: recorded.probationRetries });
  }
  return live.id;
}

describe("recorded official examples", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  const clock = testClock();

  beforeEach(async () => {
    emulator = await startEmulator({ now: clock.now });
    api = apiClient(emulator);
  });
  afterEach(() => emulator.close());

  describe("subscriptions", () => {
    it("GET /hooks/subscriptions lists seeded equivalents with the recorded shape, secrets masked", async () => {
      const example = recordedExample("hooks/subscriptions/GET__hooks_subscriptions_.json");
      const recorded = recordedBody(example) as { value: LiveSubscription[] };
      for (const subscription of recorded.value) seedLike(emulator, subscription);
      const { path, version } = requestOf(example);
      const response = await api.get(path, { version });
      expect(response.status).toBe(200);
      expectSameShape(response.json(), recorded, SUBSCRIPTION_RULES);
    });

    it("GET /hooks/subscriptions/{id} returns the recorded shape", async () => {
      const example = recordedExample("hooks/subscriptions/GET__hooks_subscriptions__subscriptionId_.json");
      const recorded = recordedBody(example) as LiveSubscription;
      const id = seedLike(emulator, recorded);
      const { path, version } = requestOf(example, { [recorded.id]: id });
      const response = await api.get(path, { version });
      expect(response.status).toBe(200);
      expectSameShape(response.json(), recorded, SUBSCRIPTION_RULES);
    });

    it("POST /hooks/subscriptions answers 200 with every server field and the same generated texts", async () => {
      const example = recordedExample("hooks/subscriptions/POST__hooks_subscriptions.json");
      const recorded = recordedBody(example) as LiveSubscription;
      const { path, version } = requestOf(example);
      const response = await api.post(path, withSeededProjects(example.parameters.body), { version });
      expect(response.status).toBe(200);
      const created = response.json<LiveSubscription>();
      expectSameShape(created, recorded, SUBSCRIPTION_RULES);
      expect(created.eventDescription).toBe(recorded.eventDescription);
      expect(created.actionDescription).toBe(recorded.actionDescription);
    });

    it("PUT /hooks/subscriptions/{id} replaces with the recorded shape and keeps server-added inputs", async () => {
      const post = recordedExample("hooks/subscriptions/POST__hooks_subscriptions.json");
      const created = (await api.post("/_apis/hooks/subscriptions", withSeededProjects(post.parameters.body))).json<LiveSubscription>();
      clock.advance(1_357);
      const example = recordedExample("hooks/subscriptions/PUT__hooks_subscriptions__newSubscriptionId_.json");
      const recorded = recordedBody(example) as LiveSubscription;
      const { path, version } = requestOf(example, { [recorded.id]: created.id });
      const response = await api.put(path, withSeededProjects(example.parameters.body), { version });
      expect(response.status).toBe(200);
      const replaced = response.json<LiveSubscription>();
      expectSameShape(replaced, recorded, SUBSCRIPTION_RULES);
      expect(replaced.publisherInputs.tfsSubscriptionId).toBe(created.publisherInputs.tfsSubscriptionId);
      expect(replaced.consumerInputs.url).toBe("https://myservice/newreceiver");
      expect(Date.parse(replaced.modifiedDate ?? "") - Date.parse(replaced.createdDate ?? "")).toBe(1_357);
    });

    it("DELETE /hooks/subscriptions/{id} answers 204 with no body", async () => {
      const created = emulator.state.insert({
        publisherId: "tfs",
        eventType: "build.complete",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        publisherInputs: {},
        consumerInputs: { url: "https://myservice/myhookeventreceiver" },
      });
      const example = recordedExample("hooks/subscriptions/DELETE__hooks_subscriptions__newSubscriptionId_.json");
      const { path, version } = requestOf(example, { [String(example.parameters.newSubscriptionId)]: created.id });
      const response = await api.delete(path, { version });
      expect(Object.keys(example.responses)).toEqual([String(response.status)]);
      expect(response.text).toBe("");
    });
  });

  describe("metadata", () => {
    const cases: [string, string][] = [
      ["publishers list", "hooks/publishers/GET__hooks_publishers.json"],
      ["event types of a publisher", "hooks/eventtypes/GET__hooks_publishers__publisherId__eventTypes.json"],
      ["one event type", "hooks/eventtypes/GET__hooks_publishers__publisherId__eventTypes__eventTypeId_.json"],
      ["consumers list (with retired consumers)", "hooks/consumers/GET__hooks_consumers.json"],
      ["one consumer", "hooks/consumers/GET__hooks_consumers__consumerId_.json"],
      ["actions of a consumer", "hooks/actions/GET__hooks_consumers__consumerId__actions.json"],
      ["one consumer action", "hooks/actions/GET__hooks_consumers__consumerId__actions__consumerActionId_.json"],
    ];
    it.each(cases)("%s has the recorded shape", async (_name, file) => {
      const example = recordedExample(file);
      const { path, version } = requestOf(example);
      const response = await api.get(path, { version });
      expect(response.status).toBe(200);
      expectSameShape(response.json(), recordedBody(example), DESCRIPTOR_RULES);
    });
  });

  describe("diagnostics", () => {
    it("PUT then GET /hooks/subscriptions/{id}/diagnostics have the recorded shapes", async () => {
      const id = emulator.state.insert({
        publisherId: "tfs",
        eventType: "git.push",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        publisherInputs: {},
        consumerInputs: { url: "https://example.com/hook" },
      }).id;
      const put = recordedExample("hooks/diagnostics/PUT__notification_diagnostics.json");
      const recordedId = "8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb";
      const putRequest = requestOf(put, { [recordedId]: id });
      const putResponse = await api.put(putRequest.path, put.parameters.body, { version: putRequest.version });
      expect(putResponse.status).toBe(200);
      expectSameShape(putResponse.json(), recordedBody(put));

      await api.put(putRequest.path, { deliveryTracing: { enabled: true } }, { version: putRequest.version });
      const get = recordedExample("hooks/diagnostics/GET__notification_diagnostics.json");
      const getRequest = requestOf(get, { [recordedId]: id });
      const getResponse = await api.get(getRequest.path, { version: getRequest.version });
      expect(getResponse.status).toBe(200);
      // The recording shows only the tracing that was switched on; this one has both kinds on.
      expectSameShape(getResponse.json(), recordedBody(get), { extra: { "(root)": ["evaluationTracing"] } });
    });
  });

  describe("core", () => {
    it("GET /projects has the recorded shape", async () => {
      const example = recordedExample("core/projects/GET__projects.json");
      const { path, version } = requestOf(example);
      const response = await api.get(path, { version });
      expect(response.status).toBe(200);
      expectSameShape(response.json(), recordedBody(example), {
        // Current TeamProjectReference fields the 2014 recording predates; one recorded project has no description.
        extra: { value: ["revision", "visibility", "lastUpdateTime"] },
        optional: { value: ["description"] },
      });
    });
  });
});
