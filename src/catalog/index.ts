import { consumers } from "./data/consumers.js";
import { publishers } from "./data/publishers.js";
import type { ConsumerActionSpec, ConsumerSpec, EventTypeSpec, InputSpec, PublisherSpec } from "./types.js";

export type { ConsumerActionSpec, ConsumerSpec, EventTypeSpec, InputSpec, PublisherSpec } from "./types.js";

export interface EventTypeEntry {
  readonly publisher: PublisherSpec;
  readonly eventType: EventTypeSpec;
}

/** Read-only lookups over the project's service hook catalog. */
export class Catalog {
  private readonly publishersById = new Map<string, PublisherSpec>();
  private readonly eventsById = new Map<string, EventTypeEntry>();
  private readonly consumersById = new Map<string, ConsumerSpec>();

  constructor(
    readonly publishers: readonly PublisherSpec[],
    readonly consumers: readonly ConsumerSpec[],
  ) {
    for (const publisher of publishers) {
      this.publishersById.set(publisher.id, publisher);
      for (const eventType of publisher.eventTypes) this.eventsById.set(eventType.id, { publisher, eventType });
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
    return new Set(this.consumerInputs(consumerId, actionId).filter((input) => input.confidential).map((input) => input.id));
  }

  eventTypeIds(): string[] {
    return [...this.eventsById.keys()];
  }

  consumerIds(): string[] {
    return [...this.consumersById.keys()];
  }

  /** Whether subscriptions of this publisher live on the release host (vsrm). */
  isReleasePublisher(publisherId: string): boolean {
    return this.publishersById.get(publisherId)?.host === "release";
  }
}

/** The catalog shipped with hookops. */
export const catalog = new Catalog(publishers, consumers);
