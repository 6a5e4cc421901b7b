/** Turns a POST/PUT body into a subscription the emulator may store, or throws the service's error. */
import { SUBSCRIPTION_STATUSES, type SubscriptionStatus } from "../../ado/types.js";
import { catalog } from "../../catalog/index.js";
import { errors } from "../errors.js";
import { isGuid } from "../random.js";
import { findProject, type SeededProject } from "../state/projects.js";
import type { HostKind } from "../types.js";
import { type MaskContext, readConsumerInputs, readPublisherInputs } from "./input-values.js";
import { checkResourceVersion } from "./resource-version.js";

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

export interface ValidationContext extends MaskContext {
  host: HostKind;
  /** The organization's projects; default the seeded three. */
  projects?: readonly SeededProject[];
}

const CLIENT_STATUSES: readonly SubscriptionStatus[] = ["enabled", "disabledByUser"];

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
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

function checkProject(publisherInputs: Record<string, string>, projects: readonly SeededProject[] | undefined): void {
  const projectId = publisherInputs.projectId;
  if (projectId === undefined || projectId === "") return;
  if (!isGuid(projectId) || !findProject(projectId, projects)) throw errors.projectNotFound(projectId, 400);
}

export function validateSubscription(body: unknown, context: ValidationContext): ValidSubscription {
  if (!isObject(body)) throw errors.nullBody("subscription");
  const publisherId = text(body.publisherId);
  const publisher = catalog.publisher(publisherId);
  if (!publisher) throw errors.publisherNotFound(publisherId);
  const eventType = text(body.eventType);
  const event = publisher.eventTypes.find((candidate) => candidate.id === eventType);
  if (!event) throw errors.invalidEventType(eventType, publisherId);
  const consumerId = text(body.consumerId);
  const consumer = catalog.consumer(consumerId);
  if (!consumer) throw errors.consumerNotFound(consumerId);
  const consumerActionId = text(body.consumerActionId);
  const action = catalog.action(consumerId, consumerActionId);
  if (!action) throw errors.actionNotFound(consumerActionId, consumerId);

  if ((publisher.host === "release") !== (context.host === "release")) throw errors.noRegisteredHandler(eventType);
  if (!action.supportedEventTypes.includes("*") && !action.supportedEventTypes.includes(eventType)) {
    throw errors.serviceHook(`The consumer action '${consumerActionId}' of consumer '${consumerId}' does not support the event type '${eventType}'.`);
  }

  const status = parseStatus(body.status);
  const resourceVersion = checkResourceVersion(body.resourceVersion, action, event);
  const publisherInputs = readPublisherInputs(body.publisherInputs, publisher, event);
  const consumerInputs = readConsumerInputs(body.consumerInputs, consumer, action, context);
  checkProject(publisherInputs, context.projects);

  return { publisherId, eventType, resourceVersion, consumerId, consumerActionId, status, publisherInputs, consumerInputs };
}
