/** Helpers for values whose secret is in the URL itself; used by the catalog and by every output. */

/** What replaces a hidden value in every output. */
export const HIDDEN = "********";

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

export function isIncomingWebhookUrl(value: string): boolean {
  const trimmed = value.trim();
  return INCOMING_WEBHOOK_URLS.some((pattern) => pattern.test(trimmed));
}

/** The scheme and host of a URL and an ellipsis (`https://hooks.slack.com/…`); never the path, query or user info. */
export function urlHostOnly(value: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#]*@)?([^/?#]*)/i.exec(value.trim());
  return match ? `${match[1]}${match[2]}/…` : HIDDEN;
}
