/** What a route handler receives and returns. */
import type { ApiVersion, VersionPolicy } from "../api-version.js";
import type { EmulatorRuntime } from "../runtime.js";
import type { EmulatorUser, HostKind } from "../types.js";

export interface RouteContext {
  runtime: EmulatorRuntime;
  method: string;
  host: HostKind;
  /** The base URL of the host the request came to (organization or release host). */
  baseUrl: string;
  params: Record<string, string>;
  query: URLSearchParams;
  user: EmulatorUser;
  apiVersion: ApiVersion | undefined;
  /** The parsed JSON body; a missing or malformed body is the service's "Value cannot be null" 400. */
  readJson(parameterName: string): Promise<unknown>;
}

export interface RouteResponse {
  status: number;
  body?: unknown;
  /** The body already serialized as UTF-8 JSON (used instead of `body`). */
  json?: Buffer;
  headers?: Record<string, string>;
  /** Hold the whole answer (headers included) back this long. */
  delayMs?: number;
}

export type RouteHandler = (context: RouteContext) => RouteResponse | Promise<RouteResponse>;

export interface RouteDefinition {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path below the organization, with {name} parameters; matched case-insensitively. */
  pattern: string;
  /** Undefined for the emulator's own control routes, which take no api-version. */
  versions?: VersionPolicy;
  handler: RouteHandler;
  /** A subscription create: the response may be dropped after the commit (dropPostResponseRate). */
  createsSubscription?: boolean;
}

export function ok(body: unknown, headers?: Record<string, string>): RouteResponse {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}

export function list<T>(items: readonly T[]): { count: number; value: T[] } {
  return { count: items.length, value: [...items] };
}

/** A query parameter by name, ignoring case as the service's model binding does. */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of query) if (key.toLowerCase() === wanted) return value;
  return undefined;
}
