import { HookopsError } from "../errors.js";

/** Header values that are never kept, not even in errors. */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);
export const REDACTED = "[REDACTED]";

export type HeaderMap = Record<string, string>;

/** A copy of `headers` with lower-cased names and every credential-bearing value replaced. */
export function redactHeaders(headers: Record<string, string | string[] | undefined>): HeaderMap {
  const copy: HeaderMap = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    copy[lower] = SECRET_HEADERS.has(lower) ? REDACTED : Array.isArray(value) ? value.join(", ") : value;
  }
  return copy;
}

export interface RequestSummary {
  method: string;
  url: string;
  /** As sent, with Authorization (and cookies) redacted. The body is never kept: it may carry secrets. */
  headers: HeaderMap;
}

export interface ResponseSummary {
  status: number;
  headers: HeaderMap;
  /** Parsed JSON when the body was JSON, else its text (cut to a few KB), else undefined. */
  body: unknown;
}

export interface AdoRequestErrorOptions {
  status?: number;
  request: RequestSummary;
  response?: ResponseSummary;
  serviceMessage?: string;
  typeKey?: string;
  /** Network error code (ECONNRESET, UND_ERR_HEADERS_TIMEOUT, ...) when there was no response. */
  code?: string;
  attempts?: number;
  cause?: unknown;
}

/**
 * A request to Azure DevOps failed. Modelled on octokit's RequestError: status, method and URL,
 * the service's own `message`/`typeKey`, and summaries of the request and response. It never holds
 * a credential: headers are redacted and the request body is not kept.
 */
export class AdoRequestError extends HookopsError {
  readonly status: number | undefined;
  readonly method: string;
  readonly url: string;
  readonly serviceMessage: string | undefined;
  readonly typeKey: string | undefined;
  readonly code: string | undefined;
  readonly attempts: number;
  readonly request: RequestSummary;
  readonly response: ResponseSummary | undefined;

  constructor(message: string, options: AdoRequestErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: sanitizeCause(options.cause) });
    this.status = options.status ?? options.response?.status;
    this.method = options.request.method;
    this.url = options.request.url;
    this.serviceMessage = options.serviceMessage;
    this.typeKey = options.typeKey;
    this.code = options.code;
    this.attempts = options.attempts ?? 1;
    this.request = { ...options.request, headers: redactHeaders(options.request.headers) };
    this.response = options.response && { ...options.response, headers: redactHeaders(options.response.headers) };
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      url: this.url,
      serviceMessage: this.serviceMessage,
      typeKey: this.typeKey,
      code: this.code,
      attempts: this.attempts,
      request: this.request,
      response: this.response,
    };
  }
}

/** 401, 403, or a 2xx that is not JSON (the sign-in page Azure DevOps serves for bad credentials). */
export class AdoAuthError extends AdoRequestError {
  /** Non-secret description of the credential that was refused. */
  readonly credential: string;

  constructor(message: string, options: AdoRequestErrorOptions & { credential: string }) {
    super(message, options);
    this.credential = options.credential;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), credential: this.credential };
  }
}

/**
 * A create (POST) may or may not have happened: the connection broke or timed out after the
 * request was sent. It is not retried (that could create a duplicate); list again and match.
 */
export class OutcomeUnknownError extends AdoRequestError {}

/**
 * The service refused with 429 (or 503) and asked, in Retry-After, for a longer wait than hookops
 * is willing to make (retry.maxRetryAfterMs). Nothing was retried.
 */
export class ThrottledError extends AdoRequestError {
  readonly retryAfterMs: number;

  constructor(message: string, options: AdoRequestErrorOptions & { retryAfterMs: number }) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

/**
 * The server does not know the api-version hookops sent (VssVersionOutOfRangeException): an
 * Azure DevOps Server older than the version asked for. `latest` is the newest version it named.
 */
export class ApiVersionOutOfRangeError extends AdoRequestError {
  readonly requestedVersion: string | undefined;
  readonly latestVersion: string | undefined;

  constructor(message: string, options: AdoRequestErrorOptions & { requestedVersion?: string; latestVersion?: string }) {
    super(message, options);
    this.requestedVersion = options.requestedVersion;
    this.latestVersion = options.latestVersion;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), requestedVersion: this.requestedVersion, latestVersion: this.latestVersion };
  }
}

/** Obtaining a token failed (no federated token, Entra ID refused the exchange, ...). */
export class CredentialError extends HookopsError {}

/** The organization given cannot be turned into a URL. */
export class InvalidOrganizationError extends HookopsError {}

/**
 * Errors from the HTTP stack are re-created as plain errors with their message and code only:
 * the originals can hold sockets and request state we do not want printed.
 */
function sanitizeCause(cause: unknown): unknown {
  if (!(cause instanceof Error)) return undefined;
  const plain = new Error(cause.message);
  plain.name = cause.name;
  const code = (cause as { code?: unknown }).code;
  if (typeof code === "string") Object.assign(plain, { code });
  plain.stack = `${plain.name}: ${plain.message}`;
  return plain;
}
