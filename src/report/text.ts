import type { FieldChange, LiveEntry, Plan, PlannedChange, UnhealthyEntry } from "../reconcile/types.js";
import { inertText as shown } from "../util/inert.js";
import { painter, type Painter, type Style } from "./color.js";
import {
  ACTION_PHRASE,
  ACTION_SYMBOL,
  expansionText,
  formatValue,
  isMultiline,
  multilineHunks,
  scopeSuffix,
  sensitiveText,
  summaryLine,
  valueLines,
} from "./format.js";
import { countOf } from "../util/text.js";

export interface TextOptions {
  color: boolean;
}

const FIELD_INDENT = "    ";
const PATCH_INDENT = "        ";

function signStyle(sign: string): Style {
  if (sign === "+") return "green";
  if (sign === "-") return "red";
  return "yellow";
}

function actionSymbol(change: PlannedChange, paint: Painter): string {
  if (change.action === "replace") return `${paint("red", "-")}/${paint("green", "+")}`;
  return paint(signStyle(ACTION_SYMBOL[change.action]), ACTION_SYMBOL[change.action]);
}

function patchLine(line: string, paint: Painter): string {
  if (line.startsWith("@@")) return paint("cyan", line);
  if (line.startsWith("+")) return paint("green", line);
  if (line.startsWith("-")) return paint("red", line);
  return line;
}

function fieldLines(change: PlannedChange, field: FieldChange, paint: Painter): string[] {
  const forces = field.forcesReplacement ? paint("red", "  # forces replacement") : "";
  if (change.action === "create") {
    const plus = paint("green", "+");
    if (field.sensitive) return [`${FIELD_INDENT}${plus} ${shown(field.field)} = ${sensitiveText(change, field)}`];
    if (isMultiline(field)) {
      return [`${FIELD_INDENT}${plus} ${shown(field.field)} =`, ...valueLines(field.after).map((line) => `${PATCH_INDENT}${paint("green", `+${line}`)}`)];
    }
    return [`${FIELD_INDENT}${plus} ${shown(field.field)} = ${formatValue(field.after)}`];
  }
  const sign = field.sensitive || (field.before !== undefined && field.after !== undefined) ? "~" : field.before === undefined ? "+" : "-";
  const head = `${FIELD_INDENT}${paint(signStyle(sign), sign)} ${shown(field.field)}:`;
  if (field.sensitive) return [`${head} ${sensitiveText(change, field)}${forces}`];
  if (isMultiline(field)) {
    const patch = ["--- live", "+++ desired", ...multilineHunks(field.before, field.after)];
    return [`${head}${forces}`, ...patch.map((line) => `${PATCH_INDENT}${patchLine(line, paint)}`)];
  }
  if (sign === "+") return [`${head} ${formatValue(field.after)}${forces}`];
  if (sign === "-") return [`${head} ${formatValue(field.before)}${forces}`];
  return [`${head} ${formatValue(field.before)} -> ${formatValue(field.after)}${forces}`];
}

function changeBlock(change: PlannedChange, paint: Painter): string[] {
  const lines = [`${actionSymbol(change, paint)} ${paint("bold", shown(change.name))}${scopeSuffix(change)} ${ACTION_PHRASE[change.action]}`];
  if (change.liveId !== undefined) lines.push(`${FIELD_INDENT}${paint("dim", `id: ${shown(change.liveId)}`)}`);
  for (const reason of change.reasons) lines.push(`${FIELD_INDENT}${paint("dim", `# ${shown(reason)}`)}`);
  for (const field of change.fields) lines.push(...fieldLines(change, field, paint));
  return lines;
}

function liveLine(entry: LiveEntry): string {
  const protectedNote = entry.protected ? ", protected" : "";
  return `  ${shown(entry.name)}${scopeSuffix(entry)}: ${shown(entry.status)}, id ${shown(entry.id)}${protectedNote}`;
}

function unhealthyLine(entry: UnhealthyEntry): string {
  const retries =
    entry.probationRetries === undefined ? "" : `, ${shown(String(entry.probationRetries))} probation ${entry.probationRetries === 1 ? "retry" : "retries"}`;
  const outcome = entry.protected ? "protected, left as is" : entry.managed ? "managed" : "not managed, left as is";
  return `  ${shown(entry.name)}${scopeSuffix(entry)}: ${shown(entry.status)}${retries}, id ${shown(entry.id)} (${outcome})`;
}

/** The plan as a terminal reads it, in the manner of `terraform plan`. */
export function renderText(plan: Plan, options: TextOptions): string {
  const paint = painter(options.color);
  const sections: string[][] = [];
  const upToDate = plan.noop === 0 ? "" : ` (${countOf(plan.noop, "subscription")} already up to date)`;
  sections.push([`hookops plan for ${shown(plan.organization)}${upToDate}`]);
  if (plan.expansions !== undefined && plan.expansions.length > 0) {
    sections.push([paint("bold", "Project patterns:"), ...plan.expansions.map((expansion) => `  ${shown(expansionText(expansion))}`)]);
  }
  for (const change of plan.changes) sections.push(changeBlock(change, paint));
  if (plan.unmanaged.length > 0) {
    sections.push([paint("bold", "Unmanaged subscriptions in scope (not in the configuration, left as is):"), ...plan.unmanaged.map(liveLine)]);
  }
  if (plan.unhealthy.length > 0) {
    sections.push([paint("bold", "Unhealthy subscriptions (events are being lost):"), ...plan.unhealthy.map(unhealthyLine)]);
  }
  if (plan.warnings.length > 0) {
    sections.push([paint("yellow", "Warnings:"), ...plan.warnings.map((warning) => `  ${paint("yellow", "!")} ${shown(warning)}`)]);
  }
  if (plan.refusals.length > 0) {
    sections.push([paint("red", "Apply will refuse this plan:"), ...plan.refusals.map((refusal) => `  ${paint("red", "x")} ${shown(refusal)}`)]);
  }
  sections.push([paint("bold", summaryLine(plan))]);
  return `${sections.map((lines) => lines.join("\n")).join("\n\n")}\n`;
}
