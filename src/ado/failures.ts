import {
  AdoAuthError,
  AdoRequestError,
  ApiVersionOutOfRangeError,
  OutcomeUnknownError,
  ThrottledError,
  type RequestSummary,
  type ResponseSummary,
} from "./errors.js";
import { bodyForError, serviceErrorOf, type ParsedBody } from "./json-body.js";

/** What to grant when Azure DevOps refuses a credential. */
export const PERMISSION_HINT =
  'Managing service hooks needs the "Service hooks (read & write)" scope (vso.hooks_write) and the ' +
  '"Edit subscriptions" permission in each project (project administrators have it); organization-wide ' +
  "subscriptions (no projectId filter) need a project collection administrator.";

/** Network error codes raised before the request left this machine: always safe to retry. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT"]);
/** Raised once the request may have reached the service. */
const MAYBE_SENT_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED"]);

export type NetworkFailure = { code: string; transient: boolean; maybeSent: boolean };

export function classifyNetworkError(error: unknown): NetworkFailure {
  const code = errorCode(error) ?? "UNKNOWN";
  if (NOT_SENT_CODES.has(code)) return { code, transient: true, maybeSent: false };
  if (MAYBE_SENT_CODES.has(code)) return { code, transient: true, maybeSent: true };
  return { code, transient: false, maybeSent: code !== "ENOTFOUND" && code !== "UND_ERR_INVALID_ARG" };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") return code;
  return errorCode((error as { cause?: unknown }).cause);
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "DNS lookup failed",
  UND_ERR_SOCKET: "connection closed by the other side",
  UND_ERR_HEADERS_TIMEOUT: "timed out waiting for the response",
  UND_ERR_BODY_TIMEOUT: "timed out reading the response",
  UND_ERR_CONNECT_TIMEOUT: "timed out connecting",
};

export function networkError(request: RequestSummary, failure: NetworkFailure, attempts: number, cause: unknown): AdoRequestError {
  const what = NETWORK_WORDS[failure.code] ?? failure.code;
  return new AdoRequestError(`${request.method} ${request.url} failed: ${what}${attemptsNote(attempts)}.`, {
    request,
    code: failure.code,
    attempts,
    cause,
  });
}

export function outcomeUnknownError(
  request: RequestSummary,
  reason: string,
  attempts: number,
  extra: { code?: string; response?: ResponseSummary; cause?: unknown },
): OutcomeUnknownError {
  return new OutcomeUnknownError(
    `${request.method} ${request.url}: ${reason}, so it is unknown whether the service acted on it. ` +
      "It was not sent again (that could create a duplicate); list the subscriptions to find out.",
    { request, attempts, ...extra },
  );
}

export function httpError(request: RequestSummary, response: ResponseSummary, body: ParsedBody, attempts: number, note = ""): AdoRequestError {
  const service = serviceErrorOf(body);
  if (response.status === 400 && isVersionOutOfRange(service)) return versionOutOfRangeError(request, response, service, attempts);
  const detail = [service.typeKey, service.message].filter((part) => part !== undefined).join(": ");
  return new AdoRequestError(`${request.method} ${request.url} failed: HTTP ${response.status}${detail ? ` ${detail}` : ""}${attemptsNote(attempts)}${note}.`, {
    request,
    response,
    serviceMessage: service.message,
    typeKey: service.typeKey,
    attempts,
  });
}

export function throttledError(
  request: RequestSummary,
  response: ResponseSummary,
  body: ParsedBody,
  attempts: number,
  retryAfterMs: number,
  maxRetryAfterMs: number,
): ThrottledError {
  const service = serviceErrorOf(body);
  const said = service.message !== undefined ? ` (${service.message})` : "";
  return new ThrottledError(
    `${request.method} ${request.url} was refused with HTTP ${response.status}${said}: the service asked to wait ${Math.ceil(retryAfterMs / 1000)} s, ` +
      `longer than hookops waits (${Math.ceil(maxRetryAfterMs / 1000)} s). Nothing was retried; run again later. Rate limits are per identity, so a dedicated identity for hookops helps.`,
    { request, response, serviceMessage: service.message, typeKey: service.typeKey, attempts, retryAfterMs },
  );
}

const OUT_OF_RANGE = /REST API version.*out of (?:the valid )?range/i;
const LATEST_VERSION = /latest REST API version (?:this server supports|supported by this server|for this server) is\s*"?(\d+\.\d+)/i;
const REQUESTED_VERSION = /requested REST API version of\s*"?(\d+\.\d+(?:-preview(?:\.\d+)?)?)/i;

function isVersionOutOfRange(service: { message?: string; typeKey?: string }): boolean {
  if (service.typeKey !== undefined) return service.typeKey === "VssVersionOutOfRangeException";
  return service.message !== undefined && OUT_OF_RANGE.test(service.message);
}

function versionOutOfRangeError(
  request: RequestSummary,
  response: ResponseSummary,
  service: { message?: string; typeKey?: string },
  attempts: number,
): ApiVersionOutOfRangeError {
  const latestVersion = LATEST_VERSION.exec(service.message ?? "")?.[1];
  const requestedVersion = REQUESTED_VERSION.exec(service.message ?? "")?.[1] ?? new URL(request.url).searchParams.get("api-version") ?? undefined;
  const asked = requestedVersion === undefined ? "" : ` ${requestedVersion}`;
  const fix =
    latestVersion !== undefined
      ? `The latest it supports is ${latestVersion}: set \`apiVersion: "${latestVersion}"\` in hookops.yaml.`
      : 'Set `apiVersion` in hookops.yaml to the version of your server (Azure DevOps Server 2019: "5.0", 2020: "6.0", 2022: "7.0").';
  return new ApiVersionOutOfRangeError(
    `${request.method} ${request.url} failed: HTTP 400: this Azure DevOps server does not support REST API version${asked}. ${fix}`,
    {
      request,
      response,
      attempts,
      ...(service.message === undefined ? {} : { serviceMessage: service.message }),
      ...(service.typeKey === undefined ? {} : { typeKey: service.typeKey }),
      ...(requestedVersion === undefined ? {} : { requestedVersion }),
      ...(latestVersion === undefined ? {} : { latestVersion }),
    },
  );
}

export function authError(request: RequestSummary, response: ResponseSummary, body: ParsedBody, credential: string, attempts: number): AdoAuthError {
  const service = serviceErrorOf(body);
  const said = service.message !== undefined ? ` The service said: ${service.message}` : "";
  let lead: string;
  if (response.status === 401) {
    lead = `Azure DevOps rejected the ${credential} (HTTP 401 for ${request.method} ${request.url}): it is invalid, expired, or not valid for this organization.${said}`;
  } else if (response.status === 403) {
    lead = `Azure DevOps refused ${request.method} ${request.url} for the ${credential} (HTTP 403): the identity lacks a scope or permission.${said}`;
  } else {
    lead =
      `Azure DevOps answered ${request.method} ${request.url} with a sign-in page instead of JSON (HTTP ${response.status}): ` +
      `the ${credential} was not accepted (invalid, expired, or for another organization).`;
  }
  return new AdoAuthError(`${lead} ${PERMISSION_HINT}`, {
    request,
    response: { ...response, body: body.kind === "json" ? body.value : undefined },
    serviceMessage: service.message,
    typeKey: service.typeKey,
    credential,
    attempts,
  });
}

export function responseSummary(status: number, headers: Record<string, string>, body: ParsedBody): ResponseSummary {
  return { status, headers, body: bodyForError(body) };
}

function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` (after ${attempts} attempts)` : "";
}
