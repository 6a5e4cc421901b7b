import { setTimeout as delay } from "node:timers/promises";
import { EnvHttpProxyAgent, request, type Dispatcher } from "undici";
import { backoffDelay, DEFAULT_RETRY, parseRetryAfter, type RetryOptions, type Sleep } from "./backoff.js";
import type { AdoCredential } from "./credentials.js";
import { redactHeaders, type HeaderMap, type RequestSummary } from "./errors.js";
import { authError, classifyNetworkError, httpError, networkError, outcomeUnknownError, responseSummary, throttledError } from "./failures.js";
import { parseBody } from "./json-body.js";
import { HostThrottle, type RateLimitSignal } from "./throttle.js";
import { ConcurrencyLimit } from "../util/concurrency.js";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface TransportOptions {
  credential: AdoCredential;
  /** Requests in flight at once, and keep-alive connections per host. Default 8. */
  concurrency?: number;
  /** Time to wait for response headers. Default 30 s. */
  headersTimeoutMs?: number;
  /** Time allowed between body chunks. Default 60 s. */
  bodyTimeoutMs?: number;
  connectTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** Injectable for tests: how to wait, the clock, and the jitter source. */
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
  userAgent?: string;
  /** Use this dispatcher instead of creating (and later closing) an Agent. */
  dispatcher?: Dispatcher;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY (or their lower-case forms) are read. Default process.env. */
  proxyEnvironment?: Record<string, string | undefined>;
  /** Told about every response carrying rate-limit headers (for --verbose); never given credentials. */
  onRateLimit?: (event: RateLimitEvent) => void;
}

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL including api-version. */
  url: string;
  body?: unknown;
  /** Whether repeating the request is harmless. Default: every method but POST. */
  idempotent?: boolean;
  /** Statuses returned to the caller instead of failing (e.g. 404 on a lookup). */
  acceptStatuses?: readonly number[];
  /** Overrides the transport's headers timeout for this request (unpaged lists can take minutes). */
  headersTimeoutMs?: number;
}

export interface TransportResponse {
  status: number;
  headers: HeaderMap;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

interface Exchanged {
  status: number;
  responseHeaders: HeaderMap;
  text: string;
}

/** A response that carried rate-limit headers, as reported to `onRateLimit`. */
export interface RateLimitEvent extends RateLimitSignal {
  host: string;
  status: number;
}

/** Retried for idempotent requests; for a create, all but 429/503 leave its outcome unknown. */
const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Statuses that mean the service did not act, so even a create may be repeated. */
const NOT_PROCESSED_STATUSES = new Set([429, 503]);

/**
 * Sends requests to Azure DevOps: credentials, the headers the service wants, bounded
 * concurrency over keep-alive connections, retries with backoff, rate-limit pacing per host,
 * and typed errors that never carry a credential.
 */
export class AdoTransport {
  readonly credential: AdoCredential;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly limit: ConcurrencyLimit;
  private readonly throttle: HostThrottle;
  private readonly retry: RetryOptions;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly userAgent: string;
  private readonly headersTimeoutMs: number;
  private readonly bodyTimeoutMs: number;
  private readonly onRateLimit: ((event: RateLimitEvent) => void) | undefined;

  constructor(options: TransportOptions) {
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
    this.credential = options.credential;
    this.headersTimeoutMs = options.headersTimeoutMs ?? 30_000;
    this.bodyTimeoutMs = options.bodyTimeoutMs ?? 60_000;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new EnvHttpProxyAgent({
        connections: concurrency,
        keepAliveTimeout: 30_000,
        headersTimeout: this.headersTimeoutMs,
        bodyTimeout: this.bodyTimeoutMs,
        connect: { timeout: options.connectTimeoutMs ?? 10_000 },
        ...proxySettings(options.proxyEnvironment ?? process.env),
      });
    this.limit = new ConcurrencyLimit(concurrency);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.sleep = options.sleep ?? ((ms) => delay(ms));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.userAgent = options.userAgent ?? "hookops";
    this.throttle = new HostThrottle(this.sleep, this.now, { maxPaceMs: this.retry.maxPaceMs, maxPauseMs: this.retry.maxRetryAfterMs });
    this.onRateLimit = options.onRateLimit;
  }

  async send(req: TransportRequest): Promise<TransportResponse> {
    const idempotent = req.idempotent ?? req.method !== "POST";
    const host = new URL(req.url).host;
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    const baseHeaders: Record<string, string> = {
      accept: "application/json",
      "x-tfs-fedauthredirect": "Suppress",
      "user-agent": this.userAgent,
      ...(payload !== undefined ? { "content-type": "application/json; charset=utf-8" } : {}),
    };
    const summary: RequestSummary = { method: req.method, url: req.url, headers: redactHeaders({ ...baseHeaders, authorization: "x" }) };

    for (let attempt = 1; ; attempt++) {
      // Outside the try: a credential that cannot be obtained is a CredentialError, not a network failure.
      const headers = { ...baseHeaders, authorization: await this.credential.authorization() };
      let exchanged: Exchanged;
      try {
        exchanged = await this.attempt(host, req, headers, payload);
      } catch (error) {
        const failure = classifyNetworkError(error);
        if (failure.maybeSent && !idempotent) {
          throw outcomeUnknownError(summary, `the connection failed (${failure.code}) after the request was sent`, attempt, {
            code: failure.code,
            cause: error,
          });
        }
        // A list given its own (long) timeout is built in full before any byte is sent: asking again only repeats the wait.
        const slowAnswer = failure.code === "UND_ERR_HEADERS_TIMEOUT" && req.headersTimeoutMs !== undefined;
        if (failure.transient && !slowAnswer && attempt <= this.retry.maxRetries) {
          await this.sleep(backoffDelay(attempt - 1, this.retry, this.random));
          continue;
        }
        throw networkError(summary, failure, attempt, error);
      }
      const { status, responseHeaders, text } = exchanged;
      const body = parseBody(text, responseHeaders["content-type"]);
      const response = responseSummary(status, responseHeaders, body);

      if (status >= 200 && status < 300) {
        if (body.kind === "text") {
          if (body.looksLikeJson && !idempotent)
            throw outcomeUnknownError(summary, `the service answered HTTP ${status} with a body that is not valid JSON`, attempt, { response });
          if (body.looksLikeJson) throw httpError(summary, response, body, attempt, ": the response is not valid JSON");
          throw authError(summary, response, body, this.credential.description, attempt);
        }
        return { status, headers: responseHeaders, body: body.kind === "json" ? body.value : undefined };
      }
      if (req.acceptStatuses?.includes(status)) {
        return { status, headers: responseHeaders, body: body.kind === "json" ? body.value : undefined };
      }
      if (status === 401 || status === 403) throw authError(summary, response, body, this.credential.description, attempt);

      if (RETRYABLE_STATUSES.has(status)) {
        if (!idempotent && !NOT_PROCESSED_STATUSES.has(status)) {
          throw outcomeUnknownError(summary, status === 500 ? "the service answered HTTP 500" : `a gateway answered HTTP ${status}`, attempt, { response });
        }
        const retryAfterMs = parseRetryAfter(responseHeaders["retry-after"], this.now());
        if (retryAfterMs !== undefined && retryAfterMs > this.retry.maxRetryAfterMs) {
          throw throttledError(summary, response, body, attempt, retryAfterMs, this.retry.maxRetryAfterMs);
        }
        if (attempt <= this.retry.maxRetries) {
          if (retryAfterMs !== undefined) this.throttle.pause(host, retryAfterMs);
          else await this.sleep(backoffDelay(attempt - 1, this.retry, this.random));
          continue;
        }
      }
      throw httpError(summary, response, body, attempt);
    }
  }

  /** Whether requests to this host currently go one at a time because the service reports delays. */
  isPaced(host: string): boolean {
    return this.throttle.isPaced(host);
  }

  /**
   * One exchange inside the host's pacing: a slot for the host (one at a time while the service
   * reports delays), any pause it asked for, then a slot of the overall limit.
   */
  private async attempt(host: string, req: TransportRequest, headers: Record<string, string>, payload: string | undefined): Promise<Exchanged> {
    const release = await this.throttle.acquire(host);
    try {
      await this.throttle.wait(host);
      const exchanged = await this.limit.run(() => this.exchange(req.url, req.method, headers, payload, req.headersTimeoutMs));
      const signal = this.throttle.observe(host, exchanged.responseHeaders);
      if (signal !== undefined) this.report({ host, status: exchanged.status, ...signal });
      return exchanged;
    } finally {
      release();
    }
  }

  private report(event: RateLimitEvent): void {
    try {
      this.onRateLimit?.(event);
    } catch {
      // A failing observer must not turn a delivered answer into a failed request.
    }
  }

  /** Closes the keep-alive connections (only those of an Agent this transport created). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private async exchange(
    url: string,
    method: HttpMethod,
    headers: Record<string, string>,
    payload: string | undefined,
    headersTimeoutMs = this.headersTimeoutMs,
  ): Promise<Exchanged> {
    const response = await request(url, {
      dispatcher: this.dispatcher,
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
      headersTimeout: headersTimeoutMs,
      bodyTimeout: this.bodyTimeoutMs,
    });
    const text = await response.body.text();
    return { status: response.statusCode, responseHeaders: redactHeaders(response.headers), text };
  }
}

/**
 * The proxies of an environment, as curl and most tools read them: lower-case names first, HTTPS_PROXY
 * falling back to HTTP_PROXY, hosts in NO_PROXY (`*` for all) reached directly. Always explicit values
 * ("" for none), so undici does not read process.env behind the caller's back.
 */
export function proxySettings(env: Record<string, string | undefined>): { httpProxy: string; httpsProxy: string; noProxy: string } {
  const read = (name: string): string => (env[name.toLowerCase()] ?? env[name] ?? "").trim();
  const httpProxy = read("HTTP_PROXY");
  return { httpProxy, httpsProxy: read("HTTPS_PROXY") || httpProxy, noProxy: read("NO_PROXY") };
}

/** A dispatcher honouring the proxies of `env`, or undefined when it sets none (then undici's default serves). */
export function proxyDispatcherFor(env: Record<string, string | undefined>): Dispatcher | undefined {
  const settings = proxySettings(env);
  return settings.httpProxy === "" && settings.httpsProxy === "" ? undefined : new EnvHttpProxyAgent(settings);
}
