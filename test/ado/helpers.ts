import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { inspect } from "node:util";
import { expect } from "vitest";

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  /** Distinct sockets that carried requests (to see keep-alive reuse). */
  sockets: Set<Socket>;
  close(): Promise<void>;
}

export type Handler = (request: RecordedRequest, response: ServerResponse, index: number) => void | Promise<void>;

/** A throwaway HTTP server on 127.0.0.1 that records every request and lets the test answer it. */
export async function startServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const open = new Set<Socket>();
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const recorded = { method: incoming.method ?? "", url: incoming.url ?? "", headers: incoming.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(recorded);
      sockets.add(incoming.socket);
      void Promise.resolve(handler(recorded, response, requests.length - 1)).catch((error: unknown) => {
        response.statusCode = 599;
        response.end(String(error));
      });
    });
  });
  server.on("connection", (socket) => {
    open.add(socket);
    socket.on("close", () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(body));
}

/** A clock that only moves when the code under test sleeps; records every sleep. */
export function fakeClock(start = Date.UTC(2025, 0, 1)) {
  let time = start;
  const sleeps: number[] = [];
  return {
    now: () => time,
    sleeps,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
    advance(ms: number) {
      time += ms;
    },
  };
}

/** Asserts a secret appears nowhere a user or a log could see it. */
export function expectSecretAbsent(error: unknown, secret: string): void {
  expect(error).toBeInstanceOf(Error);
  const err = error as Error;
  const encoded = Buffer.from(`:${secret}`).toString("base64");
  for (const [label, text] of [
    ["message", err.message],
    ["stack", err.stack ?? ""],
    ["JSON", JSON.stringify(err)],
    ["inspect", inspect(err, { depth: 10, showHidden: true })],
    ["String", String(err)],
  ] as const) {
    expect(text, label).not.toContain(secret);
    expect(text, label).not.toContain(encoded);
  }
}
