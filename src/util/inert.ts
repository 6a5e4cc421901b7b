import { isIncomingWebhookUrl, urlHostOnly } from "./secret-urls.js";

/**
 * Characters that must never reach a log, terminal or rendered page as themselves: C0 controls
 * (line breaks and tabs too, when inside one value), DEL, C1 controls, the Unicode line and
 * paragraph separators, and the bidi embeddings, overrides and isolates ("Trojan Source").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u001b": "\\x1b" };

function escapeOne(character: string): string {
  return NAMED[character] ?? `\\u{${(character.codePointAt(0) ?? 0).toString(16)}}`;
}

/** Azure Pipelines (`##vso[…]`) and the runners' legacy syntax (`##[…]`) find commands anywhere in a line. */
const LOG_COMMAND_PREFIX = /##(?=(vso)?\[)/gi;

/** GitHub Actions reads a line as a workflow command when it starts with `::` after leading blanks. */
const LEADING_COMMAND_KEY = /^(\s*)::/;

/**
 * A value from configuration or from the service made inert for output: it cannot start a new
 * line, move the cursor, recolor the terminal or reorder text, nor be read as a CI logging
 * command where it starts a line. `\n` reads as the two characters `\n`, ESC as `\x1b`,
 * everything else as `\u{…}` (a leading `::` as `\u{3a}:`, `##[` as `#\u{23}[`). Backslashes are
 * left alone, so ordinary text is unchanged.
 */
export function inert(value: string): string {
  return value.replace(UNSAFE, escapeOne).replace(LOG_COMMAND_PREFIX, "#\\u{23}").replace(LEADING_COMMAND_KEY, "$1\\u{3a}:");
}

const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>`]+/gi;

/** Whether a URL carries a literal password in its user info (`https://user:password@host/`; a `${…}` reference is no secret). */
function hasPasswordInUserInfo(url: string): boolean {
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:([^/?#@]*)@/i.exec(url)?.[1];
  return password !== undefined && password !== "" && !/^\$\{[^}]*\}$/.test(password);
}

/**
 * Free text (a service's error message, a warning) with every URL that is a credential by nature
 * (an incoming-webhook address, a URL with a password) cut to its scheme and host.
 */
export function redactSecretUrls(text: string): string {
  return text.replace(URL_IN_TEXT, (match) => {
    // Punctuation that ends the sentence is not part of the URL.
    const url = match.replace(/[.,:;!?)\]]+$/, "");
    return isIncomingWebhookUrl(url) || hasPasswordInUserInfo(url) ? `${urlHostOnly(url)}${match.slice(url.length)}` : match;
  });
}

/** Free text as hookops shows it: credential URLs cut to their host, then made inert. */
export function inertText(text: string): string {
  return inert(redactSecretUrls(text));
}

/** Each line of a multi-line text shown on its own, for outputs that keep its line structure safely. */
export function inertLines(text: string): string[] {
  return text.split(/\r?\n/).map(inertText);
}
