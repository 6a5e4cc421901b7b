import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveSubscription } from "../../src/ado/types.js";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { apiClient, webHookBody } from "./helpers.js";

/** What the receiver answers by path; anything else gets 200. */
const ANSWERS: Record<string, number> = { "/gone": 410, "/missing": 404, "/busy": 503 };

interface Received {
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

interface NotificationView {
  id: number;
  subscriptionId: string;
  status: string;
  result: string;
  details: { consumerInputs: Record<string, string>; request?: string; errorMessage?: string; requestAttempts: number; event: Record<string, unknown> };
}

describe("test notifications", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];

  beforeEach(async () => {
    received.length = 0;
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> });
        response.writeHead(ANSWERS[request.url ?? ""] ?? 200).end("thanks");
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    emulator = await startEmulator();
    api = apiClient(emulator);
  });
  afterEach(async () => {
    await emulator.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  async function completed(subscriptionId: string, notificationId: number): Promise<NotificationView> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const view = (await api.get(`/_apis/hooks/subscriptions/${subscriptionId}/notifications/${notificationId}`)).json<NotificationView>();
      if (view.status === "completed") return view;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("the notification did not complete");
  }

  it("delivers a saved subscription's test event with its credentials, and masks them in the history", async () => {
    const body = webHookBody({
      consumerInputs: {
        url: `${receiverUrl}/hook`,
        basicAuthUsername: "bot",
        basicAuthPassword: "s3cret-value",
        httpHeaders: "X-Team-Key: header-secret",
        resourceDetailsToSend: "minimal",
        messagesToSend: "text",
      },
    });
    const subscription = (await api.post("/_apis/hooks/subscriptions", body)).json<LiveSubscription>();
    const queued = await api.post(`/_apis/hooks/testnotifications?useRealData=true`, { subscriptionId: subscription.id });
    expect(queued.status).toBe(200);
    const notification = queued.json<NotificationView>();
    expect(notification.details.consumerInputs.basicAuthPassword).toBe("********");

    const done = await completed(subscription.id, notification.id);
    expect(done.result).toBe("succeeded");
    expect(received).toHaveLength(1);
    const [delivery] = received;
    expect(Buffer.from(String(delivery?.headers.authorization).replace("Basic ", ""), "base64").toString()).toBe("bot:s3cret-value");
    expect(delivery?.headers["x-team-key"]).toBe("header-secret");
    expect(delivery?.body).toMatchObject({ subscriptionId: subscription.id, notificationId: notification.id, eventType: "build.complete", publisherId: "tfs" });
    expect(Object.keys(delivery?.body.resource as object).sort()).toEqual(["id", "url"]);
    expect(Object.keys(delivery?.body.message as object)).toEqual(["text"]);

    expect(JSON.stringify(done)).not.toContain("s3cret-value");
    // httpHeaders is not a confidential input, but the recorded request text masks every header value.
    expect(done.details.request).toContain("X-Team-Key: ********");
    expect(done.details.request).not.toContain("header-secret");
    const listed = (await api.get(`/_apis/hooks/subscriptions/${subscription.id}/notifications`)).json<{ count: number; value: NotificationView[] }>();
    expect(listed.value.map((item) => item.id)).toEqual([notification.id]);
  });

  it("tests an unsaved subscription from its details and records a failed delivery", async () => {
    const details = webHookBody({ consumerInputs: { url: `${receiverUrl}/gone` } });
    const notification = (await api.post("/_apis/hooks/testnotifications", { details })).json<NotificationView>();
    expect(notification.subscriptionId).toBe("00000000-0000-0000-0000-000000000000");
    const done = await completed(notification.subscriptionId, notification.id);
    expect(done.result).toBe("failed");
    expect(done.details.errorMessage).toContain("410");
  });

  it("records consumers it cannot call as failed and refuses useRealData without a saved subscription", async () => {
    const details = {
      ...webHookBody({ consumerId: "azureServiceBus", consumerActionId: "serviceBusQueueSend" }),
      consumerInputs: { connectionString: "Endpoint=sb://x/;SharedAccessKey=k", queueName: "q" },
    };
    const notification = (await api.post("/_apis/hooks/testnotifications", { details })).json<NotificationView>();
    const done = await completed(notification.subscriptionId, notification.id);
    expect(done.result).toBe("failed");
    expect(done.details.consumerInputs.connectionString).toBe("********");
    expect((await api.post("/_apis/hooks/testnotifications?useRealData=true", { details })).status).toBe(400);
    expect((await api.get("/_apis/hooks/subscriptions/00000000-0000-0000-0000-000000000000/notifications/999")).status).toBe(404);
  });

  it("never changes a subscription's status, whatever the consumer answers, and does not resend a test", async () => {
    const subscription = (
      await api.post("/_apis/hooks/subscriptions", webHookBody({ consumerInputs: { url: `${receiverUrl}/hook` } }))
    ).json<LiveSubscription>();
    for (const path of ["/gone", "/missing", "/busy"]) {
      const details = webHookBody({ consumerInputs: { url: `${receiverUrl}${path}` } });
      const notification = (await api.post("/_apis/hooks/testnotifications", { subscriptionId: subscription.id, details })).json<NotificationView>();
      const done = await completed(subscription.id, notification.id);
      expect(done.result).toBe("failed");
      expect(done.details.requestAttempts).toBe(1);
    }
    expect(received).toHaveLength(3);
    expect((await api.get(`/_apis/hooks/subscriptions/${subscription.id}`)).json<LiveSubscription>().status).toBe("enabled");
  });

  it("lists the history newest first and honours maxResults, status and result", async () => {
    const subscription = (
      await api.post("/_apis/hooks/subscriptions", webHookBody({ consumerInputs: { url: `${receiverUrl}/hook` } }))
    ).json<LiveSubscription>();
    const ids: number[] = [];
    for (const path of ["/ok", "/missing", "/ok"]) {
      const details = webHookBody({ consumerInputs: { url: `${receiverUrl}${path}` } });
      const notification = (await api.post("/_apis/hooks/testnotifications", { subscriptionId: subscription.id, details })).json<NotificationView>();
      await completed(subscription.id, notification.id);
      ids.push(notification.id);
    }
    const history = async (query: string) =>
      (await api.get(`/_apis/hooks/subscriptions/${subscription.id}/notifications${query}`)).json<{ value: NotificationView[] }>().value.map((item) => item.id);
    expect(await history("")).toEqual([...ids].reverse());
    expect(await history("?maxResults=2")).toEqual([ids[2], ids[1]]);
    expect(await history("?result=failed")).toEqual([ids[1]]);
    expect(await history("?status=Completed&result=succeeded")).toEqual([ids[2], ids[0]]);
    expect(await history("?status=queued")).toEqual([]);
    for (const query of ["?maxResults=many", "?result=lost", "?status=done"]) {
      const answer = await api.get(`/_apis/hooks/subscriptions/${subscription.id}/notifications${query}`);
      expect(answer.status).toBe(400);
      expect(answer.json<{ typeKey: string }>().typeKey).toBe("ArgumentException");
    }
  });
});
