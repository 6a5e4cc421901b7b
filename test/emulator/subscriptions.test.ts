import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConnectionData, LiveSubscription, ServiceErrorBody, SubscriptionsQuery } from "../../src/ado/types.js";
import { type EmulatorHandle, type EmulatorUser, startEmulator } from "../../src/emulator/index.js";
import { apiClient, basic, testClock, WEBSITE_PROJECT_ID, webHookBody } from "./helpers.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const SUBSCRIPTIONS = "/_apis/hooks/subscriptions";

const owner: EmulatorUser = {
  token: "owner-pat",
  kind: "pat",
  id: "11111111-2222-4333-8444-555555555555",
  displayName: "Olivia Owner",
  uniqueName: "olivia@fabrikam.example",
};
const pipeline: EmulatorUser = {
  token: "pipeline-bearer",
  kind: "bearer",
  id: "99999999-8888-4777-8666-555555555555",
  displayName: "Build Service",
  uniqueName: "build@fabrikam.example",
};

describe("subscriptions", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  const clock = testClock();

  beforeEach(async () => {
    emulator = await startEmulator({ users: [owner, pipeline], now: clock.now });
    api = apiClient(emulator);
  });
  afterEach(() => emulator.close());

  describe("create", () => {
    it("answers 200 with the fields the service adds", async () => {
      const response = await api.post(SUBSCRIPTIONS, webHookBody());
      expect(response.status).toBe(200);
      const created = response.json<LiveSubscription>();
      expect(created.id).toMatch(GUID);
      expect(created.url).toBe(`${emulator.url}/_apis/hooks/subscriptions/${created.id}`);
      expect(created.status).toBe("enabled");
      expect(created.createdDate).toMatch(ISO_UTC);
      expect(created.modifiedDate).toBe(created.createdDate);
      expect(created.createdBy).toEqual({ id: owner.id, displayName: owner.displayName, uniqueName: owner.uniqueName });
      expect(created.modifiedBy).toEqual(created.createdBy);
      expect(created.eventDescription).toBe("Build WebSite.CI, status Failed");
      expect(created.actionDescription).toBe("To host hooks.example.com");
      expect(created.resourceVersion).toBe("1.0");
      expect(Object.keys(created._links ?? {}).sort()).toEqual(["actions", "consumer", "notifications", "publisher", "self"]);
      expect(created._links?.self?.href).toBe(created.url);
    });

    it("adds a tfsSubscriptionId for every contributed publisher, and hostId only for api-version 1.0", async () => {
      const created = (await api.post(SUBSCRIPTIONS, webHookBody())).json<LiveSubscription>();
      expect(created.publisherInputs.tfsSubscriptionId).toMatch(GUID);
      expect(created.publisherInputs.tfsSubscriptionId).not.toBe(created.id);
      expect(Object.keys(created.publisherInputs)).toEqual(["buildStatus", "definitionName", "projectId", "tfsSubscriptionId"]);

      // The 2014 recordings (api-version 1.0) carry hostId, the organization's instance id.
      const legacy = (await api.get(`${SUBSCRIPTIONS}/${created.id}`, { version: "1.0" })).json<LiveSubscription>();
      const connection = (await api.get("/_apis/connectionData", { version: "7.1-preview.1" })).json<ConnectionData>();
      expect(legacy.publisherInputs.hostId).toBe(connection.instanceId);
      expect(Object.keys(legacy.publisherInputs)).toEqual(["buildStatus", "definitionName", "hostId", "projectId", "tfsSubscriptionId"]);

      const pipelines = await api.post(
        SUBSCRIPTIONS,
        webHookBody({ publisherId: "pipelines", eventType: "ms.vss-pipelines.run-state-changed-event", resourceVersion: "5.1-preview.1", publisherInputs: {} }),
      );
      expect(Object.keys(pipelines.json<LiveSubscription>().publisherInputs)).toEqual(["tfsSubscriptionId"]);
    });

    it("describes unfiltered events generically and echoes an omitted resourceVersion as null", async () => {
      const { resourceVersion: _omitted, ...body } = webHookBody({ publisherInputs: { projectId: WEBSITE_PROJECT_ID } });
      const created = (await api.post(SUBSCRIPTIONS, body)).json<LiveSubscription>();
      expect(created.eventDescription).toBe("Any completed build");
      expect(created.resourceVersion).toBeNull();
    });

    it("records the caller's identity, whichever credential it used", async () => {
      const response = await api.post(SUBSCRIPTIONS, webHookBody(), { authorization: `Bearer ${pipeline.token}` });
      expect(response.json<LiveSubscription>().createdBy?.id).toBe(pipeline.id);
    });

    it("keeps status disabledByUser when sent and refuses statuses only the service sets", async () => {
      const disabled = await api.post(SUBSCRIPTIONS, webHookBody({ status: "disabledByUser" }));
      expect(disabled.json<LiveSubscription>().status).toBe("disabledByUser");
      for (const status of ["onProbation", "disabledBySystem", "disabledByInactiveIdentity"] as const) {
        const refused = await api.post(SUBSCRIPTIONS, webHookBody({ status }));
        expect(refused.status).toBe(400);
        expect(refused.json<ServiceErrorBody>().message).toContain(status);
      }
    });

    it("allows duplicates, as the service does", async () => {
      const first = (await api.post(SUBSCRIPTIONS, webHookBody())).json<LiveSubscription>();
      const second = (await api.post(SUBSCRIPTIONS, webHookBody())).json<LiveSubscription>();
      expect(second.id).not.toBe(first.id);
      expect((await api.get(SUBSCRIPTIONS)).json<{ count: number }>().count).toBe(2);
    });

    it("accepts retired consumers that old subscriptions still use", async () => {
      const response = await api.post(SUBSCRIPTIONS, {
        publisherId: "tfs",
        eventType: "build.complete",
        consumerId: "myGet",
        consumerActionId: "publishPackage",
        publisherInputs: { projectId: WEBSITE_PROJECT_ID },
        consumerInputs: { feedId: "fabrikam-package", packageSourceId: "ef1a74fb-53e3-46b8-9d8f-03a38a9c7b78" },
      });
      expect(response.status).toBe(200);
      expect(response.json<LiveSubscription>().actionDescription).toBe("Feed id: fabrikam-package, Package source id: ef1a74fb-53e3-46b8-9d8f-03a38a9c7b78");
    });
  });

  describe("confidential inputs", () => {
    it("are stored but read back as ******** on every read", async () => {
      const created = (await api.post(SUBSCRIPTIONS, webHookBody())).json<LiveSubscription>();
      const reads: LiveSubscription[] = [
        created,
        (await api.get(`${SUBSCRIPTIONS}/${created.id}`)).json<LiveSubscription>(),
        ...(await api.get(SUBSCRIPTIONS)).json<{ value: LiveSubscription[] }>().value,
        ...((await api.post("/_apis/hooks/subscriptionsquery", { publisherId: "tfs" })).json<SubscriptionsQuery>().results ?? []),
        (await api.put(`${SUBSCRIPTIONS}/${created.id}`, webHookBody())).json<LiveSubscription>(),
      ];
      expect(reads).toHaveLength(5);
      for (const read of reads) {
        expect(read.consumerInputs.basicAuthPassword).toBe("********");
        expect(read.consumerInputs.basicAuthUsername).toBe("bot");
      }
      expect(emulator.state.get(created.id)?.consumerInputs.basicAuthPassword).toBe("s3cret-value");
    });

    it("keeps the stored secret when a PUT echoes the mask and the url it depends on is unchanged (default keep mode)", async () => {
      const created = (await api.post(SUBSCRIPTIONS, webHookBody())).json<LiveSubscription>();
      const echoed = webHookBody({ consumerInputs: { ...created.consumerInputs, basicAuthUsername: "robot" } });
      const response = await api.put(`${SUBSCRIPTIONS}/${created.id}`, echoed);
      expect(response.status).toBe(200);
      expect(emulator.state.get(created.id)?.consumerInputs).toEqual({
        url: "https://hooks.example.com/build",
        basicAuthUsername: "robot",
        basicAuthPassword: "s3cret-value",
      });
    });

    it("refuses a PUT that echoes the mask in reject mode", async () => {
      const strict = await startEmulator({ users: [owner], maskedEchoMode: "reject" });
      try {
        const strictApi = apiClient(strict);
        const created = (await strictApi.post(SUBSCRIPTIONS, webHookBody())).json<LiveSubscription>();
        const response = await strictApi.put(`${SUBSCRIPTIONS}/${created.id}`, webHookBody({ consumerInputs: created.consumerInputs }));
        expect(response.status).toBe(400);
        expect(response.json<ServiceErrorBody>()).toMatchObject({ typeKey: "SubscriptionInputException" });
        expect(response.json<ServiceErrorBody>().message).toContain("basicAuthPassword");
        expect(strict.state.get(created.id)?.consumerInputs.basicAuthPassword).toBe("s3cret-value");
      } finally {
        await strict.close();
      }
    });

    it("refuses the mask when no secret is stored to keep", async () => {
      const created = (await api.post(SUBSCRIPTIONS, webHookBody({ consumerInputs: { url: "https://hooks.example.com/x" } }))).json<LiveSubscription>();
      const response = await api.put(
        `${SUBSCRIPTIONS}/${created.id}`,
        webHookBody({ consumerInputs: { url: "https://hooks.example.com/x", basicAuthUsername: "bot", basicAuthPassword: "********" } }),
      );
      expect(response.status).toBe(400);
      expect(response.json<ServiceErrorBody>().typeKey).toBe("SubscriptionInputException");
    });
  });

  describe("replace", () => {
    it("replaces the whole subscription, bumps modifiedDate/modifiedBy and keeps id, creation and tfsSubscriptionId", async () => {
      const created = (await api.post(SUBSCRIPTIONS, webHookBody())).json<LiveSubscription>();
      clock.advance(60_000);
      const body = webHookBody({
        publisherInputs: { projectId: WEBSITE_PROJECT_ID },
        consumerInputs: { url: "https://other.example.org/in" },
        status: "disabledByUser",
      });
      const response = await api.put(`${SUBSCRIPTIONS}/${created.id}`, body, { authorization: `Bearer ${pipeline.token}` });
      expect(response.status).toBe(200);
      const replaced = response.json<LiveSubscription>();
      expect(replaced.id).toBe(created.id);
      expect(replaced.createdDate).toBe(created.createdDate);
      expect(replaced.createdBy?.id).toBe(owner.id);
      expect(replaced.modifiedBy?.id).toBe(pipeline.id);
      expect(Date.parse(replaced.modifiedDate ?? "") - Date.parse(created.modifiedDate ?? "")).toBe(60_000);
      expect(replaced.status).toBe("disabledByUser");
      expect(replaced.consumerInputs).toEqual({ url: "https://other.example.org/in" });
      expect(replaced.publisherInputs).toEqual({ projectId: WEBSITE_PROJECT_ID, tfsSubscriptionId: created.publisherInputs.tfsSubscriptionId });
      expect(replaced.eventDescription).toBe("Any completed build");
      expect(replaced.actionDescription).toBe("To host other.example.org");
    });
  });

  describe("not found and delete", () => {
    it("answers 404 for unknown ids on GET, PUT and DELETE", async () => {
      const unknown = "0f0f0f0f-1111-4222-8333-444444444444";
      for (const response of [
        await api.get(`${SUBSCRIPTIONS}/${unknown}`),
        await api.put(`${SUBSCRIPTIONS}/${unknown}`, webHookBody()),
        await api.delete(`${SUBSCRIPTIONS}/${unknown}`),
      ]) {
        expect(response.status).toBe(404);
        expect(response.json<ServiceErrorBody>().typeKey).toBe("SubscriptionNotFoundException");
      }
    });

    it("deletes with 204, after which the id is 404", async () => {
      const created = (await api.post(SUBSCRIPTIONS, webHookBody())).json<LiveSubscription>();
      const deleted = await api.delete(`${SUBSCRIPTIONS}/${created.id}`);
      expect(deleted.status).toBe(204);
      expect(deleted.text).toBe("");
      expect((await api.get(`${SUBSCRIPTIONS}/${created.id}`)).status).toBe(404);
      expect(emulator.state.subscriptions()).toEqual([]);
    });
  });

  describe("release management subscriptions", () => {
    const releaseBody = () =>
      webHookBody({
        publisherId: "rm",
        eventType: "ms.vss-release.deployment-completed-event",
        resourceVersion: "3.0-preview.1",
        publisherInputs: { projectId: WEBSITE_PROJECT_ID },
      });

    it("are refused on the organization host", async () => {
      const response = await api.post(SUBSCRIPTIONS, releaseBody());
      expect(response.status).toBe(400);
      expect(response.json<ServiceErrorBody>().message).toBe(
        "There is no registered handler for the service hooks event type ms.vss-release.deployment-completed-event.",
      );
    });

    it("are accepted on the release host and listed only there", async () => {
      const response = await api.post(SUBSCRIPTIONS, releaseBody(), { release: true });
      expect(response.status).toBe(200);
      const created = response.json<LiveSubscription>();
      expect(created.url).toBe(`${emulator.releaseUrl}/_apis/hooks/subscriptions/${created.id}`);
      expect((await api.get(SUBSCRIPTIONS, { release: true })).json<{ count: number }>().count).toBe(1);
      expect((await api.get(SUBSCRIPTIONS)).json<{ count: number }>().count).toBe(0);
      expect((await api.get(`${SUBSCRIPTIONS}/${created.id}`)).status).toBe(404);
      expect(emulator.state.get(created.id)?.host).toBe("release");
    });

    it("the release host takes no other publisher", async () => {
      const response = await api.post(SUBSCRIPTIONS, webHookBody(), { release: true });
      expect(response.status).toBe(400);
      expect(response.json<ServiceErrorBody>().message).toContain("no registered handler for the service hooks event type build.complete");
    });
  });

  describe("invalid requests answer the service's error body", () => {
    const cases: [string, unknown, number, string, RegExp][] = [
      ["unknown publisher", webHookBody({ publisherId: "github" }), 404, "PublisherNotFoundException", /No publisher could be found with id "github"/],
      [
        "unknown event type",
        webHookBody({ eventType: "build.finished" }),
        400,
        "PublisherEventTypeNotFoundException",
        /^"build.finished" is not a valid event type for publisher "tfs"$/,
      ],
      [
        "event of another publisher",
        webHookBody({ eventType: "ms.vss-pipelines.run-state-changed-event" }),
        400,
        "PublisherEventTypeNotFoundException",
        /for publisher "tfs"/,
      ],
      ["unknown consumer", webHookBody({ consumerId: "webhooks2" }), 404, "ConsumerNotFoundException", /No consumer could be found with id "webhooks2"/],
      [
        "unknown action",
        webHookBody({ consumerActionId: "httpPost" }),
        404,
        "ConsumerActionNotFoundException",
        /action could be found with id "httpPost" for consumer "webHooks"/,
      ],
      ["missing required input", webHookBody({ consumerInputs: {} }), 400, "SubscriptionInputException", /missing required input 'url'/],
      [
        "missing required filter",
        webHookBody({ eventType: "tfvc.checkin", publisherInputs: {} }),
        400,
        "SubscriptionInputException",
        /missing required input 'path'/,
      ],
      [
        "input of the wrong data type",
        webHookBody({ consumerInputs: { url: "not a url" } }),
        400,
        "SubscriptionInputException",
        /'url' does not match the required data type 'uri'/,
      ],
      [
        "event not supported by the action",
        {
          ...webHookBody({ consumerId: "zendesk", consumerActionId: "createPrivateComment" }),
          consumerInputs: { accountName: "fabrikam", username: "a@b.co", apiToken: "t" },
        },
        400,
        "ServiceHookException",
        /does not support the event type 'build.complete'/,
      ],
      [
        "unknown project",
        webHookBody({ publisherInputs: { projectId: "12345678-1234-4234-8234-123456789012" } }),
        400,
        "ProjectDoesNotExistException",
        /^TF200016: .*12345678-1234-4234-8234-123456789012/,
      ],
      [
        "project given by name",
        webHookBody({ publisherInputs: { projectId: "WebSite" } }),
        400,
        "SubscriptionInputException",
        /'projectId' does not match the required data type 'guid'/,
      ],
    ];

    it.each(cases)("%s", async (_name, body, status, typeKey, message) => {
      const response = await api.post(SUBSCRIPTIONS, body);
      expect(response.status).toBe(status);
      const error = response.json<ServiceErrorBody>();
      expect(Object.keys(error)).toEqual(["$id", "innerException", "message", "typeName", "typeKey", "errorCode", "eventId"]);
      // Service hooks' own exceptions carry its event id 4501; the core's project error the general 3000.
      const eventId = typeKey === "ProjectDoesNotExistException" ? 3000 : 4501;
      expect(error).toMatchObject({ $id: "1", innerException: null, typeKey, errorCode: 0, eventId });
      expect(error.typeName).toMatch(new RegExp(`\\.${typeKey}, `));
      expect(error.message).toMatch(message);
      expect(emulator.state.subscriptions()).toEqual([]);
    });

    it.each([
      ["malformed JSON", '{"publisherId": "tfs",'],
      ["an empty body", ""],
    ])("%s is a null subscription", async (_name, rawBody) => {
      const response = await api.request("POST", SUBSCRIPTIONS, { rawBody });
      expect(response.status).toBe(400);
      expect(response.json<ServiceErrorBody>()).toMatchObject({ typeKey: "ArgumentNullException", message: expect.stringContaining("subscription") });
    });
  });

  it("accepts a PAT with any user name", async () => {
    const response = await api.get(SUBSCRIPTIONS, { authorization: basic(owner.token, "someone@fabrikam.example") });
    expect(response.status).toBe(200);
  });
});
