/** The event a notification carries (a test's sample or a published one), trimmed by the consumer's *ToSend options. */
import { catalog } from "../../catalog/index.js";
import type { NotificationRecord, SubscriptionRecord } from "../state/records.js";

export interface EventInput {
  /** A test notification's sample event, or an event published through POST /_emulator/events. */
  test: boolean;
  subscriptionId: string;
  notificationId: number;
  eventId: string;
  publisherId: string;
  eventType: string;
  resourceVersion: string | null;
  publisherInputs: Record<string, string>;
  consumerInputs: Record<string, string>;
  hostId: string;
  baseUrl: string;
  createdDate: string;
  /** The published event's project (a GUID); a test event takes its subscription's projectId. */
  projectId?: string;
  /** The published event's payload; default a small sample resource. */
  resource?: Record<string, unknown>;
}

type MessageFormat = "text" | "html" | "markdown";

function formattedMessage(text: string): Record<MessageFormat, string> {
  return { text, html: `<p>${text}</p>`, markdown: text };
}

/** Applies messagesToSend / detailedMessagesToSend: "" keeps every format, "none" drops the message. */
function trimMessage(event: Record<string, unknown>, key: string, option: string | undefined): void {
  if (option === undefined || option === "") return;
  if (option === "none") {
    delete event[key];
    return;
  }
  const message = event[key] as Record<string, string> | undefined;
  if (message && (option === "text" || option === "html" || option === "markdown")) event[key] = { [option]: message[option] ?? "" };
}

export function buildEvent(input: EventInput): Record<string, unknown> {
  const name = catalog.eventType(input.eventType)?.eventType.name ?? input.eventType;
  const resourceUrl = `${input.baseUrl}/_apis/emulator/sample-resources/1`;
  const resource = input.resource ?? { id: 1, url: resourceUrl, sample: true };
  const projectId = input.test ? input.publisherInputs.projectId : input.projectId;
  const event: Record<string, unknown> = {
    subscriptionId: input.subscriptionId,
    notificationId: input.notificationId,
    id: input.eventId,
    eventType: input.eventType,
    publisherId: input.publisherId,
    message: formattedMessage(input.test ? `Test event: ${name}` : name),
    detailedMessage: formattedMessage(input.test ? `Test event: ${name}, sent by the hookops emulator` : `${name}, published through the hookops emulator`),
    resource,
    resourceVersion: input.resourceVersion ?? "1.0",
    resourceContainers: {
      collection: { id: input.hostId },
      account: { id: input.hostId },
      // Test payloads always carry a project container (GOTCHAS G12); published ones only when the event has a project.
      ...(input.test || projectId !== undefined ? { project: { id: projectId ?? "" } } : {}),
    },
    createdDate: input.createdDate,
  };
  const resourceDetails = input.consumerInputs.resourceDetailsToSend;
  if (resourceDetails === "none") delete event.resource;
  else if (resourceDetails === "minimal") event.resource = { id: resource.id ?? 1, url: resource.url ?? resourceUrl };
  trimMessage(event, "message", input.consumerInputs.messagesToSend);
  trimMessage(event, "detailedMessage", input.consumerInputs.detailedMessagesToSend);
  return event;
}

/** What a new notification records before it is sent: queued, pending, a copy of the subscription it is for. */
export function queuedNotification(
  subscription: Pick<SubscriptionRecord, "publisherId" | "eventType" | "publisherInputs" | "consumerId" | "consumerActionId" | "consumerInputs">,
  ids: { subscriptionId: string; subscriberId: string; eventId: string },
  date: string,
): Omit<NotificationRecord, "id"> {
  return {
    ...ids,
    createdDate: date,
    modifiedDate: date,
    status: "queued",
    result: "pending",
    details: {
      publisherId: subscription.publisherId,
      eventType: subscription.eventType,
      publisherInputs: { ...subscription.publisherInputs },
      consumerId: subscription.consumerId,
      consumerActionId: subscription.consumerActionId,
      consumerInputs: { ...subscription.consumerInputs },
      event: {},
      requestAttempts: 0,
      queuedDate: date,
    },
  };
}
