import type { EventTypeEntry } from "../../catalog/index.js";
import type { ConsumerActionSpec, ConsumerSpec, InputSpec } from "../../catalog/types.js";
import { RESERVED_PUBLISHER_INPUTS } from "../key.js";

/**
 * Lookups derived from the catalog once per consumer action and per event type instead of once
 * per subscription (the catalog never changes while hookops runs).
 */
export interface InputSpecs {
  /** In catalog order (suggestions and "missing" findings read in that order). */
  list: readonly InputSpec[];
  /** By id; the first spec wins when an id appears twice, as a search of `list` would. */
  byId: ReadonlyMap<string, InputSpec>;
}

export interface ActionSpecs extends InputSpecs {
  confidential: ReadonlySet<string>;
}

export interface EventSpecs extends InputSpecs {
  /** publisherInputs the service or hookops sets: never written in a subscription. */
  serverAdded: ReadonlySet<string>;
}

function indexed(list: readonly InputSpec[]): InputSpecs {
  const byId = new Map<string, InputSpec>();
  for (const spec of list) if (!byId.has(spec.id)) byId.set(spec.id, spec);
  return { list, byId };
}

const byAction = new WeakMap<ConsumerActionSpec, ActionSpecs>();
const byEvent = new WeakMap<EventTypeEntry, EventSpecs>();

/** The consumer inputs of one action: the consumer's own, then the action's. */
export function actionSpecs(consumer: ConsumerSpec, action: ConsumerActionSpec): ActionSpecs {
  let specs = byAction.get(action);
  if (!specs) {
    const list = [...consumer.inputs, ...action.inputs];
    specs = { ...indexed(list), confidential: new Set(list.filter((spec) => spec.confidential).map((spec) => spec.id)) };
    byAction.set(action, specs);
  }
  return specs;
}

/** The filters an event accepts in publisherInputs (its own, then the publisher's), minus server-added keys. */
export function eventSpecs(event: EventTypeEntry): EventSpecs {
  let specs = byEvent.get(event);
  if (!specs) {
    const serverAdded = new Set([...RESERVED_PUBLISHER_INPUTS, ...event.publisher.serverAddedInputs]);
    const list = [...event.eventType.filters, ...event.publisher.inputs].filter((spec) => !serverAdded.has(spec.id));
    specs = { ...indexed(list), serverAdded };
    byEvent.set(event, specs);
  }
  return specs;
}
