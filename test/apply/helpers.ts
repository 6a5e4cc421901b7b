// Fixtures for executor tests: a real emulator, an optional recording proxy in front of it, and
// small builders of planned changes.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { executeChanges, prepareChanges, type ApplyReport, type ExecuteOptions, type ResolveReference } from "../../src/apply/index.js";
import { resolveValue } from "../../src/config/index.js";
import { AdoClient, patCredential, type SubscriptionBody } from "../../src/ado/index.js";
import type { DesiredSubscription } from "../../src/config/types.js";
import { SEEDED_PROJECTS, startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator/index.js";
import type { ChangeAction, PlannedChange } from "../../src/reconcile/index.js";

export const WEBSITE = SEEDED_PROJECTS[0]!;

export function webhookBody(url: string, overrides: Partial<SubscriptionBody> = {}): SubscriptionBody {
  return {
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    publisherInputs: { projectId: WEBSITE.id, buildStatus: "Failed" },
    consumerInputs: { url, basicAuthUsername: "ado" },
    status: "enabled",
    ...overrides,
  };
}

export function plannedChange(action: ChangeAction, name: string, fields: Partial<PlannedChange> = {}): PlannedChange {
  return {
    action,
    name,
    project: "WebSite",
    projectId: WEBSITE.id,
    host: "default",
    publisherId: "tfs",
    eventType: "build.complete",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    reasons: [],
    fields: [],
    ...fields,
  };
}

/** A desired subscription whose password comes from `${env:<variable>}`. */
export function desiredWithSecret(name: string, url: string, variable: string): DesiredSubscription {
  return {
    name,
    project: "WebSite",
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    publisherInputs: { buildStatus: "Failed" },
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url, basicAuthUsername: "ado", basicAuthPassword: `\${env:${variable}}` },
    enabled: true,
    source: { file: "hooks/test.yaml", line: 1, column: 1 },
  };
}

export interface Proxy {
  url: string;
  /** "METHOD /path" in the order requests arrived. */
  arrived: string[];
  maxInFlight(): number;
  close(): Promise<void>;
}

/** Headers that describe one hop's connection; fetch sets its own. */
const HOP_HEADERS = new Set(["host", "connection", "keep-alive", "content-length", "transfer-encoding"]);

export type ResponseRewrite = (method: string, path: string, body: unknown) => unknown;
/** Answers a request itself instead of forwarding it (undefined: forward). */
export type Interceptor = (method: string, path: string, requestBody: string) => { status: number; body: unknown } | undefined;

/** A recording HTTP proxy in front of the emulator; `rewrite` may change JSON response bodies. */
export async function startProxy(target: string, rewrite?: ResponseRewrite, intercept?: Interceptor): Promise<Proxy> {
  const arrived: string[] = [];
  let inFlight = 0;
  let max = 0;
  const readBody = (request: IncomingMessage) =>
    new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => resolve(Buffer.concat(chunks)));
    });
  const server = createServer((request, response) => {
    const method = request.method ?? "GET";
    const path = (request.url ?? "/").split("?")[0] ?? "/";
    arrived.push(`${method} ${path}`);
    inFlight += 1;
    max = Math.max(max, inFlight);
    void (async () => {
      const body = await readBody(request);
      const own = intercept?.(method, path, body.toString("utf8"));
      if (own !== undefined) {
        inFlight -= 1;
        response.writeHead(own.status, { "content-type": "application/json" });
        response.end(JSON.stringify(own.body));
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(request.headers).filter((entry): entry is [string, string] => typeof entry[1] === "string" && !HOP_HEADERS.has(entry[0])),
      );
      const answer = await fetch(`${target}${request.url ?? "/"}`, { method, headers, ...(body.length > 0 ? { body } : {}) });
      let text = await answer.text();
      if (rewrite !== undefined && (answer.headers.get("content-type") ?? "").includes("json") && text !== "") {
        text = JSON.stringify(rewrite(method, path, JSON.parse(text)));
      }
      inFlight -= 1;
      response.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "application/json" });
      response.end(text);
    })().catch((error: unknown) => {
      inFlight -= 1;
      response.writeHead(502);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arrived,
    maxInFlight: () => max,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Harness {
  emulator: EmulatorHandle;
  client: AdoClient;
  proxy?: Proxy;
  close(): Promise<void>;
}

/** An emulator and a client for it; through a proxy when `rewrite` or `proxy` is asked for. */
export async function startHarness(
  options: EmulatorOptions & { proxy?: boolean; rewrite?: ResponseRewrite; intercept?: Interceptor; concurrency?: number } = {},
): Promise<Harness> {
  const emulator = await startEmulator({ seed: 7, ...options });
  const origin = new URL(emulator.url).origin;
  const proxy = options.proxy || options.rewrite || options.intercept ? await startProxy(origin, options.rewrite, options.intercept) : undefined;
  const base = proxy?.url ?? origin;
  const client = new AdoClient({
    organization: { name: "fabrikam", url: `${base}/fabrikam`, releaseUrl: `${base}/vsrm/fabrikam` },
    credential: patCredential(emulator.token, "the emulator token"),
    concurrency: options.concurrency ?? 16,
  });
  return {
    emulator,
    client,
    ...(proxy ? { proxy } : {}),
    close: async () => {
      await client.close();
      await proxy?.close();
      await emulator.close();
    },
  };
}

/** The real reference resolver over a given environment. */
export function resolverFor(values: Record<string, string>): ResolveReference {
  return (value) => resolveValue(value, { root: tmpdir(), env: values });
}

/** What engine/apply.ts runs once a plan is accepted: fill the secrets (none may be missing), then execute. */
export async function applyChanges(changes: readonly PlannedChange[], options: ExecuteOptions): Promise<ApplyReport> {
  const preparation = prepareChanges(changes, options.desired, options.resolve);
  if (preparation.problems.length > 0) throw new Error(`secret inputs cannot be filled: ${preparation.problems.join("; ")}`);
  return executeChanges(changes, preparation, options);
}
