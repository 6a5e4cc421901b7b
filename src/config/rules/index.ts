import { catalog } from "../../catalog/index.js";
import type { Entry } from "../entries.js";
import { expandEntry, type Expanded } from "../expand.js";
import { presentInputs } from "../fields.js";
import type { EntryFacts, EntryRule, RuleContext } from "./context.js";
import { checkConsumer, checkConsumerInputs } from "./consumer.js";
import { checkEventType, checkFilters, checkResourceVersion } from "./event.js";
import { checkRequiredFields } from "./fields.js";
import { checkDuplicateSubscriptions, checkUniqueNamesAndIds } from "./repository.js";
import { checkReferences, checkSecrets, checkUrls } from "./secrets.js";

export type { ReferencePolicy, RuleContext } from "./context.js";

/** Per-entry rules, in the order their findings read best. */
const ENTRY_RULES: readonly EntryRule[] = [
  checkRequiredFields,
  checkEventType,
  checkFilters,
  checkConsumer,
  checkResourceVersion,
  checkConsumerInputs,
  checkSecrets,
  checkUrls,
  checkReferences,
];

export function factsFor(entry: Entry): EntryFacts {
  const { eventType, consumerId, consumerActionId, publisherId } = entry.fields;
  const facts: EntryFacts = { entry, filters: presentInputs(entry.fields.publisherInputs), inputs: presentInputs(entry.fields.consumerInputs) };
  const event = eventType === undefined ? undefined : catalog.eventType(eventType);
  if (event) facts.event = event;
  const inferred = publisherId ?? event?.publisher.id;
  if (inferred !== undefined) facts.publisherId = inferred;
  const consumer = consumerId === undefined ? undefined : catalog.consumer(consumerId);
  if (consumer) facts.consumer = consumer;
  const action = consumerId === undefined || consumerActionId === undefined ? undefined : catalog.action(consumerId, consumerActionId);
  if (action) facts.action = action;
  return facts;
}

/** Runs every rule over the entries and returns the desired subscriptions they declare. */
export function applyRules(entries: readonly Entry[], context: RuleContext): Expanded[] {
  const expanded: Expanded[] = [];
  for (const entry of entries) {
    const facts = factsFor(entry);
    for (const rule of ENTRY_RULES) rule(facts, context);
    expanded.push(...expandEntry(entry, facts.publisherId, facts.action));
  }
  checkUniqueNamesAndIds(entries, context.sink);
  checkDuplicateSubscriptions(expanded, context.sink);
  return expanded;
}
