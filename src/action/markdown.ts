/** Small Markdown helpers for the action's own blocks (the plan itself comes from src/report). */
import { fencedBlock } from "../report/markdown-escape.js";
import { inertLines } from "../util/inert.js";

export { codeSpan, markdownText } from "../report/markdown-escape.js";

export function plural(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}

/** Multi-line text (an error message) in a fenced block that its content cannot close early; each line made inert. */
export function fenced(text: string, language = ""): string {
  return fencedBlock(inertLines(text), language);
}

export function runLink(runUrl: string | undefined): string[] {
  return runUrl === undefined ? [] : [`[View the workflow run](${runUrl})`];
}
