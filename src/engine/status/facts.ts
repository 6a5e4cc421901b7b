import type { Notification } from "../../ado/index.js";
import { redactSecretUrls } from "../../util/inert.js";

/** How much of a consumer's answer is shown: enough to recognise it, never a whole page. */
const EXCERPT_LIMIT = 200;

/** Masks what must not be shown: resolved secret values (when known) and credential URLs. */
export type Redact = (text: string) => string;

export function makeRedact(masks: ((text: string) => string) | undefined): Redact {
  return (text) => redactSecretUrls(masks === undefined ? text : masks(text));
}

/**
 * The consumer's HTTP status. The service records the answer as .NET prints it
 * (`StatusCode: 500, ReasonPhrase: …`), the emulator as `Status Code: 500`; the error message
 * carries it as `(500)` when the answer is not recorded.
 */
export function httpStatusOf(notification: Notification): number | undefined {
  const details = notification.details ?? {};
  const fromResponse = /\bStatus ?Code:\s*(\d{3})\b/i.exec(details.response ?? "")?.[1];
  const fromError = /\((\d{3})\)/.exec(details.errorMessage ?? "")?.[1];
  const found = fromResponse ?? fromError;
  return found === undefined ? undefined : Number(found);
}

/** When a delivery ended (else was last touched, else was created). */
export function finishedAt(notification: Notification): string | undefined {
  return notification.details?.completedDate ?? notification.modifiedDate ?? notification.createdDate;
}

export function durationMsOf(notification: Notification): number | undefined {
  const details = notification.details ?? {};
  if (typeof details.requestDuration === "number" && Number.isFinite(details.requestDuration)) return Math.round(details.requestDuration * 1000);
  const start = Date.parse(details.processedDate ?? details.dequeuedDate ?? "");
  const end = Date.parse(details.completedDate ?? "");
  return Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : undefined;
}

/** One line of text, cut to `limit` characters. */
function oneLine(text: string, limit: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= limit ? flat : `${flat.slice(0, limit - 1)}…`;
}

/** The error the service recorded, masked, on one line. */
export function errorOf(notification: Notification, redact: Redact): string | undefined {
  const details = notification.details ?? {};
  const text = details.errorMessage ?? details.errorDetail;
  return text === undefined || text.trim() === "" ? undefined : oneLine(redact(text), 400);
}

/** The start of the consumer's answer body (the recorded response without its status line and headers), masked. */
export function responseExcerpt(notification: Notification, redact: Redact): string | undefined {
  const response = notification.details?.response;
  if (response === undefined || response.trim() === "") return undefined;
  const body = /\n\s*Content:\s*\n([\s\S]*)$/.exec(response)?.[1] ?? response;
  const excerpt = oneLine(redact(body), EXCERPT_LIMIT);
  return excerpt === "" ? undefined : excerpt;
}
