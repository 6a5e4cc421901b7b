import type { Catalog, ConsumerActionSpec, ConsumerSpec, EventTypeEntry, InputSpec } from "../catalog/index.js";
import { eventSpecs } from "../config/rules/specs.js";
import { entryNotes, filterNotes, inputNotes, inputType, inputValues, isSecretInput } from "./catalog-model.js";

type Schema = Record<string, unknown>;

/*
 * The catalog's part of the JSON schemas: per event type and per consumer action, which filters and
 * inputs exist, with their values, defaults and flags as titles, descriptions and examples, so an
 * editor completes and explains them. They describe and never refuse: a value outside a list is
 * accepted by the service (REAL-SERVICE.md R7) and only warned about, and a required input may come
 * from `defaults` in hookops.yaml, which the schema of one file cannot see. The rules that refuse
 * (unknown ids, missing required inputs, literal secrets) run in `validate` on the merged
 * subscription, so they are reported once, with defaults taken into account.
 */

/** Every JSON type: ajv's strict mode wants a type next to `properties`, and these describe without refusing (the base schema checks the type). */
const ANY_TYPE = ["object", "array", "string", "number", "boolean", "null"];

const REFERENCE_NOTE = "A `${env:NAME}` or `${file:path}` reference is accepted wherever a value is.";

function sentence(text: string): string {
  return text === "" ? "" : `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function examples(spec: InputSpec, secret: boolean): Schema {
  if (secret) return { examples: [`\${env:${spec.id.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase()}}`] };
  const listed = (spec.values ?? []).filter((value) => value !== "");
  if (listed.length > 0) return { examples: listed };
  return spec.default === undefined ? {} : { examples: [spec.default] };
}

function filterSchema(spec: InputSpec): Schema {
  const values = inputValues(spec, "filter");
  const parts = [
    `A ${inputType(spec)}.`,
    values === "any" ? "" : `Values: ${values}.`,
    (spec.values ?? []).length > 0 ? "Another value is accepted but an event may never match it." : "",
    spec.names ? "A name is looked up when planning." : "",
    sentence(filterNotes(spec).join(", ")),
  ];
  return { title: spec.id, description: parts.filter((part) => part !== "").join(" "), ...examples(spec, false) };
}

function inputSchema(consumer: ConsumerSpec, spec: InputSpec): Schema {
  const secret = isSecretInput(consumer.id, spec);
  const values = inputValues(spec, "input");
  const parts = [
    `A ${inputType(spec)}.`,
    values === "any" ? "" : `Values: ${values}.`,
    sentence(
      inputNotes(spec)
        .filter((note) => note !== "secret")
        .join(", "),
    ),
    secret ? "A secret: write a `${env:NAME}` or `${file:path}` reference, never the value." : "",
  ];
  return {
    title: spec.id,
    description: parts.filter((part) => part !== "").join(" "),
    ...(spec.default === undefined ? {} : { default: spec.default }),
    ...examples(spec, secret),
    ...(secret ? { writeOnly: true } : {}),
  };
}

/** A JSON Schema if/then pair: plain data, never awaited. */
function ifThen(condition: Schema, consequence: Schema): Schema {
  // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
  return { if: condition, then: consequence };
}

function described(notes: readonly string[]): string {
  return notes.length === 0 ? "" : ` (${[...new Set(notes)].join(", ")})`;
}

/**
 * Where the catalog is certain, a key it does not list is one validate reports as an error, so the
 * schema rejects it too (editors underline it); uncertain entries stay open. `null` stays allowed:
 * it removes a value inherited from defaults.
 */
function knownKeysOnly(certain: boolean): Schema {
  return certain
    ? { additionalProperties: { type: "null", description: "Not an input of this event or action; only null (removing an inherited value) is allowed." } }
    : {};
}

function eventRule(entry: EventTypeEntry): Schema {
  const { eventType } = entry;
  const specs = eventSpecs(entry).list;
  const properties = Object.fromEntries(specs.map((spec) => [spec.id, filterSchema(spec)]));
  const certain = eventType.uncertain !== true && entry.publisher.uncertain !== true;
  return ifThen(
    {
      type: "object",
      required: ["eventType"],
      properties: { eventType: { title: "Event type", description: eventType.name, const: eventType.id } },
    },
    {
      type: "object",
      properties: {
        publisherInputs: {
          type: ANY_TYPE,
          title: "Event filters",
          description: `Filters of ${eventType.name}${described(entryNotes(eventType))}: ${specs.map((spec) => spec.id).join(", ") || "none"}. ${REFERENCE_NOTE}`,
          properties,
          ...knownKeysOnly(certain),
        },
      },
    },
  );
}

function actionRule(consumer: ConsumerSpec, action: ConsumerActionSpec): Schema {
  const specs = [...consumer.inputs, ...action.inputs];
  const required = specs.filter((spec) => spec.required).map((spec) => spec.id);
  const notes = described([...entryNotes(consumer), ...entryNotes(action)]);
  return ifThen(
    {
      type: "object",
      required: ["consumerId", "consumerActionId"],
      properties: {
        consumerId: { title: "Consumer id", description: consumer.name, const: consumer.id },
        consumerActionId: { title: "Consumer action id", description: action.name, const: action.id },
      },
    },
    {
      type: "object",
      properties: {
        consumerInputs: {
          type: ANY_TYPE,
          title: "Consumer inputs",
          description: `Inputs of ${consumer.name}: ${action.name}${notes}. Required: ${required.join(", ") || "none"}. ${REFERENCE_NOTE}`,
          properties: Object.fromEntries(specs.map((spec) => [spec.id, inputSchema(consumer, spec)])),
          ...knownKeysOnly(consumer.uncertain !== true && action.uncertain !== true),
        },
      },
    },
  );
}

/** The `$defs` entries the schemas' subscriptions and defaults refer to: one if/then per event type and per consumer action. */
export function catalogSchemaDefs(catalog: Catalog): { catalogEvents: Schema; catalogConsumers: Schema } {
  const events = catalog.publishers.flatMap((publisher) => publisher.eventTypes.map((eventType) => eventRule({ publisher, eventType })));
  const actions = catalog.consumers.flatMap((consumer) => consumer.actions.map((action) => actionRule(consumer, action)));
  return {
    catalogEvents: {
      title: "Event filters by event type",
      description:
        "The filters the catalog knows for each event type, for editors; where the catalog is certain, other filter names are rejected, as validate rejects them.",
      allOf: events,
    },
    catalogConsumers: {
      title: "Consumer inputs by consumer action",
      description:
        "The inputs the catalog knows for each consumer action, for editors; where the catalog is certain, other input names are rejected, as validate rejects them. Missing required inputs (they may come from defaults) are reported by validate.",
      allOf: actions,
    },
  };
}

/** A committed schema with its catalog part regenerated: what `npm run schema:catalog` writes. */
export function withCatalogRules(schema: Schema, catalog: Catalog, at: "subscription" | "defaults"): Schema {
  const defs: Schema = { ...(schema.$defs as Schema | undefined), ...catalogSchemaDefs(catalog) };
  const rules = { allOf: [{ $ref: "#/$defs/catalogEvents" }, { $ref: "#/$defs/catalogConsumers" }] };
  if (at === "subscription") {
    const subscription = { ...(defs.subscription as Schema), ...rules };
    return { ...schema, $defs: { ...defs, subscription } };
  }
  const properties = schema.properties as Schema;
  const defaults = { ...(properties.defaults as Schema), ...rules };
  return { ...schema, properties: { ...properties, defaults }, $defs: defs };
}
