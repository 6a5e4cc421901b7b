/** The sample event a test notification carries, trimmed by the consumer's *ToSend options. */
import { catalog } from "../../catalog/index.js";

export interface TestEventInput {
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

export function buildTestEvent(input: TestEventInput): Record<string, unknown> {
  const name = catalog.eventType(input.eventType)?.eventType.name ?? input.eventType;
  const resourceUrl = `${input.baseUrl}/_apis/emulator/sample-resources/1`;
  const event: Record<string, unknown> = {
    subscriptionId: input.subscriptionId,
    notificationId: input.notificationId,
    id: input.eventId,
    eventType: input.eventType,
    publisherId: input.publisherId,
    message: formattedMessage(`Test event: ${name}`),
    detailedMessage: formattedMessage(`Test event: ${name}, sent by the hookops emulator`),
    resource: { id: 1, url: resourceUrl, sample: true },
    resourceVersion: input.resourceVersion ?? "1.0",
    resourceContainers: {
      collection: { id: input.hostId },
      account: { id: input.hostId },
      project: { id: input.publisherInputs.projectId ?? "" },
    },
    createdDate: input.createdDate,
  };
  const resourceDetails = input.consumerInputs.resourceDetailsToSend;
  if (resourceDetails === "none") delete event.resource;
  else if (resourceDetails === "minimal") event.resource = { id: 1, url: resourceUrl };
  trimMessage(event, "message", input.consumerInputs.messagesToSend);
  trimMessage(event, "detailedMessage", input.consumerInputs.detailedMessagesToSend);
  return event;
}
