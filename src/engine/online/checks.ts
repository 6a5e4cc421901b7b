import { hostOf } from "../../ado/release-host.js";
import type { Consumer, ConsumerAction, EventTypeDescriptor, InputDescriptor, Publisher, SubscriptionHost, TeamProjectReference } from "../../ado/types.js";
import type { InputSpec } from "../../catalog/types.js";
import { consumerInputSpec, filterSpec, RESERVED_PUBLISHER_INPUTS } from "../../compare/index.js";
import type { DesiredSubscription, Finding, Severity } from "../../config/types.js";
import { closest, didYouMean } from "../../util/suggest.js";
import type { LiveMetadata } from "./metadata.js";
import { actionUncertain, consumerInputUncertain, consumerUncertain, eventTypeUncertain, filterUncertain, publisherUncertain } from "./uncertain.js";
import { isUnknownValue, possibleValues } from "./values.js";
import { quotedList } from "../../util/text.js";

export interface OnlineCheckOptions {
  /** How messages name the organization: its URL, or "emulator". */
  organization: string;
}

const UNCONFIRMED = " The catalog marks it unconfirmed, so the service may accept it anyway.";
/** Longer lists of known ids are left out of messages: they would bury the finding. */
const MAX_LISTED = 12;

/** " Did you mean …?", else the known ids when there are few, else nothing. */
function suggestion(input: string, known: readonly string[], noun: string): string {
  if (closest(input, known).length > 0) return didYouMean(input, known);
  if (known.length === 0 || known.length > MAX_LISTED) return "";
  return ` Known ${noun}: ${quotedList(known)}.`;
}

function ids(descriptors: readonly { id: string }[] | undefined): string[] {
  return (descriptors ?? []).map((descriptor) => descriptor.id);
}

function isRequired(descriptor: InputDescriptor): boolean {
  return descriptor.validation?.isRequired === true;
}

/** A required input with a default is filled in by the service, so leaving it out is fine. */
function hasDefault(descriptor: InputDescriptor): boolean {
  const value = descriptor.values?.defaultValue;
  return typeof value === "string" && value !== "";
}

function isMissing(inputs: Record<string, string>, id: string): boolean {
  return (inputs[id] ?? "").trim() === "";
}

/** The catalog knows another way to authenticate for this input (key-less mode), and it is used. */
function isExcused(inputs: Record<string, string>, requiredUnless: readonly string[] | undefined): boolean {
  return (requiredUnless ?? []).some((other) => !isMissing(inputs, other));
}

function projectIndex(projects: readonly TeamProjectReference[]): (nameOrId: string) => boolean {
  const known = new Set<string>();
  for (const project of projects) {
    known.add(project.id.toLowerCase());
    known.add(project.name.toLowerCase());
  }
  return (nameOrId) =>
    known.has(
      nameOrId
        .trim()
        .replace(/^\{(.*)\}$/, "$1")
        .toLowerCase(),
    );
}

/** Checks one subscription; `report` adds a finding at the subscription's source location. */
class SubscriptionChecker {
  /** The live event type, once the publisher offers it. */
  private event: EventTypeDescriptor | undefined;

  constructor(
    private readonly subscription: DesiredSubscription,
    private readonly where: string,
    private readonly findings: Finding[],
  ) {}

  report(severity: Severity, rule: string, message: string): void {
    const { file, line, column } = this.subscription.source;
    this.findings.push({ file, line, column, severity, rule, message });
  }

  /** Error, or a warning with a note when the catalog calls the item unconfirmed. */
  reportUnknown(uncertain: boolean, rule: string, message: string): void {
    this.report(uncertain ? "warning" : "error", rule, uncertain ? `${message}${UNCONFIRMED}` : message);
  }

  publisher(publishers: readonly Publisher[]): void {
    const { publisherId, eventType } = this.subscription;
    const publisher = publishers.find((candidate) => candidate.id === publisherId);
    if (!publisher) {
      const known = ids(publishers);
      this.reportUnknown(
        publisherUncertain(publisherId),
        "online-unknown-publisher",
        `${this.where} has no publisher "${publisherId}".${suggestion(publisherId, known, "publishers")}`,
      );
      return;
    }
    const events = publisher.supportedEvents ?? [];
    const event = events.find((candidate) => candidate.id === eventType);
    if (!event) {
      const known = ids(events);
      const message = `publisher "${publisherId}" in ${this.where} does not offer event type "${eventType}".${suggestion(eventType, known, "event types")}`;
      this.reportUnknown(eventTypeUncertain(eventType), "online-unknown-event-type", message);
      return;
    }
    this.event = event;
    this.filters(publisher, event);
  }

  /** A value outside the live possible values is a warning: the service never checks them (REAL-SERVICE.md R7). */
  unknownValue(descriptor: InputDescriptor, value: string, spec: InputSpec | undefined, subject: string, consequence: string): void {
    const live = possibleValues(descriptor);
    if (!live || !isUnknownValue(value, live, spec)) return;
    const listed = live.length > MAX_LISTED ? `${live.length} possible values` : `the possible values ${quotedList(live)}`;
    this.report("warning", "online-unknown-value", `${subject} in ${this.where} is not one of ${listed}; the service accepts it, ${consequence}`);
  }

  filters(publisher: Publisher, event: EventTypeDescriptor): void {
    const { publisherInputs, eventType } = this.subscription;
    const known = [...ids(event.inputDescriptors), ...ids(publisher.inputDescriptors)].filter((id) => !RESERVED_PUBLISHER_INPUTS.has(id));
    for (const key of Object.keys(publisherInputs)) {
      if (RESERVED_PUBLISHER_INPUTS.has(key) || known.includes(key)) continue;
      const hint = suggestion(key, known, "filters") || (known.length === 0 ? ` "${eventType}" has no filters there.` : "");
      this.reportUnknown(filterUncertain(eventType, key), "online-unknown-filter", `event type "${eventType}" in ${this.where} has no filter "${key}".${hint}`);
    }
    for (const descriptor of event.inputDescriptors ?? []) {
      const value = publisherInputs[descriptor.id];
      if (value !== undefined)
        this.unknownValue(
          descriptor,
          value,
          filterSpec(eventType, descriptor.id),
          `filter "${descriptor.id}" of "${eventType}"`,
          "but an event may never match it",
        );
      if (!isRequired(descriptor) || hasDefault(descriptor) || !isMissing(publisherInputs, descriptor.id)) continue;
      this.reportUnknown(
        filterUncertain(eventType, descriptor.id),
        "online-missing-input",
        `event type "${eventType}" in ${this.where} requires the filter "${descriptor.id}" in publisherInputs`,
      );
    }
  }

  consumer(consumers: readonly Consumer[]): void {
    const { consumerId, consumerActionId } = this.subscription;
    const consumer = consumers.find((candidate) => candidate.id === consumerId);
    if (!consumer) {
      const known = ids(consumers);
      this.reportUnknown(
        consumerUncertain(consumerId),
        "online-unknown-consumer",
        `${this.where} has no consumer "${consumerId}".${suggestion(consumerId, known, "consumers")}`,
      );
      return;
    }
    const actions = consumer.actions ?? [];
    const action = actions.find((candidate) => candidate.id === consumerActionId);
    if (!action) {
      const known = ids(actions);
      const message = `consumer "${consumerId}" in ${this.where} has no action "${consumerActionId}".${suggestion(consumerActionId, known, "actions")}`;
      this.reportUnknown(actionUncertain(consumerId, consumerActionId), "online-unknown-action", message);
      return;
    }
    this.supportedEvent(action);
    this.resourceVersion(action);
    this.consumerInputs(consumer, action);
  }

  /** Only actions that allow an override take a resourceVersion, and then one the event supports (REAL-SERVICE.md R3). */
  resourceVersion(action: ConsumerAction): void {
    const { consumerId, consumerActionId, eventType, resourceVersion } = this.subscription;
    if (resourceVersion === undefined) return;
    if (action.allowResourceVersionOverride !== true) {
      this.report(
        "error",
        "online-resource-version-not-allowed",
        `"${consumerId}/${consumerActionId}" in ${this.where} does not let a subscription choose its resourceVersion; remove resourceVersion "${resourceVersion}"`,
      );
      return;
    }
    const supported = [...(this.event?.supportedResourceVersions ?? []), ...(action.supportedResourceVersions?.[eventType] ?? [])];
    if (supported.length === 0 || supported.includes(resourceVersion)) return;
    const message = `event type "${eventType}" in ${this.where} has no resource version "${resourceVersion}"; it supports ${quotedList([...new Set(supported)])} (or "latest")`;
    this.reportUnknown(eventTypeUncertain(eventType), "online-unknown-resource-version", message);
  }

  supportedEvent(action: ConsumerAction): void {
    const { consumerId, consumerActionId, eventType } = this.subscription;
    const supported = action.supportedEventTypes;
    // An action that does not list its events says nothing either way.
    if (supported === undefined || supported.includes("*") || supported.includes(eventType)) return;
    const accepted = supported.length > MAX_LISTED ? `${supported.length} other event types` : quotedList(supported) || "no event type";
    const message = `"${consumerId}/${consumerActionId}" in ${this.where} does not accept "${eventType}"; it accepts ${accepted}`;
    this.reportUnknown(actionUncertain(consumerId, consumerActionId), "online-unsupported-event-type", message);
  }

  consumerInputs(consumer: Consumer, action: ConsumerAction): void {
    const { consumerId, consumerActionId, consumerInputs } = this.subscription;
    const descriptors = [...(consumer.inputDescriptors ?? []), ...(action.inputDescriptors ?? [])];
    const known = ids(descriptors);
    const label = `"${consumerId}/${consumerActionId}"`;
    for (const key of Object.keys(consumerInputs)) {
      if (known.includes(key)) continue;
      const uncertain = consumerInputUncertain(consumerId, consumerActionId, key);
      this.reportUnknown(uncertain, "online-unknown-input", `${label} in ${this.where} has no input "${key}".${suggestion(key, known, "inputs")}`);
    }
    for (const descriptor of descriptors) {
      const spec = consumerInputSpec(consumerId, consumerActionId, descriptor.id);
      const value = consumerInputs[descriptor.id];
      if (value !== undefined && descriptor.isConfidential !== true) {
        this.unknownValue(descriptor, value, spec, `consumer input "${descriptor.id}" of ${label}`, "but may not understand it");
      }
      if (!isRequired(descriptor) || hasDefault(descriptor) || !isMissing(consumerInputs, descriptor.id) || isExcused(consumerInputs, spec?.requiredUnless))
        continue;
      const uncertain = consumerInputUncertain(consumerId, consumerActionId, descriptor.id);
      this.reportUnknown(uncertain, "online-missing-input", `${label} in ${this.where} requires consumer input "${descriptor.id}"`);
    }
  }
}

function hostLabel(host: SubscriptionHost, organization: string): string {
  return host === "release" ? `the release host of ${organization}` : organization;
}

/**
 * Compares each desired subscription with the live metadata: project, publisher, event type,
 * filters, consumer, action, supported events and consumer inputs. Pure: the caller fetches.
 * Findings point at the subscription's source; fan-out copies that agree collapse into one
 * when the caller sorts them (sortFindings drops exact duplicates).
 */
export function checkAgainstLive(subscriptions: readonly DesiredSubscription[], metadata: LiveMetadata, options: OnlineCheckOptions): Finding[] {
  const findings: Finding[] = [];
  const projectExists = projectIndex(metadata.projects);
  const projectNames = metadata.projects.map((project) => project.name);
  for (const subscription of subscriptions) {
    const host = hostOf(subscription);
    const checker = new SubscriptionChecker(subscription, hostLabel(host, options.organization), findings);
    if (!projectExists(subscription.project)) {
      const { project } = subscription;
      checker.report(
        "error",
        "online-unknown-project",
        `project "${project}" does not exist in ${options.organization}, or the credential cannot see it.${suggestion(project, projectNames, "projects")}`,
      );
    }
    const live = metadata.hosts[host];
    if (!live) continue;
    checker.publisher(live.publishers);
    checker.consumer(live.consumers);
  }
  return findings;
}
