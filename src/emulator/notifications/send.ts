/**
 * One delivery run of a notification to a web hook URL: the requests (with the quick resends of a
 * transient failure), and the history record they leave. Only webHooks is called; the emulator has
 * no way to reach any other consumer.
 */
import { MASKED_VALUE } from "../../ado/types.js";
import type { EmulatorRuntime } from "../runtime.js";
import type { NotificationDetails, NotificationRecord } from "../state/records.js";
import { failureClass, MAX_REQUESTS_PER_DELIVERY, TERMINAL_STATUS } from "./schedule.js";

const DELIVERY_TIMEOUT_MS = 5_000;
/** The history keeps this much of the consumer's answer. */
export const RESPONSE_TEXT_LIMIT = 2_048;

/**
 * What a run means for the subscription: "notCalled" (a consumer the emulator cannot call) and
 * "aborted" (the emulator stopped) say nothing about the consumer.
 */
export type DeliveryVerdict = "succeeded" | "terminal" | "enduring" | "notCalled" | "aborted";

interface Attempt {
  /** Undefined when no answer came (refused, TLS, timeout). */
  status?: number;
  response?: string;
  error?: string;
  seconds: number;
}

function parseHeaderLines(text: string | undefined): [string, string][] {
  if (!text) return [];
  const headers: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/** Header lines as the history shows them: every value but the content type is masked (credentials travel in headers). */
function maskedHeaderBlock(headers: Iterable<[string, string]>): string {
  const lines = [...headers].map(([name, value]) => `  ${name}: ${name.toLowerCase() === "content-type" ? value : MASKED_VALUE}`);
  return `Headers:\n{\n${lines.join("\n")}\n}`;
}

function describeRequest(url: string, headers: [string, string][], body: string): string {
  return `Method: POST\nURI: ${url}\nHTTP Version: 1.1\n${maskedHeaderBlock(headers)}\nContent:\n${body}`;
}

function excerpt(text: string): string {
  return text.length <= RESPONSE_TEXT_LIMIT ? text : `${text.slice(0, RESPONSE_TEXT_LIMIT)}\n[truncated: the consumer answered ${text.length} characters]`;
}

/** The error and its causes: fetch reports "fetch failed" and puts the socket error in `cause`. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    parts.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return parts.join(": ");
}

async function send(url: string, headers: [string, string][], body: string, signal: AbortSignal): Promise<Attempt> {
  const startedAt = performance.now();
  const seconds = () => (performance.now() - startedAt) / 1000;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.any([signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
    });
    const text = excerpt(await response.text());
    const head = `Status Code: ${response.status}\nReason Phrase: ${response.statusText}\n${maskedHeaderBlock(response.headers)}`;
    return { status: response.status, response: `${head}\nContent:\n${text}`, seconds: seconds() };
  } catch (error) {
    return { error: describeError(error), seconds: seconds() };
  }
}

function succeeded(attempt: Attempt): boolean {
  return attempt.status !== undefined && attempt.status >= 200 && attempt.status < 300;
}

/** errorMessage and errorDetail of a failed run, after its last request. */
function failureText(attempts: readonly Attempt[], quickRetries: boolean): Pick<NotificationDetails, "errorMessage" | "errorDetail"> {
  const last = attempts[attempts.length - 1];
  if (!last) return { errorMessage: "The notification was not sent." };
  const errorMessage =
    last.status === undefined ? `The request to the consumer failed: ${last.error ?? "no answer"}` : `The remote server returned an error: (${last.status}).`;
  const kind = failureClass(last.status);
  if (kind === "terminal") return { errorMessage, errorDetail: `HTTP ${TERMINAL_STATUS} (Gone) is a terminal failure.` };
  if (kind === "transient") {
    const statuses = attempts.map((attempt) => attempt.status ?? "no answer").join(", ");
    return {
      errorMessage,
      errorDetail: quickRetries
        ? `Transient failure on all ${attempts.length} requests (${statuses}); counted as an enduring failure.`
        : `Transient failure (${statuses}); test notifications are not resent.`,
    };
  }
  return { errorMessage, errorDetail: "Enduring failure." };
}

export interface DeliveryOptions {
  /** Resend at once after a transient failure, as the service does for events (not for test notifications). */
  quickRetries: boolean;
  signal: AbortSignal;
}

/** Applies `change` to the notification as it is stored now; none when it was deleted meanwhile. */
function updateNotification(runtime: EmulatorRuntime, id: number, change: (record: NotificationRecord) => NotificationRecord): NotificationRecord | undefined {
  const current = runtime.store.notification(id);
  if (!current) return undefined;
  const next = change(current);
  runtime.store.updateNotification(next);
  return next;
}

/** A new run replaces what the previous one (before a probation retry) recorded. */
function withoutOutcome(details: NotificationDetails): NotificationDetails {
  const { errorMessage: _message, errorDetail: _detail, response: _response, ...rest } = details;
  return rest;
}

/** One run: processing → requestInProgress → completed, with `requestAttempts` counting every request the notification ever made. */
export async function deliverNotification(runtime: EmulatorRuntime, id: number, options: DeliveryOptions): Promise<DeliveryVerdict> {
  const dequeued = runtime.now().toISOString();
  const started = updateNotification(runtime, id, (record) => ({
    ...record,
    status: "processing",
    result: "pending",
    modifiedDate: dequeued,
    details: { ...record.details, dequeuedDate: dequeued },
  }));
  if (!started) return "aborted";
  const { details } = started;
  const complete = (succeededRun: boolean, outcome: Partial<NotificationDetails>) => {
    const date = runtime.now().toISOString();
    updateNotification(runtime, id, (record) => ({
      ...record,
      status: "completed",
      result: succeededRun ? "succeeded" : "failed",
      modifiedDate: date,
      details: { ...withoutOutcome(record.details), ...outcome, completedDate: date },
    }));
  };

  if (details.consumerId !== "webHooks" || details.consumerActionId !== "httpRequest") {
    complete(false, { errorMessage: `The emulator delivers only to webHooks; '${details.consumerId}' was not called.` });
    return "notCalled";
  }
  const url = details.consumerInputs.url ?? "";
  const body = JSON.stringify(details.event);
  const headers: [string, string][] = [["Content-Type", "application/json; charset=utf-8"], ...parseHeaderLines(details.consumerInputs.httpHeaders)];
  const username = details.consumerInputs.basicAuthUsername;
  if (username) {
    const credentials = Buffer.from(`${username}:${details.consumerInputs.basicAuthPassword ?? ""}`).toString("base64");
    headers.push(["Authorization", `Basic ${credentials}`]);
  }
  const processed = runtime.now().toISOString();
  updateNotification(runtime, id, (record) => ({
    ...record,
    status: "requestInProgress",
    modifiedDate: processed,
    details: { ...record.details, processedDate: processed },
  }));

  const attempts: Attempt[] = [];
  const limit = options.quickRetries ? MAX_REQUESTS_PER_DELIVERY : 1;
  while (attempts.length < limit) {
    const attempt = await send(url, headers, body, options.signal);
    attempts.push(attempt);
    if (options.signal.aborted || succeeded(attempt) || failureClass(attempt.status) !== "transient") break;
  }
  const last = attempts[attempts.length - 1];
  const outcome: Partial<NotificationDetails> = {
    request: describeRequest(url, headers, body),
    requestAttempts: details.requestAttempts + attempts.length,
    requestDuration: attempts.reduce((total, attempt) => total + attempt.seconds, 0),
    ...(last?.response === undefined ? {} : { response: last.response }),
  };
  if (options.signal.aborted) {
    complete(false, { ...outcome, errorMessage: "The emulator stopped before the delivery finished." });
    return "aborted";
  }
  if (last && succeeded(last)) {
    complete(true, outcome);
    return "succeeded";
  }
  complete(false, { ...outcome, ...failureText(attempts, options.quickRetries) });
  return failureClass(last?.status) === "terminal" ? "terminal" : "enduring";
}
