import type { IncomingHttpHeaders } from "node:http";
import { errors } from "./errors.js";

export interface ApiVersion {
  major: number;
  minor: number;
  preview: boolean;
  /** The N of "-preview.N", when given. */
  resourceVersion?: number;
  text: string;
}

/** Which versions a group of routes serves. `released: null` means every version is preview-only. */
export interface VersionPolicy {
  min: string;
  max: string;
  released: string | null;
}

export const HOOKS_VERSIONS: VersionPolicy = { min: "1.0", max: "7.2", released: "7.1" };
export const CORE_VERSIONS: VersionPolicy = { min: "1.0", max: "7.2", released: "7.1" };
/** connectionData has never left preview. */
export const LOCATION_VERSIONS: VersionPolicy = { min: "1.0", max: "7.2", released: null };

const VERSION_PATTERN = /^(\d+)\.(\d+)(?:-preview(?:\.(\d+))?)?$/i;

export function parseApiVersion(text: string): ApiVersion | undefined {
  const match = VERSION_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const [, major, minor, resourceVersion] = match;
  return {
    major: Number(major),
    minor: Number(minor),
    preview: /-preview/i.test(text),
    ...(resourceVersion === undefined ? {} : { resourceVersion: Number(resourceVersion) }),
    text: text.trim(),
  };
}

/** The api-version a request asks for: the query parameter first, then the Accept header. */
export function requestedApiVersion(query: URLSearchParams, headers: IncomingHttpHeaders): string | undefined {
  for (const [name, value] of query) if (name.toLowerCase() === "api-version") return value;
  const accept = headers.accept;
  if (!accept) return undefined;
  const match = /api-version\s*=\s*([^;,\s]+)/i.exec(accept);
  return match?.[1];
}

function compare(version: { major: number; minor: number }, other: string): number {
  const [major = 0, minor = 0] = other.split(".").map(Number);
  return version.major - major || version.minor - minor;
}

/** Applies the service's rules: missing, malformed, out of range and preview-only versions are 400s. */
export function checkApiVersion(requested: string | undefined, policy: VersionPolicy, method: string): ApiVersion {
  if (requested === undefined || requested.trim() === "") throw errors.versionNotSpecified(method);
  const version = parseApiVersion(requested);
  if (!version) throw errors.invalidVersion(requested);
  const numeric = `${version.major}.${version.minor}`;
  if (compare(version, policy.max) > 0) throw errors.versionOutOfRange(numeric, policy.max);
  if (compare(version, policy.min) < 0) throw errors.versionNotSupported(numeric, policy.min);
  const isReleased = policy.released !== null && compare(version, policy.released) <= 0;
  if (!isReleased && !version.preview) throw errors.previewRequired(numeric);
  return version;
}
