/**
 * Reads publisherInputs and consumerInputs from a POST/PUT body as the service does (REAL-SERVICE.md
 * R5, R7, R8): values trimmed, empty consumer inputs refused, unknown ids refused, masks resolved on PUT
 * only, then required, data type, length and pattern checked.
 */
import { MASKED_VALUE } from "../../ado/types.js";
import { type ConsumerActionSpec, type ConsumerSpec, catalog, type EventTypeSpec, type InputSpec, type PublisherSpec } from "../../catalog/index.js";
import { errors } from "../errors.js";
import type { SubscriptionRecord } from "../state/records.js";
import { inputProblem } from "./inputs.js";
import { replacesCatalogPattern, secretDependencies, serviceRuleProblem } from "./service-rules.js";

/** Publisher inputs the server itself adds or reads, whatever the publisher's descriptor lists. */
const SERVER_PUBLISHER_INPUTS: readonly string[] = ["projectId", "tfsSubscriptionId", "subscriberId", "hostId"];

export interface MaskContext {
  maskedEchoMode: "keep" | "reject";
  /** The stored subscription a PUT replaces; undefined on create. */
  existing?: SubscriptionRecord;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Inputs arrive as a JSON object of strings; numbers and booleans are read as their text, like the service does. */
function rawInputs(value: unknown, name: string): [string, string | null][] {
  if (value === undefined || value === null) return [];
  if (!isObject(value)) throw errors.argument(`${name} must be an object of input ids to string values.`);
  return Object.entries(value).map(([id, raw]) => {
    if (raw === null || raw === undefined) return [id, null];
    if (typeof raw === "string") return [id, raw.trim()];
    if (typeof raw === "number" || typeof raw === "boolean") return [id, String(raw)];
    throw errors.argument(`${name}.${id} must be a string.`);
  });
}

function refuseUnknown(inputs: Record<string, string>, known: ReadonlySet<string>, owner: string): void {
  for (const id of Object.keys(inputs)) {
    if (!known.has(id)) throw errors.subscriptionInput(`Unknown subscription input '${id}' for ${owner}.`);
  }
}

type ProblemCheck = (spec: InputSpec, value: string) => string | undefined;

function checkValues(specs: readonly InputSpec[], inputs: Record<string, string>, problemOf: ProblemCheck = inputProblem): void {
  for (const spec of specs) {
    const value = inputs[spec.id];
    const satisfiedOtherwise = spec.requiredUnless?.some((other) => (inputs[other] ?? "") !== "") ?? false;
    if (spec.required && !spec.uncertain && !satisfiedOtherwise && (value === undefined || value === "")) {
      throw errors.subscriptionInput(`The subscription is missing required input '${spec.id}'.`);
    }
  }
  for (const spec of specs) {
    const value = inputs[spec.id];
    if (value === undefined) continue;
    const problem = problemOf(spec, value);
    if (problem) throw errors.subscriptionInput(problem);
  }
}

/** "" means "any" for a filter; a null filter is left out. */
export function readPublisherInputs(value: unknown, publisher: PublisherSpec, event: EventTypeSpec): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [id, text] of rawInputs(value, "publisherInputs")) if (text !== null) inputs[id] = text;
  const specs = [...publisher.inputs, ...event.filters];
  // The catalog cannot list every input of an uncertain publisher or event; refusing them would refuse real ones.
  if (!publisher.uncertain && !event.uncertain) {
    const known = new Set([...specs.map((spec) => spec.id), ...publisher.serverAddedInputs, ...SERVER_PUBLISHER_INPUTS]);
    refuseUnknown(inputs, known, `publisher '${publisher.id}' and event type '${event.id}'`);
  }
  checkValues(specs, inputs);
  return inputs;
}

/** On PUT, a masked secret stands for the stored one while the inputs it depends on are unchanged. */
function resolveMask(spec: InputSpec, inputs: Record<string, string>, consumerId: string, actionId: string, context: MaskContext): string {
  const { existing } = context;
  if (!existing || existing.consumerId !== consumerId || existing.consumerActionId !== actionId) {
    throw errors.subscriptionInput(`The value of subscription input '${spec.id}' can not be masked; send its real value.`);
  }
  if (context.maskedEchoMode === "reject") {
    throw errors.subscriptionInput(`Subscription input '${spec.id}' is confidential and was sent as the mask "${MASKED_VALUE}"; send the real value.`);
  }
  const stored = existing.consumerInputs[spec.id];
  if (stored === undefined || stored.trim() === "") {
    throw errors.subscriptionInput(`Subscription input '${spec.id}' was sent as the mask "${MASKED_VALUE}" but no value is stored to keep.`);
  }
  for (const dependency of secretDependencies(consumerId, actionId, spec)) {
    if ((inputs[dependency] ?? "") !== (existing.consumerInputs[dependency] ?? "").trim()) {
      throw errors.subscriptionInput(
        `The value of subscription input '${spec.id}' can not be masked because the input '${dependency}' it depends on changed; send its real value.`,
      );
    }
  }
  return stored;
}

export function readConsumerInputs(value: unknown, consumer: ConsumerSpec, action: ConsumerActionSpec, context: MaskContext): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [id, text] of rawInputs(value, "consumerInputs")) {
    if (text === null || text === "") throw errors.subscriptionInput(`The subscription input '${id}' is missing required element 'Value'.`);
    inputs[id] = text;
  }
  const specs = catalog.consumerInputs(consumer.id, action.id);
  if (!consumer.uncertain && !action.uncertain) {
    refuseUnknown(inputs, new Set(specs.map((spec) => spec.id)), `consumer '${consumer.id}' and action '${action.id}'`);
  }
  for (const spec of specs) {
    if (spec.confidential && inputs[spec.id] === MASKED_VALUE) inputs[spec.id] = resolveMask(spec, inputs, consumer.id, action.id, context);
  }
  checkValues(specs, inputs, (spec, text) => {
    const skipPattern = replacesCatalogPattern(consumer.id, action.id, spec.id);
    return inputProblem(spec, text, { skipPattern }) ?? (spec.uncertain ? undefined : serviceRuleProblem(consumer.id, action.id, spec.id, text));
  });
  return inputs;
}
