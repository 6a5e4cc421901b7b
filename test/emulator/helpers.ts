import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { SubscriptionBody } from "../../src/ado/types.js";
import type { EmulatorHandle } from "../../src/emulator/index.js";

export const WEBSITE_PROJECT_ID = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";
export const MOBILE_PROJECT_ID = "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62";

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, typed by the caller (tests check what they read). */
  json<T>(): T;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body text, for malformed-JSON cases. */
  rawBody?: string;
  headers?: Record<string, string>;
  /** api-version query value; null sends none. Default "7.1". */
  version?: string | null;
  /** Authorization header value; null sends none. Default: Basic with the emulator's token. */
  authorization?: string | null;
  /** Call the release host instead of the organization URL. */
  release?: boolean;
}

export function basic(token: string, user = ""): string {
  return `Basic ${Buffer.from(`${user}:${token}`).toString("base64")}`;
}

/** A small fetch wrapper bound to one emulator. */
export function apiClient(emulator: EmulatorHandle) {
  async function request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const base = options.release ? emulator.releaseUrl : emulator.url;
    const url = new URL(`${base}${path}`);
    const version = options.version === undefined ? "7.1" : options.version;
    if (version !== null) url.searchParams.set("api-version", version);
    const headers: Record<string, string> = { ...options.headers };
    const authorization = options.authorization === undefined ? basic(emulator.token) : options.authorization;
    if (authorization !== null) headers.Authorization = authorization;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: <T>() => JSON.parse(text) as T };
  }
  return {
    request,
    get: (path: string, options?: RequestOptions) => request("GET", path, options),
    post: (path: string, body: unknown, options?: RequestOptions) => request("POST", path, { ...options, body }),
    put: (path: string, body: unknown, options?: RequestOptions) => request("PUT", path, { ...options, body }),
    delete: (path: string, options?: RequestOptions) => request("DELETE", path, options),
  };
}

export function webHookBody(overrides: Partial<SubscriptionBody> = {}): SubscriptionBody {
  return {
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    publisherInputs: { buildStatus: "Failed", definitionName: "WebSite.CI", projectId: WEBSITE_PROJECT_ID },
    consumerInputs: { url: "https://hooks.example.com/build", basicAuthUsername: "bot", basicAuthPassword: "s3cret-value" },
    ...overrides,
  };
}

export interface RecordedExample {
  parameters: Record<string, unknown> & { body?: unknown };
  responses: Record<string, { body?: unknown }>;
  "x-ms-vss-request-url": string;
}

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

/** A recorded official example (the files start with a UTF-8 byte order mark). */
export function recordedExample(relativePath: string): RecordedExample {
  return JSON.parse(readFileSync(`${FIXTURES}${relativePath}`, "utf8").replace(/^\uFEFF/, "")) as RecordedExample;
}

/** Mutable clock for tests: every call returns the current value, `advance` moves it. */
export function testClock(start = "2025-03-01T10:00:00.000Z") {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    advance: (ms: number) => {
      current += ms;
    },
  };
}
