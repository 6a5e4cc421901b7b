/** Small Markdown helpers for the action's own blocks (the plan itself comes from src/report). */

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeCell(text: string): string {
  return escapeHtml(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

export function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/** A fenced block that its content cannot close early. */
export function fenced(text: string, language = ""): string {
  const longestRun = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const ticks = "`".repeat(longestRun + 1);
  return `${ticks}${language}\n${text}\n${ticks}`;
}

export function runLink(runUrl: string | undefined): string[] {
  return runUrl === undefined ? [] : [`[View the workflow run](${runUrl})`];
}
