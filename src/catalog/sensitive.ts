import { HIDDEN, isIncomingWebhookUrl, urlHostOnly } from "../util/secret-urls.js";

export { HIDDEN, isIncomingWebhookUrl, urlHostOnly };
/**
 * Values the service does not mask but that carry a credential all the same: the URL of a chat
 * tool's incoming webhook (its secret is the path) and credential-bearing HTTP header values.
 * hookops treats them as secrets everywhere it writes: plans, comments, exports, saved state.
 */

/**
 * Consumers whose URL inputs (`url`, Teams `teamsUrl`, Office 365 `officeConnectorUrl`) are
 * incoming-webhook addresses: the URL itself is the credential. Logic Apps / Power Automate flow
 * URLs carry a signature in their query string.
 */
const URL_SECRET_CONSUMERS: ReadonlySet<string> = new Set(["slack", "teams", "office365", "workplacemessagingapps", "bapiconnectors"]);

/** Header names whose value is a credential. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|key|secret|signature|auth|passw/i;

/**
 * Whether a consumer input's value is a secret although the service reads it back in clear:
 * any URL input of a chat or flow consumer, and any value that is an incoming-webhook URL.
 */
export function isUrlSecretByNature(consumerId: string, inputId: string, value: string | undefined): boolean {
  if (value === undefined || value === "") return false;
  if (URL_SECRET_CONSUMERS.has(consumerId.toLowerCase()) && /url$/i.test(inputId)) return true;
  return isIncomingWebhookUrl(value);
}

export function isCredentialHeaderName(name: string): boolean {
  return CREDENTIAL_HEADER.test(name.trim());
}

/** `Name: value` lines with every credential header's value hidden; other headers stay as written. */
export function hideCredentialHeaders(headers: string): string {
  return headers
    .split(/\r?\n/)
    .map((line) => {
      const colon = line.indexOf(":");
      if (colon < 0) return line;
      const name = line.slice(0, colon);
      const value = line.slice(colon + 1).trim();
      return isCredentialHeaderName(name) && value !== "" ? `${name.trim()}: ${HIDDEN}` : line;
    })
    .join("\n");
}

/**
 * A consumer input's value as hookops may show it: incoming-webhook URLs as host only, credential
 * headers without their values, everything else unchanged.
 */
export function displayInputValue(consumerId: string, inputId: string, value: string): string {
  if (isUrlSecretByNature(consumerId, inputId, value)) return urlHostOnly(value);
  if (inputId === "httpHeaders") return hideCredentialHeaders(value);
  return value;
}
