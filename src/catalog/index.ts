import { consumers } from "./data/consumers/index.js";
import { publishers } from "./data/publishers.js";
import type { ConsumerActionSpec, ConsumerSpec, EventTypeSpec, InputSpec, PublisherSpec } from "./types.js";

export type { ConsumerActionSpec, ConsumerSpec, EventTypeSpec, InputSpec, NamedResourceKind, PublisherSpec } from "./types.js";

export interface EventTypeEntry {
  readonly publisher: PublisherSpec;
  readonly eventType: EventTypeSpec;
}

/** Read-only lookups over the project's service hook catalog. */
export class Catalog {
  private readonly publishersById = new Map<string, PublisherSpec>();
  private readonly eventsById = new Map<string, EventTypeEntry>();
  private readonly consumersById = new Map<string, ConsumerSpec>();
  private readonly eventsByFormerId = new Map<string, EventTypeEntry>();

  constructor(
    readonly publishers: readonly PublisherSpec[],
    readonly consumers: readonly ConsumerSpec[],
  ) {
    for (const publisher of publishers) {
      this.publishersById.set(publisher.id, publisher);
      for (const eventType of publisher.eventTypes) {
        const entry = { publisher, eventType };
        this.eventsById.set(eventType.id, entry);
        for (const formerId of eventType.formerIds ?? []) this.eventsByFormerId.set(formerId, entry);
      }
    }
    for (const consumer of consumers) this.consumersById.set(consumer.id, consumer);
  }

  publisher(id: string): PublisherSpec | undefined {
    return this.publishersById.get(id);
  }

  /** The event type and the publisher that emits it; event ids are unique across publishers. */
  eventType(id: string): EventTypeEntry | undefined {
    return this.eventsById.get(id);
  }

  /** The event a former catalog id stood for (one the service never knew), to point users at the real id. */
  eventTypeByFormerId(id: string): EventTypeEntry | undefined {
    return this.eventsByFormerId.get(id);
  }

  consumer(id: string): ConsumerSpec | undefined {
    return this.consumersById.get(id);
  }

  action(consumerId: string, actionId: string): ConsumerActionSpec | undefined {
    return this.consumersById.get(consumerId)?.actions.find((action) => action.id === actionId);
  }

  /** Every input a subscription of this consumer action may carry in consumerInputs. */
  consumerInputs(consumerId: string, actionId: string): InputSpec[] {
    const consumer = this.consumersById.get(consumerId);
    const action = consumer?.actions.find((candidate) => candidate.id === actionId);
    if (!consumer || !action) return [];
    return [...consumer.inputs, ...action.inputs];
  }

  /** Ids of confidential consumer inputs for this consumer action. */
  confidentialInputs(consumerId: string, actionId: string): Set<string> {
    return new Set(
      this.consumerInputs(consumerId, actionId)
        .filter((input) => input.confidential)
        .map((input) => input.id),
    );
  }

  eventTypeIds(): string[] {
    return [...this.eventsById.keys()];
  }

  consumerIds(): string[] {
    return [...this.consumersById.keys()];
  }

  /** Whether a subscription of this action may set resourceVersion; unknown actions say no. */
  allowsResourceVersion(consumerId: string, actionId: string): boolean {
    return this.action(consumerId, actionId)?.allowResourceVersionOverride === true;
  }

  /** Whether the service leaves subscriptions to this event out of every listing (REAL-SERVICE.md R4). */
  isUnlistedEvent(eventTypeId: string): boolean {
    return this.eventsById.get(eventTypeId)?.eventType.unlisted === true;
  }

  /** Whether subscriptions of this publisher live on the release host (vsrm). */
  isReleasePublisher(publisherId: string): boolean {
    return this.publishersById.get(publisherId)?.host === "release";
  }
}

/** The catalog shipped with hookops. */
export const catalog = new Catalog(publishers, consumers);
