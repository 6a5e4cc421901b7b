/** Publisher, event type, consumer and action descriptors in the service's shapes, built from the catalog. */
import { catalog, type ConsumerActionSpec, type ConsumerSpec, type EventTypeSpec, type InputSpec, type PublisherSpec } from "../../catalog/index.js";
import { humanize } from "./text.js";

/** Service instance types the service reports for its publishers; `rm` is served by the release host. */
const SERVICE_INSTANCE_TYPES = {
  default: "00025394-6065-48ca-87d9-7f5672854ef7",
  release: "0000000d-0000-8888-8000-000000000000",
} as const;

type InputRole = "scope" | "filter" | "consumer";

const OUTPUT_OPTIONS = new Set(["resourceDetailsToSend", "messagesToSend", "detailedMessagesToSend"]);

function displayValue(inputId: string, value: string, role: InputRole): string {
  if (value !== "") return humanize(value);
  return role === "filter" ? "[Any]" : OUTPUT_OPTIONS.has(inputId) ? "All" : "";
}

function inputMode(spec: InputSpec, role: InputRole): string {
  if (role === "scope") return "none";
  if (spec.confidential) return "passwordBox";
  if (spec.values || spec.dynamic) return "combo";
  if (spec.dataType === "boolean") return "checkBox";
  return "textBox";
}

function validation(spec: InputSpec): Record<string, unknown> {
  const result: Record<string, unknown> = { dataType: spec.dataType ?? "string" };
  if (spec.required) result.isRequired = true;
  if (spec.pattern !== undefined) result.pattern = spec.pattern;
  if (spec.minLength !== undefined) result.minLength = spec.minLength;
  if (spec.maxLength !== undefined) result.maxLength = spec.maxLength;
  if (spec.minValue !== undefined) result.minValue = spec.minValue;
  if (spec.maxValue !== undefined) result.maxValue = spec.maxValue;
  return result;
}

function values(spec: InputSpec, role: InputRole): Record<string, unknown> | undefined {
  const listed = spec.values ?? (role === "filter" && spec.dynamic ? [""] : undefined);
  if (!listed) return role === "filter" || spec.default !== undefined ? { defaultValue: spec.default ?? "" } : undefined;
  return {
    inputId: spec.id,
    defaultValue: spec.default ?? "",
    possibleValues: listed.map((value) => ({ value, displayValue: displayValue(spec.id, value, role) })),
    isLimitedToPossibleValues: true,
  };
}

function inputDescriptor(spec: InputSpec, role: InputRole, keyInputs: ReadonlySet<string>): Record<string, unknown> {
  const descriptor: Record<string, unknown> = {
    id: spec.id,
    name: humanize(spec.id),
    description: "",
    inputMode: inputMode(spec, role),
    isConfidential: spec.confidential === true,
    useInDefaultDescription: keyInputs.has(spec.id),
    validation: validation(spec),
  };
  const possible = values(spec, role);
  if (possible) descriptor.values = possible;
  if (spec.dynamic) descriptor.hasDynamicValueInformation = true;
  if (spec.dependsOn && spec.dependsOn.length > 0) descriptor.dependencyInputIds = [...spec.dependsOn];
  return descriptor;
}

const NO_KEYS: ReadonlySet<string> = new Set();

export function eventTypeDescriptor(publisher: PublisherSpec, eventType: EventTypeSpec, baseUrl: string): Record<string, unknown> {
  return {
    publisherId: publisher.id,
    id: eventType.id,
    url: `${baseUrl}/_apis/hooks/publishers/${publisher.id}/eventTypes/${eventType.id}`,
    name: eventType.name,
    description: `${eventType.name} (${publisher.name})`,
    supportedResourceVersions: [...eventType.resourceVersions],
    inputDescriptors: eventType.filters.map((filter) => inputDescriptor(filter, "filter", NO_KEYS)),
  };
}

export function publisherDescriptor(publisher: PublisherSpec, baseUrl: string): Record<string, unknown> {
  return {
    id: publisher.id,
    url: `${baseUrl}/_apis/hooks/publishers/${publisher.id}`,
    name: publisher.name,
    description: `Publishes ${publisher.name} events`,
    supportedEvents: publisher.eventTypes.map((eventType) => eventTypeDescriptor(publisher, eventType, baseUrl)),
    inputDescriptors: publisher.inputs.map((input) => inputDescriptor(input, "scope", NO_KEYS)),
    serviceInstanceType: SERVICE_INSTANCE_TYPES[publisher.host],
  };
}

function resourceVersionsByEvent(action: ConsumerActionSpec): Record<string, string[]> {
  if (action.supportedEventTypes.includes("*")) return {};
  const result: Record<string, string[]> = {};
  for (const eventTypeId of action.supportedEventTypes) {
    const entry = catalog.eventType(eventTypeId);
    if (entry) result[eventTypeId] = [...entry.eventType.resourceVersions];
  }
  return result;
}

export function actionDescriptor(consumer: ConsumerSpec, action: ConsumerActionSpec, baseUrl: string): Record<string, unknown> {
  const descriptor: Record<string, unknown> = {
    id: action.id,
    consumerId: consumer.id,
    url: `${baseUrl}/_apis/hooks/consumers/${consumer.id}/actions/${action.id}`,
    name: action.name,
    description: `${action.name} (${consumer.name})`,
    supportedEventTypes: [...action.supportedEventTypes],
    supportedResourceVersions: resourceVersionsByEvent(action),
  };
  if (action.allowResourceVersionOverride) descriptor.allowResourceVersionOverride = true;
  descriptor.inputDescriptors = action.inputs.map((input) => inputDescriptor(input, "consumer", new Set(action.keyInputs)));
  return descriptor;
}

/** Whether the action takes at least one event of the publisher. */
export function actionSupportsPublisher(action: ConsumerActionSpec, publisherId: string): boolean {
  const publisher = catalog.publisher(publisherId);
  if (!publisher) return false;
  if (action.supportedEventTypes.includes("*")) return true;
  return publisher.eventTypes.some((eventType) => action.supportedEventTypes.includes(eventType.id));
}

export function consumerDescriptor(consumer: ConsumerSpec, baseUrl: string, publisherId?: string): Record<string, unknown> {
  const actions = publisherId === undefined ? consumer.actions : consumer.actions.filter((action) => actionSupportsPublisher(action, publisherId));
  const keyInputs = new Set(consumer.actions.flatMap((action) => action.keyInputs));
  const descriptor: Record<string, unknown> = {
    id: consumer.id,
    url: `${baseUrl}/_apis/hooks/consumers/${consumer.id}`,
    name: consumer.name,
    description: consumer.retired ? `${consumer.name} (service retired)` : `Sends events to ${consumer.name}`,
    informationUrl: "",
    authenticationType: consumer.authenticationType ?? "none",
    inputDescriptors: consumer.inputs.map((input) => inputDescriptor(input, "consumer", keyInputs)),
    actions: actions.map((action) => actionDescriptor(consumer, action, baseUrl)),
  };
  if (consumer.managedExternally) descriptor.externalConfiguration = { editSubscriptionPropertyName: "editSubscriptionUrl" };
  return descriptor;
}
