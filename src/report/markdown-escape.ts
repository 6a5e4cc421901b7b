import { inertLines, inertText } from "../util/inert.js";

/**
 * Values in Markdown (pull request comments, job summaries), one helper per context. Every one
 * makes the value inert first, so no value can end a line, a block quote, a table row or an
 * HTML block; then it escapes what that context would interpret.
 */

function escapeHtmlCharacters(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Inside raw HTML (`<summary>`, `<b>`, an HTML comment), where Markdown is not parsed. */
export function htmlText(value: string): string {
  return escapeHtmlCharacters(inertText(value));
}

/** Markup that starts a block (heading, list, ordered list) when it leads a list item or a cell. */
function escapeLeadingBlockMarker(text: string): string {
  return text.replace(/^([#+-])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
}

/**
 * Inline Markdown (list items, table cells, paragraphs): no HTML, no emphasis, links, code spans
 * or strike-through from a value, and no cell boundary.
 */
export function markdownText(value: string): string {
  const escaped = escapeHtmlCharacters(inertText(value))
    .replace(/[\\`*[\]~|]/g, (character) => `\\${character}`)
    // An underscore inside a word never emphasizes: WEBSITE_HOOK_PASSWORD stays as written.
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, "\\_");
  return escapeLeadingBlockMarker(escaped);
}

/**
 * A code span holding the value verbatim (HTML and Markdown are not interpreted inside one). Its
 * delimiter is longer than any backtick run in the value; in a table `|` still needs escaping.
 */
export function codeSpan(value: string, options: { inTable?: boolean } = {}): string {
  let text = inertText(value);
  if (options.inTable === true) text = text.replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = "`".repeat(longestRun + 1);
  const padding = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${ticks}${padding}${text}${padding}${ticks}`;
}

/** A fenced block its content cannot close early; each line must already be inert. */
export function fencedBlock(lines: readonly string[], language = ""): string {
  const body = lines.join("\n");
  const longestRun = Math.max(2, ...[...body.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = "`".repeat(longestRun + 1);
  return `${ticks}${language}\n${body}\n${ticks}`;
}

/** Multi-line text (an error message) in a fenced block, each line made inert. */
export function fencedText(text: string, language = ""): string {
  return fencedBlock(inertLines(text), language);
}

/** The hidden first line by which the Action finds its pull request comment again. */
export function planMarkerLine(marker: string): string {
  return `<!-- hookops-plan:${htmlText(marker)} -->`;
}
