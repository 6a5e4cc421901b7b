import { catalog } from "../../catalog/index.js";
import type { Entry } from "../entries.js";
import { expandEntry, type Expanded } from "../expand.js";
import { presentInputs } from "../fields.js";
import type { EntryFacts, EntryRule, RuleContext } from "./context.js";
import { checkConsumer, checkConsumerInputs } from "./consumer.js";
import { checkEventType, checkResourceVersion } from "./event.js";
import { checkRequiredFields } from "./fields.js";
import { checkFilters } from "./filters.js";
import { checkProjectsExist } from "./live-projects.js";
import { checkProjects } from "./projects.js";
import { checkDuplicateSubscriptions, checkUniqueNamesAndIds } from "./repository.js";
import { checkReferences, checkSecrets, checkUrls } from "./secrets.js";
import type { CatalogSource } from "./source.js";

export type { ReferencePolicy, RuleContext } from "./context.js";
export { type CatalogSource, type ProjectList, shippedCatalog } from "./source.js";

/** Per-entry rules, in the order their findings read best. */
const ENTRY_RULES: readonly EntryRule[] = [
  checkRequiredFields,
  checkProjects,
  checkProjectsExist,
  checkEventType,
  checkFilters,
  checkConsumer,
  checkResourceVersion,
  checkConsumerInputs,
  checkSecrets,
  checkUrls,
  checkReferences,
];

/** The publisher an entry names, else the one the shipped catalog says raises its event. */
function publisherOf(entry: Entry): string | undefined {
  const { publisherId, eventType } = entry.fields;
  return publisherId ?? (eventType === undefined ? undefined : catalog.eventType(eventType)?.publisher.id);
}

function factsFor(entry: Entry, source: CatalogSource): EntryFacts {
  const { eventType, consumerId, consumerActionId } = entry.fields;
  const publisherId = publisherOf(entry);
  // Where the subscription is sent decides which host's metadata describes it (ado/release-host hostOf).
  const host = publisherId !== undefined && catalog.isReleasePublisher(publisherId) ? "release" : "default";
  const view = source.at(host);
  const facts: EntryFacts = {
    entry,
    view,
    where: source.where(host),
    filters: presentInputs(entry.fields.publisherInputs),
    inputs: presentInputs(entry.fields.consumerInputs),
  };
  const event = eventType === undefined ? undefined : view.eventType(eventType);
  if (event) facts.event = event;
  const consumer = consumerId === undefined ? undefined : view.consumer(consumerId);
  if (consumer) facts.consumer = consumer;
  const action = consumerId === undefined || consumerActionId === undefined ? undefined : view.action(consumerId, consumerActionId);
  if (action) facts.action = action;
  return facts;
}

/**
 * Runs every rule over the entries against the source and returns the desired subscriptions they
 * declare. Those always follow the shipped catalog, as plan and apply do, whatever the source.
 */
export function applyRules(entries: readonly Entry[], context: RuleContext): Expanded[] {
  const expanded: Expanded[] = [];
  for (const entry of entries) {
    const facts = factsFor(entry, context.source);
    for (const rule of ENTRY_RULES) rule(facts, context);
    const { consumerId, consumerActionId } = entry.fields;
    const action = consumerId === undefined || consumerActionId === undefined ? undefined : catalog.action(consumerId, consumerActionId);
    expanded.push(...expandEntry(entry, publisherOf(entry), action));
  }
  checkUniqueNamesAndIds(entries, context.sink);
  // Copies of a patterned declaration exist only once plan knows the projects; plan checks them then.
  checkDuplicateSubscriptions(
    expanded.filter((item) => item.patterns === undefined),
    context.sink,
  );
  return expanded;
}
