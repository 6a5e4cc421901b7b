import { Document, isMap, isScalar, isSeq, type Pair } from "yaml";
import { inertText } from "../util/inert.js";
import { isOrganizationWide } from "./select.js";
import type { ExportedSubscription, ExportFile } from "./types.js";

/** Block style, no line folding (URLs and headers stay on one line), literal blocks for multi-line values. */
const TO_STRING_OPTIONS = { lineWidth: 0, blockQuote: "literal", indentSeq: true } as const;

export const DEFAULT_INCLUDE_PATTERN = "hooks/**/*.yaml";

/**
 * Comment lines as the yaml library wants them: each line gets "#" prepended, so lead with a
 * space. Lines embed names from the service (organization, project, status): made inert, none
 * can break out of the comment or hide text from a reviewer.
 */
function comment(lines: readonly string[]): string {
  return lines.map((line) => (line === "" ? "" : ` ${inertText(line)}`)).join("\n");
}

function entryObject(subscription: ExportedSubscription): Record<string, unknown> {
  const entry: Record<string, unknown> = { name: subscription.name, id: subscription.id };
  if (subscription.organizationWide) entry.organizationWide = true;
  else entry.project = subscription.project;
  if (subscription.publisherId !== undefined) entry.publisherId = subscription.publisherId;
  entry.eventType = subscription.eventType;
  if (subscription.resourceVersion !== undefined) entry.resourceVersion = subscription.resourceVersion;
  if (Object.keys(subscription.publisherInputs).length > 0) entry.publisherInputs = subscription.publisherInputs;
  entry.consumerId = subscription.consumerId;
  entry.consumerActionId = subscription.consumerActionId;
  if (Object.keys(subscription.consumerInputs).length > 0) entry.consumerInputs = subscription.consumerInputs;
  if (subscription.enabled !== undefined) entry.enabled = subscription.enabled;
  if (subscription.allowInsecureUrl !== undefined) entry.allowInsecureUrl = subscription.allowInsecureUrl;
  return entry;
}

function headerLines(file: ExportFile, options: RenderOptions): string[] {
  const lines: string[] = [];
  if (options.schemaRef !== undefined) lines.push(`yaml-language-server: $schema=${options.schemaRef}`);
  const what = isOrganizationWide(file.project) ? "organization-wide subscriptions (no project)" : `project ${file.project.name}`;
  lines.push(`Exported by \`hookops export\` from ${options.organization}, ${what}.`);
  if (file.variables.length > 0) {
    lines.push("Secrets are never exported. Set these environment variables before `hookops apply`:");
    for (const variable of file.variables) lines.push(`  ${variable.name}  (${variable.subscription}: consumerInputs.${variable.input})`);
  }
  return lines;
}

export interface RenderOptions {
  /** Shown in the header comment. */
  organization: string;
  /** Path or URL of subscriptions.schema.json, for editors; no schema line when absent. */
  schemaRef?: string;
}

/** One `hooks/<project>.yaml` file, through the yaml Document API so quoting and layout stay stable. */
export function renderSubscriptionFile(file: ExportFile, options: RenderOptions): string {
  const document = new Document({ subscriptions: file.subscriptions.map(entryObject) });
  document.commentBefore = comment(headerLines(file, options));
  const sequence = document.get("subscriptions");
  if (!isSeq(sequence)) throw new Error("the subscriptions list did not build as a sequence");
  sequence.items.forEach((item, index) => {
    const subscription = file.subscriptions[index];
    if (!isMap(item) || !subscription) return;
    if (index > 0) item.spaceBefore = true;
    if (subscription.notes.length > 0) item.commentBefore = comment(subscription.notes);
    if (subscription.statusNote === undefined) return;
    const enabled = item.items.find((pair: Pair) => isScalar(pair.key) && pair.key.value === "enabled");
    if (enabled && isScalar(enabled.key)) enabled.key.commentBefore = comment([subscription.statusNote]);
  });
  return document.toString(TO_STRING_OPTIONS);
}

/** The hookops.yaml written beside a first export: the organization and where the files are. */
export function renderRootConfig(options: { organization: string; schemaRef?: string }): string {
  const document = new Document({ organization: options.organization, include: [DEFAULT_INCLUDE_PATTERN] });
  const lines: string[] = [];
  if (options.schemaRef !== undefined) lines.push(`yaml-language-server: $schema=${options.schemaRef}`);
  lines.push("Written by `hookops export`. Pruning is off until `prune.enabled: true`: plan and apply create and update, never delete.");
  document.commentBefore = comment(lines);
  return document.toString(TO_STRING_OPTIONS);
}
