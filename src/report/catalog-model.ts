import type { Catalog, ConsumerActionSpec, ConsumerSpec, EventTypeEntry, InputSpec } from "../catalog/index.js";
import { isUrlSecretByNature } from "../catalog/sensitive.js";
import { inert } from "../util/inert.js";
import { closest } from "../util/suggest.js";
import { quotedList } from "../util/text.js";

/** What `hookops catalog <name>` names: an event type, a consumer, or one consumer's action. */
export type CatalogTarget =
  | { kind: "event"; entry: EventTypeEntry }
  | { kind: "consumer"; consumer: ConsumerSpec }
  | { kind: "action"; consumer: ConsumerSpec; action: ConsumerActionSpec };

function findId<T extends { id: string }>(items: readonly T[], name: string): T | undefined {
  const exact = items.find((item) => item.id === name);
  if (exact) return exact;
  const folded = items.filter((item) => item.id.toLowerCase() === name.toLowerCase());
  return folded.length === 1 ? folded[0] : undefined;
}

function allEvents(catalog: Catalog): EventTypeEntry[] {
  return catalog.publishers.flatMap((publisher) => publisher.eventTypes.map((eventType) => ({ publisher, eventType })));
}

function didYouMeanList(names: string[]): string {
  return names.length === 0 ? "" : ` Did you mean ${quotedList(names)}?`;
}

/** The event type, consumer or consumer/action a name stands for (ids compared exactly, else without regard to case), or why none. */
export function resolveCatalogTarget(catalog: Catalog, name: string): CatalogTarget | { error: string } {
  const slash = name.indexOf("/");
  if (slash > 0) {
    const consumerName = name.slice(0, slash);
    const actionName = name.slice(slash + 1);
    const consumer = findId(catalog.consumers, consumerName);
    if (!consumer)
      return {
        error: `unknown consumer "${inert(consumerName)}".${didYouMeanList(closest(consumerName, catalog.consumerIds()))} Run "hookops catalog" for the list.`,
      };
    const action = findId(consumer.actions, actionName);
    if (!action) {
      const known = consumer.actions.map((candidate) => candidate.id);
      const close = closest(actionName, known);
      const hint = close.length > 0 ? didYouMeanList(close) : ` Its actions: ${quotedList(known)}.`;
      return { error: `unknown action "${inert(actionName)}" of consumer "${consumer.id}".${hint}` };
    }
    return { kind: "action", consumer, action };
  }
  const event =
    findId(
      allEvents(catalog).map((entry) => ({ id: entry.eventType.id, entry })),
      name,
    )?.entry ?? catalog.eventTypeByFormerId(name);
  if (event) return { kind: "event", entry: event };
  const consumer = findId(catalog.consumers, name);
  if (consumer) return { kind: "consumer", consumer };
  const known = [...catalog.eventTypeIds(), ...catalog.consumerIds(), ...catalog.consumers.flatMap((c) => c.actions.map((a) => `${c.id}/${a.id}`))];
  return {
    error: `"${inert(name)}" is neither an event type nor a consumer in the catalog.${didYouMeanList(closest(name, known))} Run "hookops catalog" for the list.`,
  };
}

/** An input's type as the service describes it (every value is a string on the wire). */
export function inputType(spec: InputSpec): string {
  return spec.dataType ?? "string";
}

/** The values an input takes, in words: the listed ones, what the service fills in, or where they come from. */
export function inputValues(spec: InputSpec, kind: "filter" | "input"): string {
  const listed = (spec.values ?? []).filter((value) => value !== "");
  const parts: string[] = [];
  if (listed.length > 0) {
    const empty = (spec.values ?? []).includes("") ? (kind === "filter" ? ', "" (any)' : ', "" (default)') : "";
    parts.push(`${listed.map((value) => `"${value}"`).join(", ")}${empty}`);
  } else if (spec.dynamic) parts.push("the organization's");
  if (spec.names) parts.push(`id or name (${spec.names})`);
  if (spec.pattern !== undefined) parts.push(`pattern ${spec.pattern}`);
  if (spec.minValue !== undefined || spec.maxValue !== undefined) parts.push(`${spec.minValue ?? "…"}–${spec.maxValue ?? "…"}`);
  if (spec.minLength !== undefined || spec.maxLength !== undefined) parts.push(`length ${spec.minLength ?? 0}–${spec.maxLength ?? "…"}`);
  return parts.join("; ") || "any";
}

/** Required, secret, default and confidence notes of an input, in words. */
export function inputNotes(spec: InputSpec): string[] {
  const notes: string[] = [];
  if (spec.required) {
    notes.push(spec.requiredUnless && spec.requiredUnless.length > 0 ? `required unless ${quotedList(spec.requiredUnless)}` : "required");
  }
  if (spec.confidential) notes.push("secret");
  if (spec.default !== undefined) notes.push(`default "${spec.default}"`);
  if (spec.dependsOn && spec.dependsOn.length > 0) notes.push(`depends on ${quotedList(spec.dependsOn)}`);
  if (spec.uncertain) notes.push("unconfirmed");
  return notes;
}

/** Filters hookops sets itself: projectId comes from the subscription's `project`. */
const RESERVED_FILTERS: ReadonlySet<string> = new Set(["projectId"]);

/** A filter's notes, with the ones hookops sets itself said so. */
export function filterNotes(spec: InputSpec): string[] {
  return RESERVED_FILTERS.has(spec.id) ? ["set from `project`, not written here", ...inputNotes(spec)] : inputNotes(spec);
}

/** Whether the input holds a credential: confidential, or an incoming-webhook URL of a chat tool. */
export function isSecretInput(consumerId: string, spec: InputSpec): boolean {
  return spec.confidential === true || isUrlSecretByNature(consumerId, spec.id, "https://example.invalid/");
}

/** Notes on an event type, consumer or action: how far the catalog vouches for it. */
export function entryNotes(item: { uncertain?: boolean; deprecated?: boolean; unlisted?: boolean; retired?: boolean; managedExternally?: boolean }): string[] {
  const notes: string[] = [];
  if (item.uncertain) notes.push("unconfirmed");
  if (item.deprecated) notes.push("deprecated");
  if (item.unlisted) notes.push("never listed by the service: needs allowUnlistedEvent and a pinned id");
  if (item.retired) notes.push("retired");
  if (item.managedExternally) notes.push("created from the other side");
  return notes;
}

function environmentName(...parts: string[]): string {
  return parts
    .join("_")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

function exampleInputValue(consumerId: string, spec: InputSpec): string {
  return isSecretInput(consumerId, spec) ? `\${env:${environmentName(consumerId, spec.id)}}` : sampleValue(spec);
}

/** A value of the input's form: its default, a listed value, else one made up for its type. */
function sampleValue(spec: InputSpec): string {
  if (spec.default !== undefined) return spec.default;
  const listed = (spec.values ?? []).find((value) => value !== "");
  if (listed !== undefined) return listed;
  switch (spec.dataType) {
    case "uri":
      return "https://hooks.example.com/ado";
    case "number":
      return String(spec.minValue ?? 1);
    case "guid":
      return "00000000-0000-0000-0000-000000000000";
    case "boolean":
      return "true";
    default:
      return `my-${spec.id.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}`.slice(0, spec.maxLength);
  }
}

/** A YAML scalar: plain when YAML reads it back as this string, else double-quoted. */
function yamlScalar(value: string): string {
  const plain = /^[A-Za-z_][\w./:-]*$/.test(value) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(value) && !/:\s|#/.test(value);
  return plain ? value : JSON.stringify(value);
}

/** The inputs an example sets: the required ones, else the first. */
function exampleInputs(consumer: ConsumerSpec, action: ConsumerActionSpec): [string, string][] {
  const specs = [...consumer.inputs, ...action.inputs];
  // Required inputs with a service default too: validate asks for them to be explicit.
  const required = specs.filter((spec) => spec.required);
  const chosen = required.length > 0 ? required : specs.slice(0, 1);
  return chosen.map((spec) => [spec.id, yamlScalar(exampleInputValue(consumer.id, spec))]);
}

/** An optional filter without listed values is left empty: "" means any. */
function exampleFilterValue(spec: InputSpec): string {
  const open = !spec.required && spec.default === undefined && !(spec.values ?? []).some((value) => value !== "");
  return open ? '""' : yamlScalar(sampleValue(spec));
}

/** A subscription file using the event (to Web Hooks) or the action (on build.complete), as a user would start one. */
export function exampleYaml(catalog: Catalog, target: CatalogTarget): string {
  const consumer = target.kind === "event" ? catalog.consumer("webHooks") : target.consumer;
  const action = target.kind === "event" ? catalog.action("webHooks", "httpRequest") : target.kind === "action" ? target.action : target.consumer.actions[0];
  const firstSupported = action?.supportedEventTypes.find((id) => id !== "*");
  const event =
    target.kind === "event"
      ? target.entry
      : catalog.eventType(action?.supportedEventTypes.includes("*") ? "build.complete" : (firstSupported ?? "build.complete"));
  const eventId = event?.eventType.id ?? "build.complete";
  const lines = ["subscriptions:", `  - name: ${eventId.replace(/^ms\.vss-[a-z-]+\./, "").replace(/[^A-Za-z0-9]+/g, "-")}-to-${consumer?.id ?? "consumer"}`];
  lines.push("    project: MyProject", `    eventType: ${yamlScalar(eventId)}`);
  if (event?.eventType.unlisted) lines.push("    allowUnlistedEvent: true");
  // An action's example sets only the filters its event requires.
  const filters = (event?.eventType.filters ?? []).filter((filter) => !RESERVED_FILTERS.has(filter.id) && (target.kind === "event" || filter.required));
  if (filters.length > 0) {
    lines.push("    publisherInputs:");
    for (const filter of filters) lines.push(`      ${filter.id}: ${exampleFilterValue(filter)}`);
  }
  if (consumer && action) {
    lines.push(`    consumerId: ${consumer.id}`, `    consumerActionId: ${action.id}`);
    const inputs = exampleInputs(consumer, action);
    if (inputs.length > 0) {
      lines.push("    consumerInputs:");
      for (const [id, value] of inputs) lines.push(`      ${id}: ${value}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
