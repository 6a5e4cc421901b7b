import { planSummary } from "../reconcile/summary.js";
import type { FieldChange, LiveEntry, Plan, PlannedChange, UnhealthyEntry } from "../reconcile/types.js";
import { inertText } from "../util/inert.js";
import { countOf } from "../util/text.js";
import { ACTION_PHRASE, ACTION_SYMBOL, expansionText, formatValue, isMultiline, multilineHunks, sensitiveText, summaryLine, valueLines } from "./format.js";
import { codeSpan, fencedBlock, htmlText, markdownText, planMarkerLine } from "./markdown-escape.js";

export interface MarkdownOptions {
  /** Link to the workflow run (its job summary holds the full plan). */
  runUrl?: string;
  /** GitHub rejects comments above 65536 characters. */
  maxLength?: number;
  /** Written as a hidden `<!-- hookops-plan:<marker> -->` line so the Action can find its comment again. */
  marker?: string;
}

const DEFAULT_MAX_LENGTH = 65_536;

/** Lines of a ```diff block (code: inert is enough): `+`/`-` lines render green/red on GitHub. */
function diffLines(change: PlannedChange, field: FieldChange): string[] {
  const forces = field.forcesReplacement ? "  # forces replacement" : "";
  const name = inertText(field.field);
  if (field.sensitive) return [`${change.action === "create" ? "+" : "!"} ${name}: ${sensitiveText(change, field)}${forces}`];
  if (isMultiline(field)) {
    if (change.action === "create") return [`+ ${name}:`, ...valueLines(field.after).map((line) => `+   ${line}`)];
    const hunks = multilineHunks(field.before, field.after).map((line) => (line.startsWith("@@") ? line : `${line[0] ?? " "}   ${line.slice(1)}`));
    return [`! ${name}:${forces}`, ...hunks];
  }
  const lines: string[] = [];
  if (field.before !== undefined) lines.push(`- ${name}: ${formatValue(field.before)}${forces}`);
  if (field.after !== undefined) lines.push(`+ ${name}: ${formatValue(field.after)}${forces}`);
  return lines;
}

function changeBlock(change: PlannedChange): string {
  const scope = change.organizationWide === true ? "organization-wide" : change.project;
  const project = scope === undefined ? "" : ` (${htmlText(scope)})`;
  const summary = `<code>${htmlText(ACTION_SYMBOL[change.action])}</code> <b>${htmlText(change.name)}</b>${project} ${ACTION_PHRASE[change.action]}`;
  const notes: string[] = [];
  if (change.liveId !== undefined) notes.push(`# id: ${inertText(change.liveId)}`);
  for (const reason of change.reasons) notes.push(`# ${inertText(reason)}`);
  const lines = [...notes, ...change.fields.flatMap((field) => diffLines(change, field))];
  return `<details><summary>${summary}</summary>\n\n${fencedBlock(lines, "diff")}\n\n</details>`;
}

function liveTable(title: string, entries: readonly LiveEntry[], extra: (entry: LiveEntry) => string): string {
  const rows = entries.map(
    (entry) =>
      `| ${markdownText(entry.name)} | ${markdownText(entry.organizationWide === true ? "organization-wide" : (entry.project ?? ""))} | ${markdownText(entry.status)} | ${codeSpan(entry.id, { inTable: true })} | ${extra(entry)} |`,
  );
  return [`#### ${title}`, "", "| Subscription | Project | Status | Id | Note |", "|---|---|---|---|---|", ...rows].join("\n");
}

function unhealthyNote(entry: UnhealthyEntry): string {
  const count = entry.probationRetries;
  const retries = count === undefined ? "" : `${markdownText(String(count))} probation ${count === 1 ? "retry" : "retries"}; `;
  if (entry.protected) return `${retries}protected, left as is`;
  return `${retries}${entry.managed ? "managed" : "not managed, left as is"}`;
}

function headBlocks(plan: Plan, options: MarkdownOptions): string[] {
  const blocks: string[] = [];
  if (options.marker !== undefined) blocks.push(planMarkerLine(options.marker));
  const unchanged = plan.noop === 0 ? "" : ` ${countOf(plan.noop, "subscription")} already up to date.`;
  blocks.push(`### hookops plan for ${codeSpan(plan.organization)}\n\n**${summaryLine(plan)}**${unchanged}`);
  const summary = planSummary(plan);
  if (summary.delete > 0 || summary.replace > 0) {
    const parts: string[] = [];
    if (summary.delete > 0) parts.push(`deletes ${countOf(summary.delete, "subscription")}`);
    if (summary.replace > 0) parts.push(`replaces ${countOf(summary.replace, "subscription")} (created anew, then the old one deleted)`);
    blocks.push(`> [!WARNING]\n> This plan ${parts.join(" and ")}. Review them before merging.`);
  }
  if (plan.refusals.length > 0) {
    blocks.push(["> [!CAUTION]", "> **Apply will refuse this plan:**", ...plan.refusals.map((refusal) => `> - ${markdownText(refusal)}`)].join("\n"));
  }
  if (plan.warnings.length > 0) blocks.push(["**Warnings**", "", ...plan.warnings.map((warning) => `- ${markdownText(warning)}`)].join("\n"));
  if (plan.expansions !== undefined && plan.expansions.length > 0) {
    blocks.push(["**Project patterns**", "", ...plan.expansions.map((expansion) => `- ${markdownText(expansionText(expansion))}`)].join("\n"));
  }
  return blocks;
}

function tailBlocks(plan: Plan): string[] {
  const blocks: string[] = [];
  if (plan.unmanaged.length > 0) {
    blocks.push(liveTable("Unmanaged subscriptions in scope (left as is)", plan.unmanaged, (entry) => (entry.protected ? "protected" : "")));
  }
  if (plan.unhealthy.length > 0) {
    blocks.push(liveTable("Unhealthy subscriptions (events are being lost)", plan.unhealthy, (entry) => unhealthyNote(entry as UnhealthyEntry)));
  }
  return blocks;
}

const SEPARATOR = "\n\n";

/** The link to the workflow run, when there is one (its job summary holds everything). */
export function runLink(runUrl: string | undefined): string[] {
  return runUrl === undefined ? [] : [`[View the workflow run](${runUrl})`];
}

/**
 * The plan as a pull request comment. Kept under maxLength by dropping whole blocks from the
 * end (changes first in order, then the unmanaged/unhealthy tables) and saying so.
 */
export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  const head = headBlocks(plan, options);
  const body = [...plan.changes.map(changeBlock), ...tailBlocks(plan)];
  const footer = runLink(options.runUrl);
  const full = [...head, ...body, ...footer].join(SEPARATOR);
  if (full.length + 1 <= maxLength) return `${full}\n`;

  const kept: string[] = [];
  const noteFor = (shownCount: number): string => {
    const hiddenChanges = Math.max(0, plan.changes.length - shownCount);
    const where = options.runUrl === undefined ? "the job summary of this run" : `the [job summary](${options.runUrl})`;
    const what = hiddenChanges > 0 ? `${countOf(hiddenChanges, "more change")} and the rest of the plan are` : "The rest of the plan is";
    return `> [!NOTE]\n> ${what} not shown: the comment would exceed ${maxLength} characters. The full plan is in ${where}.`;
  };
  for (const block of body) {
    const candidate = [...head, ...kept, block, noteFor(kept.length + 1), ...footer].join(SEPARATOR);
    if (candidate.length + 1 > maxLength) break;
    kept.push(block);
  }
  const shownChanges = Math.min(kept.length, plan.changes.length);
  const truncated = `${[...head, ...kept, noteFor(shownChanges), ...footer].join(SEPARATOR)}\n`;
  return truncated.length <= maxLength ? truncated : truncated.slice(0, maxLength);
}
