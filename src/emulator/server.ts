/** The HTTP front of the emulator: host resolution, faults, auth, rate limits, api-version, routing. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { type ApiVersion, checkApiVersion, requestedApiVersion } from "./api-version.js";
import { authenticateHeaders, SIGN_IN_PAGE } from "./auth.js";
import { errors, ServiceError } from "./errors.js";
import type { FaultDecision } from "./faults.js";
import { Router } from "./router.js";
import type { RouteContext, RouteResponse } from "./routes/context.js";
import { controlRoutes } from "./routes/control.js";
import { controlEventRoutes } from "./routes/control-events.js";
import { controlProjectRoutes } from "./routes/control-projects.js";
import { coreRoutes } from "./routes/core.js";
import { metadataRoutes } from "./routes/metadata.js";
import { notificationRoutes } from "./routes/notifications.js";
import { resourceRoutes } from "./routes/resources.js";
import { profileRoutes } from "./routes/profile.js";
import { pullRequestRoutes } from "./routes/pull-requests.js";
import { subscriptionRoutes } from "./routes/subscriptions.js";
import type { EmulatorRuntime } from "./runtime.js";
import { hostBaseUrl } from "./subscriptions/view.js";
import type { HostKind } from "./types.js";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

type Target = { kind: "api"; host: HostKind; path: string; profile?: true } | { kind: "control"; path: string };

/** Splits "/fabrikam/_apis/…" or "/vsrm/fabrikam/_apis/…" into the host and the path below the organization. */
function resolveTarget(pathname: string, organization: string): Target | undefined {
  const segments = pathname.split("/");
  const first = (segments[1] ?? "").toLowerCase();
  const org = organization.toLowerCase();
  if (first === "_emulator") return { kind: "control", path: pathname };
  // The account host's routes (profile, accounts) live above every organization.
  if (first === "_apis") return { kind: "api", host: "default", path: pathname, profile: true };
  let host: HostKind;
  let rest: string;
  if (first === "vsrm" && (segments[2] ?? "").toLowerCase() === org) {
    host = "release";
    rest = `/${segments.slice(3).join("/")}`;
  } else if (first === org) {
    host = "default";
    rest = `/${segments.slice(2).join("/")}`;
  } else {
    return undefined;
  }
  if (/^\/_emulator(\/|$)/i.test(rest)) return { kind: "control", path: rest };
  return { kind: "api", host, path: rest };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(errors.bodyTooLarge());
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
    // A client that gave up (a late answer) never sends "end": without this the handler waits forever.
    const gone = () => reject(new Error("the client closed the connection before its body was read"));
    if (request.destroyed && !request.complete) gone();
    else request.on("close", () => (request.complete ? undefined : gone()));
  });
}

/** Reads the body at once (a late answer must not wait on a client that left); parses it on demand. */
function jsonReader(request: IncomingMessage): (parameterName: string) => Promise<unknown> {
  const body = readBody(request);
  body.catch(() => undefined);
  return async (parameterName) => {
    const text = (await body).replace(/^\uFEFF/, "").trim();
    if (text === "") throw errors.nullBody(parameterName);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // The service's model binder turns an unreadable body into a null parameter.
      throw errors.nullBody(parameterName);
    }
  };
}

function send(response: ServerResponse, result: RouteResponse, apiVersion: ApiVersion | undefined, extraHeaders: Record<string, string>): void {
  const headers: Record<string, string | number> = { ...extraHeaders, ...result.headers };
  if (result.status === 204 || (result.body === undefined && result.json === undefined)) {
    response.writeHead(result.status, headers);
    response.end();
    return;
  }
  const payload = result.json ?? Buffer.from(JSON.stringify(result.body), "utf8");
  headers["Content-Type"] = `application/json; charset=utf-8${apiVersion ? `; api-version=${apiVersion.text}` : ""}`;
  headers["Content-Length"] = payload.length;
  response.writeHead(result.status, headers);
  response.end(payload);
}

function errorResponse(error: ServiceError, organizationUrl: string): RouteResponse {
  const headers = error.status === 401 ? { ...error.headers, ...authenticateHeaders(organizationUrl) } : error.headers;
  return { status: error.status, body: error.body(), headers };
}

export function createEmulatorServer(runtime: EmulatorRuntime): Server {
  const api = new Router([...subscriptionRoutes, ...notificationRoutes, ...metadataRoutes, ...coreRoutes, ...resourceRoutes, ...pullRequestRoutes]);
  const control = new Router([...controlRoutes, ...controlEventRoutes, ...controlProjectRoutes]);
  const profile = new Router(profileRoutes);

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const readJson = jsonReader(request);
    const started = performance.now();
    const method = (request.method ?? "GET").toUpperCase();
    const url = new URL(request.url ?? "/", "http://emulator.invalid");
    const session = request.headers["x-tfs-session"];
    let extraHeaders: Record<string, string> = typeof session === "string" ? { "X-TFS-Session": session } : {};
    let apiVersion: ApiVersion | undefined;
    const finish = (outcome: number | string) => runtime.log(`${method} ${url.pathname} ${outcome} ${Math.round(performance.now() - started)}ms`);
    const dropConnection = (outcome: string) => {
      response.socket?.destroy();
      finish(outcome);
    };
    let decision: FaultDecision = { kind: "pass", delayMs: 0 };
    /** The injected answers that replace the real one; "late" only delays it. */
    const answerWithFault = async (fault: Exclude<FaultDecision, { kind: "pass" | "late" }>): Promise<void> => {
      switch (fault.kind) {
        case "reset":
          return dropConnection(fault.afterCommit === true ? "dropped after commit" : "reset");
        case "error":
          throw fault.error;
        case "signInPage":
          response.writeHead(203, { ...extraHeaders, "Content-Type": "text/html; charset=utf-8" });
          response.end(SIGN_IN_PAGE);
          return finish(203);
        case "notJson":
          response.writeHead(200, { ...extraHeaders, "Content-Type": "application/json; charset=utf-8" });
          response.end('{"count": 1, "value": [{"id": ');
          return finish("200 truncated");
      }
    };

    try {
      runtime.store.refresh();
      const target = resolveTarget(url.pathname, runtime.organization);
      if (!target) throw errors.routeNotFound(url.pathname);
      const host: HostKind = target.kind === "api" ? target.host : "default";
      const router = target.kind === "api" ? (target.profile ? profile : api) : control;
      const match = router.match(method, target.path);

      if (target.kind === "api") {
        const pattern = match.kind === "match" ? match.route.pattern : match.kind === "wrongMethod" ? match.pattern : "(unknown route)";
        const routeKey = `${method} ${host === "release" ? "/vsrm" : ""}${pattern}`;
        runtime.counters.count(routeKey);
        decision = runtime.faults.decide(routeKey);
        if (decision.delayMs > 0) await sleep(decision.delayMs);
        if (decision.kind !== "pass" && decision.afterCommit !== true) {
          if (decision.kind === "late") await sleep(decision.lateMs);
          else return await answerWithFault(decision);
        }
      }

      const auth = runtime.authenticator.authenticate(request.headers, { allowSignInPage: target.kind === "api" });
      if (auth.kind === "signInPage") {
        response.writeHead(203, { ...extraHeaders, "Content-Type": "text/html; charset=utf-8" });
        response.end(SIGN_IN_PAGE);
        return finish(203);
      }
      if (auth.kind === "error") throw auth.error;

      const limit = runtime.faults.rateLimit;
      if (limit && target.kind === "api") {
        const verdict = runtime.rateLimiter.check(auth.user.id, limit, runtime.now().getTime());
        if (verdict.kind === "block") throw verdict.error;
        extraHeaders = { ...extraHeaders, ...verdict.headers };
        if (verdict.tarpitMs > 0) await sleep(verdict.tarpitMs);
      }

      if (match.kind === "none") throw errors.routeNotFound(target.path);
      if (match.kind === "wrongMethod") throw errors.methodNotAllowed(method);
      const { route } = match;
      if (route.versions) apiVersion = checkApiVersion(requestedApiVersion(url.searchParams, request.headers), route.versions, method);

      const context: RouteContext = {
        runtime,
        method,
        host,
        baseUrl: hostBaseUrl(runtime.urls, host),
        params: match.params,
        query: url.searchParams,
        user: auth.user,
        apiVersion,
        readJson,
      };
      const result = await route.handler(context);
      if (result.delayMs !== undefined && result.delayMs > 0) {
        await sleep(result.delayMs);
        if (response.destroyed) return finish(`${result.status} not sent: the client left`);
      }
      if (route.createsSubscription && result.status === 200 && runtime.faults.dropResponse()) return dropConnection("dropped after commit");
      if (decision.kind !== "pass" && decision.afterCommit === true) {
        if (decision.kind === "late") await sleep(decision.lateMs);
        else return await answerWithFault(decision);
      }
      send(response, result, apiVersion, extraHeaders);
      finish(result.status);
    } catch (error) {
      const serviceError = error instanceof ServiceError ? error : errors.internal(runtime.newId());
      if (!(error instanceof ServiceError)) runtime.log(`internal error: ${error instanceof Error ? error.message : String(error)}`);
      if (response.headersSent || response.destroyed) return;
      send(response, errorResponse(serviceError, runtime.urls.url), apiVersion, extraHeaders);
      finish(serviceError.status);
    }
  }

  return createServer((request, response) => {
    runtime.inFlight.enter();
    void handle(request, response).finally(() => runtime.inFlight.leave());
  });
}
