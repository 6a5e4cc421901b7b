/** A fake web hook consumer on 127.0.0.1 whose answers the test chooses, and the emulator's event and clock control routes. */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { LiveSubscription, SubscriptionBody } from "../../src/ado/types.js";
import { type apiClient, WEBSITE_PROJECT_ID, webHookBody } from "./helpers.js";

export interface ConsumerAnswer {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

export interface ReceivedRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface FakeConsumer {
  url: string;
  received: ReceivedRequest[];
  /** The answers to the next requests, in order; after them every request gets `always` (default 200). */
  answer(...answers: (number | ConsumerAnswer)[]): void;
  always(answer: number | ConsumerAnswer): void;
  /** Requests wait for the returned release function before they are answered. */
  hold(): () => void;
  close(): Promise<void>;
}

function normalize(answer: number | ConsumerAnswer): ConsumerAnswer {
  return typeof answer === "number" ? { status: answer } : answer;
}

export async function startConsumer(): Promise<FakeConsumer> {
  const received: ReceivedRequest[] = [];
  const queue: ConsumerAnswer[] = [];
  let fallback: ConsumerAnswer = { status: 200, body: "thanks" };
  let gate: Promise<void> = Promise.resolve();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      received.push({ path: request.url ?? "/", headers: request.headers, body: JSON.parse(text) as Record<string, unknown> });
      const answer = queue.shift() ?? fallback;
      void gate.then(() => response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? ""));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    answer: (...answers) => queue.push(...answers.map(normalize)),
    always: (answer) => {
      fallback = normalize(answer);
    },
    hold: () => {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A port nothing listens on: the connection is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface PublishAnswer {
  count: number;
  value: { subscriptionId: string; notificationId: number; result: string }[];
  eventId: string;
  dropped: { subscriptionId: string; status: string }[];
}

export interface HistoryEntry {
  id: number;
  subscriptionId: string;
  subscriberId: string;
  eventId: string;
  createdDate: string;
  modifiedDate: string;
  status: string;
  result: string;
  details: {
    consumerInputs: Record<string, string>;
    event: Record<string, unknown>;
    request?: string;
    response?: string;
    errorMessage?: string;
    errorDetail?: string;
    requestAttempts: number;
  };
}

/** The build.complete event the default webHookBody subscription listens to (WebSite, WebSite.CI, Failed). */
export const FAILED_WEBSITE_BUILD = {
  publisherId: "tfs",
  eventType: "build.complete",
  projectId: WEBSITE_PROJECT_ID,
  publisherInputs: { buildStatus: "Failed", definitionName: "WebSite.CI" },
  resource: { id: 42, url: "https://example.invalid/build/42", result: "failed" },
};

export function deliveryControl(api: ReturnType<typeof apiClient>) {
  return {
    /** A webHooks subscription to `url` (no credentials unless the overrides give consumerInputs), or with `url` undefined exactly the overrides' consumer inputs. */
    async subscribe(url: string | undefined, overrides: Partial<SubscriptionBody> = {}): Promise<LiveSubscription> {
      const consumerInputs = url === undefined ? { ...overrides.consumerInputs } : { url, ...overrides.consumerInputs };
      const response = await api.post("/_apis/hooks/subscriptions", { ...webHookBody(), ...overrides, consumerInputs });
      if (response.status !== 200) throw new Error(`creating the subscription answered ${response.status}: ${response.text}`);
      return response.json<LiveSubscription>();
    },
    async publish(event: Record<string, unknown> = FAILED_WEBSITE_BUILD): Promise<PublishAnswer> {
      const response = await api.post("/_emulator/events?wait=true", event, { version: null });
      if (response.status !== 200) throw new Error(`publishing answered ${response.status}: ${response.text}`);
      return response.json<PublishAnswer>();
    },
    async advance(seconds: number): Promise<{ now: string; retried: number }> {
      const response = await api.post("/_emulator/clock", { advanceSeconds: seconds }, { version: null });
      if (response.status !== 200) throw new Error(`moving the clock answered ${response.status}: ${response.text}`);
      return response.json<{ now: string; retried: number }>();
    },
    async subscription(id: string): Promise<LiveSubscription> {
      return (await api.get(`/_apis/hooks/subscriptions/${id}`)).json<LiveSubscription>();
    },
    async history(id: string, query = ""): Promise<HistoryEntry[]> {
      return (await api.get(`/_apis/hooks/subscriptions/${id}/notifications${query}`)).json<{ value: HistoryEntry[] }>().value;
    },
  };
}
