import type { Consumer, ConsumerAction, EventTypeDescriptor, InputDescriptor, Publisher, SubscriptionHost } from "../../ado/types.js";
import { Catalog, catalog } from "../../catalog/index.js";
import type { ConsumerActionSpec, ConsumerSpec, EventTypeSpec, InputSpec, PublisherSpec } from "../../catalog/types.js";
import type { HostMetadata } from "./metadata.js";
import { possibleValues } from "./values.js";

/*
 * The catalog one host describes, in the shipped catalog's shapes. What exists (publishers, events,
 * filters, consumers, actions, inputs), what is required, each input's checks and the versions come
 * from the descriptors; nothing in it is `uncertain`, since a descriptor confirms it. What the
 * service does not describe comes from the shipped catalog: retired, deprecated and unlisted
 * entries, inputs that name resources, other ways to authenticate, natural keys and server-added
 * inputs. Secrets stay secret when either says so.
 */

type DataType = NonNullable<InputSpec["dataType"]>;
const DATA_TYPES: readonly string[] = ["string", "number", "boolean", "guid", "uri"] satisfies DataType[];

function isDataType(value: unknown): value is DataType {
  return typeof value === "string" && DATA_TYPES.includes(value);
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function liveInput(descriptor: InputDescriptor, shipped: InputSpec | undefined): InputSpec {
  const validation = descriptor.validation ?? {};
  const live = possibleValues(descriptor);
  const dataType = typeof validation.dataType === "string" ? validation.dataType.toLowerCase() : undefined;
  return {
    id: descriptor.id,
    required: validation.isRequired === true,
    confidential: descriptor.isConfidential === true || shipped?.confidential === true,
    // The URL and GUID rules are hookops' own too, so the catalog's type stands where the descriptor gives none.
    dataType: isDataType(dataType) ? dataType : shipped?.dataType,
    // The service checks these, so only the descriptor's count.
    pattern: text(validation.pattern),
    minLength: number(validation.minLength),
    maxLength: number(validation.maxLength),
    minValue: number(validation.minValue),
    maxValue: number(validation.maxValue),
    default: text(descriptor.values?.defaultValue),
    // The catalog knows real values the descriptors leave out, such as "all" (REAL-SERVICE.md R7).
    values: live ? [...new Set([...live, ...(shipped?.values ?? [])])] : shipped?.values,
    dependsOn: descriptor.dependencyInputIds ?? shipped?.dependsOn,
    dynamic: descriptor.hasDynamicValueInformation === true || shipped?.dynamic === true,
    names: shipped?.names,
    requiredUnless: shipped?.requiredUnless,
  };
}

function liveInputs(descriptors: readonly InputDescriptor[] | undefined, shipped: readonly InputSpec[] = []): InputSpec[] {
  return (descriptors ?? []).map((descriptor) =>
    liveInput(
      descriptor,
      shipped.find((spec) => spec.id === descriptor.id),
    ),
  );
}

function liveEventType(event: EventTypeDescriptor): EventTypeSpec {
  const shipped = catalog.eventType(event.id)?.eventType;
  return {
    id: event.id,
    name: event.name ?? shipped?.name ?? event.id,
    resourceVersions: event.supportedResourceVersions ?? [],
    filters: liveInputs(event.inputDescriptors, shipped?.filters),
    deprecated: shipped?.deprecated,
    unlisted: shipped?.unlisted,
  };
}

function livePublisher(publisher: Publisher, host: SubscriptionHost): PublisherSpec {
  const shipped = catalog.publisher(publisher.id);
  return {
    id: publisher.id,
    name: publisher.name ?? shipped?.name ?? publisher.id,
    host: shipped?.host ?? host,
    inputs: liveInputs(publisher.inputDescriptors, shipped?.inputs),
    serverAddedInputs: shipped?.serverAddedInputs ?? [],
    eventTypes: (publisher.supportedEvents ?? []).map(liveEventType),
  };
}

function liveAction(consumerId: string, action: ConsumerAction): ConsumerActionSpec {
  const shipped = catalog.action(consumerId, action.id);
  return {
    id: action.id,
    name: action.name ?? shipped?.name ?? action.id,
    // An action that does not list its events says nothing either way.
    supportedEventTypes: action.supportedEventTypes ?? ["*"],
    keyInputs: shipped?.keyInputs ?? [],
    inputs: liveInputs(action.inputDescriptors, shipped?.inputs),
    allowResourceVersionOverride: action.allowResourceVersionOverride === true,
    resourceVersions: action.supportedResourceVersions,
  };
}

function liveConsumer(consumer: Consumer): ConsumerSpec {
  const shipped = catalog.consumer(consumer.id);
  return {
    id: consumer.id,
    name: consumer.name ?? shipped?.name ?? consumer.id,
    authenticationType: consumer.authenticationType ?? shipped?.authenticationType,
    managedExternally: shipped?.managedExternally,
    retired: shipped?.retired,
    inputs: liveInputs(consumer.inputDescriptors, shipped?.inputs),
    actions: (consumer.actions ?? []).map((action) => liveAction(consumer.id, action)),
  };
}

export function liveCatalog(metadata: HostMetadata, host: SubscriptionHost): Catalog {
  return new Catalog(
    metadata.publishers.map((publisher) => livePublisher(publisher, host)),
    metadata.consumers.map(liveConsumer),
  );
}
