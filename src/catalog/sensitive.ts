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

/** Incoming-webhook addresses recognised wherever they appear (e.g. a Web Hooks `url`). */
const INCOMING_WEBHOOK_URLS: readonly RegExp[] = [
  /^https?:\/\/hooks\.slack(-gov)?\.com\/(services|workflows|triggers)\//i,
  /^https?:\/\/([\w-]+\.)?(discord|discordapp)\.com\/api(\/v\d+)?\/webhooks\//i,
  /^https?:\/\/[^/?#]*\/api(\/v\d+)?\/webhooks\/[^/?#]+\/[^/?#]+/i, // Discord-style paths on other hosts
  /^https?:\/\/[\w.-]*\.webhook\.office\.com\//i,
  /^https?:\/\/outlook\.office(365)?\.com\/webhook/i,
  /^https?:\/\/[\w.-]*\.logic\.azure\.com(:\d+)?\/workflows\//i,
  /^https?:\/\/[\w.-]*\.environment\.api\.powerplatform\.com(:\d+)?\//i,
  /^https?:\/\/chat\.googleapis\.com\//i,
];

/** Header names whose value is a credential. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|token|key|secret|signature|auth|passw/i;

/** What replaces a hidden value in every output. */
export const HIDDEN = "********";

export function isIncomingWebhookUrl(value: string): boolean {
  const trimmed = value.trim();
  return INCOMING_WEBHOOK_URLS.some((pattern) => pattern.test(trimmed));
}

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

/** The scheme and host of a URL and an ellipsis (`https://hooks.slack.com/…`); never the path, query or user info. */
export function urlHostOnly(value: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#]*@)?([^/?#]*)/i.exec(value.trim());
  return match ? `${match[1]}${match[2]}/…` : HIDDEN;
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

/** Whether an input holds a secret by nature (the caller adds the catalog's confidential inputs). */
export function isSensitiveInput(consumerId: string, inputId: string, value: string | undefined): boolean {
  return isUrlSecretByNature(consumerId, inputId, value);
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
