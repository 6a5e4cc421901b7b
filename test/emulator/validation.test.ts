/** What the service refuses and accepts on create and replace (REAL-SERVICE.md R3, R5, R7, R8, R10). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { LiveSubscription, ServiceErrorBody, SubscriptionBody } from "../../src/ado/types.js";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { apiClient, WEBSITE_PROJECT_ID, webHookBody } from "./helpers.js";

const SUBSCRIPTIONS = "/_apis/hooks/subscriptions";

describe("create and replace validation", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    emulator = await startEmulator();
    api = apiClient(emulator);
  });
  afterAll(() => emulator.close());
  beforeEach(() => {
    for (const subscription of emulator.state.subscriptions()) emulator.state.remove(subscription.id);
  });

  async function refused(body: unknown, message: RegExp, status = 400): Promise<ServiceErrorBody> {
    const before = emulator.state.subscriptions().length;
    const response = await api.post(SUBSCRIPTIONS, body);
    expect(response.status).toBe(status);
    const error = response.json<ServiceErrorBody>();
    expect(error.message).toMatch(message);
    expect(error.eventId).toBe(4501);
    expect(emulator.state.subscriptions()).toHaveLength(before);
    return error;
  }

  async function accepted(body: unknown): Promise<LiveSubscription> {
    const response = await api.post(SUBSCRIPTIONS, body);
    expect(response.status, response.text).toBe(200);
    return response.json<LiveSubscription>();
  }

  const slack = (resourceVersion: string | null): SubscriptionBody => ({
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion,
    consumerId: "slack",
    consumerActionId: "postMessageToChannel",
    publisherInputs: { projectId: WEBSITE_PROJECT_ID },
    consumerInputs: { url: "https://hooks.slack.example/services/T0/B0/x" },
  });

  const storageQueue = (resourceVersion: string): SubscriptionBody => ({
    ...slack(resourceVersion),
    consumerId: "azureStorageQueue",
    consumerActionId: "enqueue",
    consumerInputs: { accountName: "store", accountKey: "k".repeat(64), queueName: "events", visiTimeout: "0", ttl: "604800" },
  });

  describe("resourceVersion (R3, R10)", () => {
    it("is refused for an action that allows no override", async () => {
      await refused(slack("1.0"), /^Resource version '1.0' cannot be set for this action\.$/);
      await refused(slack("latest"), /^Resource version 'latest' cannot be set for this action\.$/);
    });

    it("unset or null stays null for any action", async () => {
      expect((await accepted(slack(null))).resourceVersion).toBeNull();
      const { resourceVersion: _unset, ...withoutVersion } = slack(null);
      expect((await accepted(withoutVersion)).resourceVersion).toBeNull();
    });

    it("must be one of the event's versions or latest where the action allows an override; latest is echoed as sent", async () => {
      expect((await accepted(webHookBody({ resourceVersion: "2.0" }))).resourceVersion).toBe("2.0");
      expect((await accepted(storageQueue("1.0"))).resourceVersion).toBe("1.0");
      const latest = await accepted(webHookBody({ resourceVersion: "latest" }));
      expect(latest.resourceVersion).toBe("latest");
      expect((await api.get(`${SUBSCRIPTIONS}/${latest.id}`)).json<LiveSubscription>().resourceVersion).toBe("latest");
      await refused(webHookBody({ resourceVersion: "9.9" }), /Resource version '9.9' is not supported for event type 'build.complete'/);
      await refused(webHookBody({ eventType: "git.push", resourceVersion: "2.0", publisherInputs: {} }), /not supported for event type 'git.push'/);
    });

    it("is checked on PUT too", async () => {
      const created = await accepted(webHookBody());
      const response = await api.put(`${SUBSCRIPTIONS}/${created.id}`, webHookBody({ resourceVersion: "3.0" }));
      expect(response.status).toBe(400);
    });
  });

  describe("empty consumer inputs (R5)", () => {
    it.each([
      ["null", null],
      ["empty", ""],
      ["whitespace", "   "],
    ])("a %s consumer input is missing its Value, on create and on PUT", async (_name, value) => {
      const body = { ...webHookBody(), consumerInputs: { url: "https://hooks.example.com/build", basicAuthUsername: value } };
      await refused(body, /^The subscription input 'basicAuthUsername' is missing required element 'Value'\.$/);
      const created = await accepted(webHookBody());
      const response = await api.put(`${SUBSCRIPTIONS}/${created.id}`, body);
      expect(response.status).toBe(400);
      expect(response.json<ServiceErrorBody>().message).toContain("missing required element 'Value'");
    });

    it("empty publisher inputs mean any and are kept; values are trimmed", async () => {
      const created = await accepted(
        webHookBody({
          publisherInputs: { projectId: WEBSITE_PROJECT_ID, buildStatus: "", definitionName: "  WebSite.CI  " },
          consumerInputs: { url: "  https://hooks.example.com/build \n" },
        }),
      );
      expect(created.publisherInputs).toMatchObject({ buildStatus: "", definitionName: "WebSite.CI" });
      expect(created.consumerInputs.url).toBe("https://hooks.example.com/build");
    });
  });

  describe("unknown input ids (R8)", () => {
    it("refuses unknown consumer and publisher inputs", async () => {
      await refused(webHookBody({ consumerInputs: { url: "https://hooks.example.com/b", password: "x" } }), /^Unknown subscription input 'password'/);
      await refused(webHookBody({ publisherInputs: { projectId: WEBSITE_PROJECT_ID, branch: "main" } }), /^Unknown subscription input 'branch'/);
    });

    it("knows the server's publisher inputs, every filter of the event and every input of consumer and action", async () => {
      const created = await accepted(
        webHookBody({
          publisherInputs: {
            projectId: WEBSITE_PROJECT_ID,
            tfsSubscriptionId: "",
            subscriberId: "6f1b8a3c-2d4e-4f5a-9b6c-7d8e9f0a1b2c",
            buildStatus: "Failed",
          },
        }),
      );
      expect(created.publisherInputs.subscriberId).toBe("6f1b8a3c-2d4e-4f5a-9b6c-7d8e9f0a1b2c");
      expect(created.publisherInputs.tfsSubscriptionId).not.toBe("");
      await accepted(storageQueue("1.0"));
    });
  });

  describe("masked secrets (R8)", () => {
    it("refuses the mask on create", async () => {
      await refused(
        webHookBody({ consumerInputs: { url: "https://hooks.example.com/b", basicAuthUsername: "bot", basicAuthPassword: "********" } }),
        /'basicAuthPassword' can not be masked/,
      );
    });

    it("on PUT keeps the stored secret only while the url it depends on is unchanged", async () => {
      const created = await accepted(webHookBody());
      const moved = await api.put(
        `${SUBSCRIPTIONS}/${created.id}`,
        webHookBody({ consumerInputs: { ...created.consumerInputs, url: "https://elsewhere.example.com/in" } }),
      );
      expect(moved.status).toBe(400);
      expect(moved.json<ServiceErrorBody>().message).toMatch(/'basicAuthPassword' can not be masked because the input 'url' it depends on changed/);
      expect(emulator.state.get(created.id)?.consumerInputs.url).toBe("https://hooks.example.com/build");

      const kept = await api.put(`${SUBSCRIPTIONS}/${created.id}`, webHookBody({ consumerInputs: { ...created.consumerInputs, messagesToSend: "text" } }));
      expect(kept.status).toBe(200);
      expect(emulator.state.get(created.id)?.consumerInputs.basicAuthPassword).toBe("s3cret-value");
    });

    it("deletes a confidential input a PUT leaves out", async () => {
      const created = await accepted(webHookBody());
      const response = await api.put(
        `${SUBSCRIPTIONS}/${created.id}`,
        webHookBody({ consumerInputs: { url: "https://hooks.example.com/build", basicAuthUsername: "bot" } }),
      );
      expect(response.status).toBe(200);
      expect(emulator.state.get(created.id)?.consumerInputs).toEqual({ url: "https://hooks.example.com/build", basicAuthUsername: "bot" });
    });

    it("keeps a masked secret without dependencies, e.g. a storage account key", async () => {
      const created = await accepted(storageQueue("1.0"));
      const response = await api.put(`${SUBSCRIPTIONS}/${created.id}`, {
        ...storageQueue("1.0"),
        consumerInputs: { ...created.consumerInputs, queueName: "other-events" },
      });
      expect(response.status).toBe(200);
      expect(emulator.state.get(created.id)?.consumerInputs.accountKey).toBe("k".repeat(64));
    });
  });

  describe("patterns, not possible values (R7, R8)", () => {
    it.each([
      ["basicAuthUsername", { basicAuthUsername: "build bot", basicAuthPassword: "pw" }],
      ["basicAuthPassword", { basicAuthUsername: "bot", basicAuthPassword: "two words" }],
    ])("refuses whitespace inside %s", async (id, inputs) => {
      await refused(
        webHookBody({ consumerInputs: { url: "https://hooks.example.com/b", ...inputs } }),
        new RegExp(`'${id}' does not match the required pattern '\\^\\[\\\\S\\]\\+\\$'`),
      );
    });

    it("refuses httpHeaders lines that are not Name: value, without quoting them", async () => {
      const error = await refused(
        webHookBody({ consumerInputs: { url: "https://hooks.example.com/b", httpHeaders: "X-Team: a\nsecret-token-without-name" } }),
        /httpHeaders.*line \(2\).*'Name: value'/,
      );
      expect(error.message).not.toContain("secret-token");
      await refused(webHookBody({ consumerInputs: { url: "https://hooks.example.com/b", httpHeaders: "X-Team:" } }), /httpHeaders/);
    });

    it("accepts header values with spaces and several lines", async () => {
      const created = await accepted(
        webHookBody({ consumerInputs: { url: "https://hooks.example.com/b", httpHeaders: "Authorization: Bearer abc def\r\nX-Team:core" } }),
      );
      expect(created.consumerInputs.httpHeaders).toBe("Authorization: Bearer abc def\r\nX-Team:core");
    });

    it("never checks possible values: all for the *ToSend options, release statuses outside the documented lists", async () => {
      await accepted(
        webHookBody({
          consumerInputs: { url: "https://hooks.example.com/b", resourceDetailsToSend: "all", messagesToSend: "all", detailedMessagesToSend: "all" },
        }),
      );
      await accepted(webHookBody({ publisherInputs: { buildStatus: "Exploded" } }));
      const release = await api.post(
        SUBSCRIPTIONS,
        webHookBody({
          publisherId: "rm",
          eventType: "ms.vss-release.deployment-completed-event",
          resourceVersion: "3.0-preview.1",
          publisherInputs: { projectId: WEBSITE_PROJECT_ID, releaseEnvironmentStatus: "32" },
        }),
        { release: true },
      );
      expect(release.status).toBe(200);
    });

    it("still checks data type and length", async () => {
      const queue = storageQueue("1.0");
      await refused({ ...queue, consumerInputs: { ...queue.consumerInputs, ttl: "soon" } }, /'ttl' does not match the required data type 'number'/);
      await refused({ ...queue, consumerInputs: { ...queue.consumerInputs, accountKey: "short" } }, /'accountKey' has a length of 5/);
    });
  });

  describe("unknown ids", () => {
    it("answers 404 for an unknown publisher, consumer or action, and 400 for an unknown event type", async () => {
      await refused(webHookBody({ publisherId: "github" }), /No publisher could be found with id "github"/, 404);
      await refused(webHookBody({ consumerId: "teams2" }), /No consumer could be found/, 404);
      await refused(webHookBody({ consumerActionId: "post" }), /No consumer action could be found/, 404);
      await refused(webHookBody({ eventType: "x" }), /^"x" is not a valid event type for publisher "tfs"$/, 400);
    });
  });
});
