/** Turns a POST/PUT body into a subscription the emulator may store, or throws the service's 400. */
import { MASKED_VALUE, SUBSCRIPTION_STATUSES, type SubscriptionStatus } from "../../ado/types.js";
import { catalog, type InputSpec } from "../../catalog/index.js";
import { errors } from "../errors.js";
import { isGuid } from "../random.js";
import { findProject } from "../state/projects.js";
import type { SubscriptionRecord } from "../state/records.js";
import type { HostKind } from "../types.js";
import { inputProblem } from "./inputs.js";

export interface ValidSubscription {
  publisherId: string;
  eventType: string;
  resourceVersion: string | null;
  consumerId: string;
  consumerActionId: string;
  status: SubscriptionStatus;
  publisherInputs: Record<string, string>;
  consumerInputs: Record<string, string>;
}

export interface ValidationContext {
  host: HostKind;
  maskedEchoMode: "keep" | "reject";
  /** The stored subscription a PUT replaces. */
  existing?: SubscriptionRecord;
}

const CLIENT_STATUSES: readonly SubscriptionStatus[] = ["enabled", "disabledByUser"];

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

/** Inputs arrive as a JSON object of strings; numbers and booleans are read as their text, like the service does. */
function inputMap(value: unknown, name: string): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw errors.argument(`${name} must be an object of input ids to string values.`);
  const result: Record<string, string> = {};
  for (const [id, raw] of Object.entries(value)) {
    if (raw === null || raw === undefined) continue;
    if (typeof raw === "string") result[id] = raw;
    else if (typeof raw === "number" || typeof raw === "boolean") result[id] = String(raw);
    else throw errors.argument(`${name}.${id} must be a string.`);
  }
  return result;
}

function parseStatus(value: unknown): SubscriptionStatus {
  if (value === undefined || value === null) return "enabled";
  const status = SUBSCRIPTION_STATUSES.find((candidate) => typeof value === "string" && candidate.toLowerCase() === value.toLowerCase());
  if (!status) throw errors.argument(`'${String(value)}' is not a subscription status.`);
  if (!CLIENT_STATUSES.includes(status)) {
    throw errors.serviceHook(`The status '${status}' is set by the service only; a subscription can be set to 'enabled' or 'disabledByUser'.`);
  }
  return status;
}

function resolveMaskedSecrets(consumerInputs: Record<string, string>, confidential: Set<string>, context: ValidationContext): void {
  for (const id of confidential) {
    if (consumerInputs[id] !== MASKED_VALUE) continue;
    if (context.maskedEchoMode === "reject") {
      throw errors.subscriptionInput(`Subscription input '${id}' is confidential and was sent as the mask "${MASKED_VALUE}"; send the real value.`);
    }
    if (!context.existing) continue;
    const stored = context.existing.consumerInputs[id];
    if (stored === undefined || stored === "") {
      throw errors.subscriptionInput(`Subscription input '${id}' was sent as the mask "${MASKED_VALUE}" but no value is stored to keep.`);
    }
    consumerInputs[id] = stored;
  }
}

function checkInputs(specs: readonly InputSpec[], inputs: Record<string, string>): void {
  for (const spec of specs) {
    const value = inputs[spec.id];
    if (spec.required && !spec.uncertain && (value === undefined || value === "")) {
      throw errors.subscriptionInput(`The subscription is missing required input '${spec.id}'.`);
    }
  }
  for (const spec of specs) {
    const value = inputs[spec.id];
    if (value === undefined) continue;
    const problem = inputProblem(spec, value);
    if (problem) throw errors.subscriptionInput(problem);
  }
}

function checkProject(publisherInputs: Record<string, string>): void {
  const projectId = publisherInputs.projectId;
  if (projectId === undefined || projectId === "") return;
  if (!isGuid(projectId) || !findProject(projectId)) throw errors.projectNotFound(projectId, 400);
}

export function validateSubscription(body: unknown, context: ValidationContext): ValidSubscription {
  if (!isObject(body)) throw errors.nullBody("subscription");
  const publisherId = text(body.publisherId);
  const publisher = catalog.publisher(publisherId);
  if (!publisher) throw errors.publisherNotFound(publisherId);
  const eventType = text(body.eventType);
  const event = publisher.eventTypes.find((candidate) => candidate.id === eventType);
  if (!event) throw errors.eventTypeNotFound(eventType, publisherId);
  const consumerId = text(body.consumerId);
  if (!catalog.consumer(consumerId)) throw errors.consumerNotFound(consumerId);
  const consumerActionId = text(body.consumerActionId);
  const action = catalog.action(consumerId, consumerActionId);
  if (!action) throw errors.actionNotFound(consumerActionId, consumerId);

  if ((publisher.host === "release") !== (context.host === "release")) throw errors.noRegisteredHandler(eventType);
  if (!action.supportedEventTypes.includes("*") && !action.supportedEventTypes.includes(eventType)) {
    throw errors.serviceHook(`The consumer action '${consumerActionId}' of consumer '${consumerId}' does not support the event type '${eventType}'.`);
  }

  const status = parseStatus(body.status);
  const resourceVersion = body.resourceVersion;
  if (resourceVersion !== undefined && resourceVersion !== null && typeof resourceVersion !== "string") {
    throw errors.argument("resourceVersion must be a string.");
  }
  const publisherInputs = inputMap(body.publisherInputs, "publisherInputs");
  const consumerInputs = inputMap(body.consumerInputs, "consumerInputs");
  resolveMaskedSecrets(consumerInputs, catalog.confidentialInputs(consumerId, consumerActionId), context);

  checkInputs([...publisher.inputs, ...event.filters], publisherInputs);
  checkInputs(catalog.consumerInputs(consumerId, consumerActionId), consumerInputs);
  checkProject(publisherInputs);

  return {
    publisherId,
    eventType,
    resourceVersion: typeof resourceVersion === "string" ? resourceVersion : null,
    consumerId,
    consumerActionId,
    status,
    publisherInputs,
    consumerInputs,
  };
}
