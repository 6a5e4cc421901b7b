import { HookopsError } from "../errors.js";
import { unwrapList } from "./json-body.js";
import { isRecord } from "../util/records.js";

/**
 * The one default api-version. Every route the client calls takes its version from
 * AdoClient.apiVersion (set from `apiVersion` in hookops.yaml); preview-only routes derive theirs
 * with previewVersion.
 */
export const DEFAULT_API_VERSION = "7.1";

/** Some routes (connectionData, resourceAreas) exist only as previews: "7.1" -> "7.1-preview.1". */
export function previewVersion(apiVersion: string): string {
  return apiVersion.includes("-preview") ? apiVersion : `${apiVersion}-preview.1`;
}

/** `{major}.{minor}[-preview[.{n}]]`, as the service documents it (schemas/hookops.schema.json repeats it). */
export const API_VERSION_PATTERN = /^\d+\.\d+(-preview(\.\d+)?)?$/;

/** An api-version that is not of the documented form. */
export class InvalidApiVersionError extends HookopsError {}

export function isApiVersion(value: string): boolean {
  return API_VERSION_PATTERN.test(value);
}

export function checkApiVersion(apiVersion: string): string {
  if (!isApiVersion(apiVersion)) {
    throw new InvalidApiVersionError(`"${apiVersion}" is not an api-version: use the form 7.1, 6.0 or 7.1-preview.1.`);
  }
  return apiVersion;
}

type QueryValue = string | number | boolean | undefined;

/** `{base}/_apis/{path}?{query}&api-version=...`; path segments are given already split. */
export function route(base: string, segments: readonly string[], apiVersion: string, query: Record<string, QueryValue> = {}): string {
  const url = new URL(`${base}/_apis/${segments.map(encodeURIComponent).join("/")}`);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") url.searchParams.set(name, String(value));
  }
  url.searchParams.set("api-version", apiVersion);
  return url.toString();
}

/** Thrown when a 2xx body does not have the shape the API documents. */
export class UnexpectedResponseError extends HookopsError {}

export function expectList<T>(body: unknown, what: string): T[] {
  const list = unwrapList(body);
  if (list === undefined) throw new UnexpectedResponseError(`Azure DevOps answered the ${what} request without a list.`);
  return list as T[];
}

export function expectObject<T>(body: unknown, what: string): T {
  if (!isRecord(body)) throw new UnexpectedResponseError(`Azure DevOps answered the ${what} request without an object.`);
  return body as T;
}
