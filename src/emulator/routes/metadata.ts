/** Publishers, event types, consumers and actions, built from the catalog. */
import { catalog } from "../../catalog/index.js";
import { HOOKS_VERSIONS } from "../api-version.js";
import { errors } from "../errors.js";
import { actionDescriptor, actionSupportsPublisher, consumerDescriptor, eventTypeDescriptor, publisherDescriptor } from "../metadata/descriptors.js";
import { list, ok, queryValue, type RouteContext, type RouteDefinition } from "./context.js";

function publisherFrom(context: RouteContext) {
  const id = context.params.publisherId ?? "";
  const publisher = catalog.publishers.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  if (!publisher) throw errors.publisherNotFound(id);
  return publisher;
}

function consumerFrom(context: RouteContext) {
  const id = context.params.consumerId ?? "";
  const consumer = catalog.consumers.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
  if (!consumer) throw errors.consumerNotFound(id);
  return consumer;
}

/** The publisherId query filter; an unknown publisher matches nothing rather than failing. */
function publisherFilter(context: RouteContext): string | undefined {
  const value = queryValue(context.query, "publisherId");
  return value === undefined || value === "" ? undefined : value;
}

export const metadataRoutes: RouteDefinition[] = [
  {
    method: "GET",
    pattern: "/_apis/hooks/publishers",
    versions: HOOKS_VERSIONS,
    handler: (context) => ok(list(catalog.publishers.map((publisher) => publisherDescriptor(publisher, context.baseUrl)))),
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/publishers/{publisherId}",
    versions: HOOKS_VERSIONS,
    handler: (context) => ok(publisherDescriptor(publisherFrom(context), context.baseUrl)),
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/publishers/{publisherId}/eventtypes",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const publisher = publisherFrom(context);
      return ok(list(publisher.eventTypes.map((eventType) => eventTypeDescriptor(publisher, eventType, context.baseUrl))));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/publishers/{publisherId}/eventtypes/{eventTypeId}",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const publisher = publisherFrom(context);
      const id = context.params.eventTypeId ?? "";
      const eventType = publisher.eventTypes.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
      if (!eventType) throw errors.eventTypeNotFound(id, publisher.id);
      return ok(eventTypeDescriptor(publisher, eventType, context.baseUrl));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/consumers",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const publisherId = publisherFilter(context);
      const consumers =
        publisherId === undefined
          ? catalog.consumers
          : catalog.consumers.filter((consumer) => consumer.actions.some((action) => actionSupportsPublisher(action, publisherId)));
      return ok(list(consumers.map((consumer) => consumerDescriptor(consumer, context.baseUrl, publisherId))));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/consumers/{consumerId}",
    versions: HOOKS_VERSIONS,
    handler: (context) => ok(consumerDescriptor(consumerFrom(context), context.baseUrl, publisherFilter(context))),
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/consumers/{consumerId}/actions",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const consumer = consumerFrom(context);
      const publisherId = publisherFilter(context);
      const actions = publisherId === undefined ? consumer.actions : consumer.actions.filter((action) => actionSupportsPublisher(action, publisherId));
      return ok(list(actions.map((action) => actionDescriptor(consumer, action, context.baseUrl))));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/hooks/consumers/{consumerId}/actions/{consumerActionId}",
    versions: HOOKS_VERSIONS,
    handler: (context) => {
      const consumer = consumerFrom(context);
      const id = context.params.consumerActionId ?? "";
      const action = consumer.actions.find((candidate) => candidate.id.toLowerCase() === id.toLowerCase());
      const publisherId = publisherFilter(context);
      if (!action || (publisherId !== undefined && !actionSupportsPublisher(action, publisherId))) throw errors.actionNotFound(id, consumer.id);
      return ok(actionDescriptor(consumer, action, context.baseUrl));
    },
  },
];
