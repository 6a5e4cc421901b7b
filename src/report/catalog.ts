import type { Catalog, ConsumerActionSpec, ConsumerSpec, EventTypeEntry, InputSpec } from "../catalog/index.js";
import { countOf } from "../util/text.js";
import { type CatalogTarget, entryNotes, exampleYaml, filterNotes, inputNotes, inputType, inputValues, isSecretInput } from "./catalog-model.js";

export { resolveCatalogTarget, type CatalogTarget } from "./catalog-model.js";

/** Rows as aligned columns; the last column is not padded. */
function table(header: readonly string[], rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: readonly string[]) =>
    `${indent}${cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join("  ")}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

function noted(text: string, notes: readonly string[]): string {
  return notes.length === 0 ? text : `${text} (${[...new Set(notes)].join(", ")})`;
}

/** `hookops catalog`: every publisher with its events, every consumer with its actions. */
export function renderCatalogText(catalog: Catalog): string {
  const events = catalog.publishers.reduce((total, publisher) => total + publisher.eventTypes.length, 0);
  const actions = catalog.consumers.reduce((total, consumer) => total + consumer.actions.length, 0);
  const lines = [`Events: ${countOf(events, "event type")} from ${countOf(catalog.publishers.length, "publisher")}`];
  for (const publisher of catalog.publishers) {
    lines.push("", noted(`${publisher.id} — ${publisher.name}`, entryNotes(publisher)));
    lines.push(
      ...table(
        ["event type", "name"],
        publisher.eventTypes.map((event) => [event.id, noted(event.name, entryNotes(event))]),
      ),
    );
  }
  lines.push("", `Consumers: ${countOf(catalog.consumers.length, "consumer")} with ${countOf(actions, "action")}`);
  lines.push(
    "",
    ...table(
      ["consumer", "action", "name"],
      catalog.consumers.flatMap((consumer) =>
        consumer.actions.map((action, index) => [
          index === 0 ? consumer.id : "",
          action.id,
          noted(`${consumer.name}: ${action.name}`, [...entryNotes(consumer), ...entryNotes(action)]),
        ]),
      ),
    ),
  );
  lines.push("", "Details: hookops catalog <eventType> | <consumerId> | <consumerId>/<actionId>");
  return `${lines.join("\n")}\n`;
}

function filterRows(filters: readonly InputSpec[]): string[][] {
  return filters.map((spec) => [spec.id, inputType(spec), inputValues(spec, "filter"), spec.names ? "yes" : "no", filterNotes(spec).join(", ")]);
}

function inputRows(consumerId: string, specs: readonly InputSpec[]): string[][] {
  return specs.map((spec) => {
    const notes = inputNotes(spec).filter((note) => !/^(required|secret|default )/.test(note));
    return [
      spec.id,
      inputType(spec),
      inputValues(spec, "input"),
      spec.required ? (spec.requiredUnless?.length ? `unless ${spec.requiredUnless.join(", ")}` : "yes") : "no",
      isSecretInput(consumerId, spec) ? "yes" : "no",
      spec.default ?? "",
      notes.join(", "),
    ];
  });
}

const INPUT_HEADER = ["input", "type", "values", "required", "secret", "default", "notes"];

function exampleLines(catalog: Catalog, target: CatalogTarget): string[] {
  return [
    "",
    "Example:",
    ...exampleYaml(catalog, target)
      .trimEnd()
      .split("\n")
      .map((line) => `  ${line}`),
  ];
}

function renderEvent(catalog: Catalog, { publisher, eventType }: EventTypeEntry): string[] {
  const lines = [noted(`${eventType.id} — ${eventType.name}`, entryNotes(eventType))];
  lines.push(`Publisher: ${noted(`${publisher.id} (${publisher.name})`, entryNotes(publisher))}${publisher.host === "release" ? ", on the release host" : ""}`);
  lines.push(`Resource versions: ${eventType.resourceVersions.join(", ")}`);
  if (eventType.formerIds?.length) lines.push(`Formerly written as: ${eventType.formerIds.join(", ")}`);
  lines.push("", "Filters (publisherInputs; the project comes from `project`):");
  if (eventType.filters.length === 0) lines.push("  none");
  else lines.push(...table(["filter", "type", "values", "names", "notes"], filterRows(eventType.filters)));
  return [...lines, ...exampleLines(catalog, { kind: "event", entry: { publisher, eventType } })];
}

function supported(action: ConsumerActionSpec): string {
  return action.supportedEventTypes.includes("*") ? "every event type" : action.supportedEventTypes.join(", ");
}

function renderAction(consumer: ConsumerSpec, action: ConsumerActionSpec): string[] {
  const lines = [noted(`${consumer.id}/${action.id} — ${action.name}`, entryNotes(action))];
  lines.push(`Events: ${supported(action)}`);
  lines.push(`resourceVersion: ${action.allowResourceVersionOverride ? "may be set" : "may not be set (the service refuses one)"}`);
  const specs = [...consumer.inputs, ...action.inputs];
  lines.push("", "Inputs (consumerInputs):");
  if (specs.length === 0) lines.push("  none");
  else lines.push(...table(INPUT_HEADER, inputRows(consumer.id, specs)));
  return lines;
}

function renderConsumer(catalog: Catalog, consumer: ConsumerSpec, only?: ConsumerActionSpec): string[] {
  const lines = [noted(`${consumer.id} — ${consumer.name}`, entryNotes(consumer))];
  const actions = only ? [only] : consumer.actions;
  if (!only) lines.push(`Actions: ${consumer.actions.map((action) => action.id).join(", ")}`);
  for (const action of actions) lines.push("", ...renderAction(consumer, action));
  const target: CatalogTarget = only ? { kind: "action", consumer, action: only } : { kind: "consumer", consumer };
  return [...lines, ...exampleLines(catalog, target)];
}

/** `hookops catalog <name>`: one event type, consumer or action in detail, with an example. */
export function renderCatalogTargetText(catalog: Catalog, target: CatalogTarget): string {
  const lines =
    target.kind === "event"
      ? renderEvent(catalog, target.entry)
      : target.kind === "consumer"
        ? renderConsumer(catalog, target.consumer)
        : renderConsumer(catalog, target.consumer, target.action);
  return `${lines.join("\n")}\n`;
}

function inputJson(spec: InputSpec, consumerId?: string): Record<string, unknown> {
  const values = spec.values ? { values: [...spec.values] } : {};
  return {
    id: spec.id,
    type: inputType(spec),
    ...values,
    required: spec.required === true,
    ...(spec.requiredUnless?.length ? { requiredUnless: [...spec.requiredUnless] } : {}),
    secret: consumerId === undefined ? spec.confidential === true : isSecretInput(consumerId, spec),
    ...(spec.default === undefined ? {} : { default: spec.default }),
    ...(spec.names ? { names: spec.names } : {}),
    ...(spec.dynamic ? { dynamic: true } : {}),
    ...(spec.pattern === undefined ? {} : { pattern: spec.pattern }),
    uncertain: spec.uncertain === true,
  };
}

function eventJson({ publisher, eventType }: EventTypeEntry): Record<string, unknown> {
  return {
    id: eventType.id,
    name: eventType.name,
    publisherId: publisher.id,
    resourceVersions: [...eventType.resourceVersions],
    filters: eventType.filters.map((filter) => inputJson(filter)),
    uncertain: eventType.uncertain === true || publisher.uncertain === true,
    unlisted: eventType.unlisted === true,
    deprecated: eventType.deprecated === true,
  };
}

function actionJson(consumer: ConsumerSpec, action: ConsumerActionSpec): Record<string, unknown> {
  return {
    id: action.id,
    name: action.name,
    supportedEventTypes: [...action.supportedEventTypes],
    allowResourceVersion: action.allowResourceVersionOverride === true,
    inputs: [...consumer.inputs, ...action.inputs].map((spec) => inputJson(spec, consumer.id)),
    uncertain: action.uncertain === true || consumer.uncertain === true,
  };
}

function consumerJson(consumer: ConsumerSpec, only?: ConsumerActionSpec): Record<string, unknown> {
  return {
    id: consumer.id,
    name: consumer.name,
    uncertain: consumer.uncertain === true,
    retired: consumer.retired === true,
    managedExternally: consumer.managedExternally === true,
    actions: (only ? [only] : consumer.actions).map((action) => actionJson(consumer, action)),
  };
}

/** `hookops catalog --json` (formatVersion 1), whole or for one name. */
export function renderCatalogJson(catalog: Catalog, target?: CatalogTarget): string {
  const body: Record<string, unknown> = { formatVersion: 1 };
  if (target === undefined) {
    body.publishers = catalog.publishers.map((publisher) => ({
      id: publisher.id,
      name: publisher.name,
      uncertain: publisher.uncertain === true,
      eventTypes: publisher.eventTypes.map((eventType) => eventJson({ publisher, eventType })),
    }));
    body.consumers = catalog.consumers.map((consumer) => consumerJson(consumer));
  } else if (target.kind === "event") {
    body.eventType = { ...eventJson(target.entry), example: exampleYaml(catalog, target) };
  } else {
    const only = target.kind === "action" ? target.action : undefined;
    body.consumer = { ...consumerJson(target.consumer, only), example: exampleYaml(catalog, target) };
  }
  return `${JSON.stringify(body, null, 2)}\n`;
}
