import { catalog } from "../../catalog/index.js";
import type { PublisherSpec } from "../../catalog/types.js";
import { isLatestResourceVersion } from "../../compare/index.js";
import { quotedList } from "../../util/text.js";
import { absence, eventTypeUnconfirmed, publisherUnconfirmed, suggestion } from "./absent.js";
import { report, type EntryFacts, type RuleContext } from "./context.js";

/** eventType known, publisherId inferred or agreeing; deprecated and uncertain entries warn. */
export function checkEventType(facts: EntryFacts, context: RuleContext): void {
  const { entry, event, view, where } = facts;
  const { eventType, publisherId: givenPublisher } = entry.fields;
  if (eventType === undefined) return;
  const givenSpec = givenPublisher === undefined ? undefined : view.publisher(givenPublisher);
  if (givenPublisher !== undefined && !givenSpec) {
    const known = view.publishers.map((publisher) => publisher.id);
    const { severity, note } = absence(context, false, () => publisherUnconfirmed(givenPublisher));
    report(
      context,
      entry,
      severity,
      "unknown-publisher",
      `unknown publisherId "${givenPublisher}"${where}.${suggestion(givenPublisher, known, "publishers")} It can be left out: hookops infers it from eventType.${note}`,
      ["publisherId"],
    );
  }
  if (!event) {
    checkUnknownEventType(facts, context, eventType, givenSpec);
    return;
  }
  if (givenPublisher !== undefined && givenSpec && givenPublisher !== event.publisher.id) {
    report(
      context,
      entry,
      "error",
      "publisher-mismatch",
      `publisherId "${givenPublisher}" does not match eventType "${eventType}", which the "${event.publisher.id}" publisher raises; remove publisherId (it is inferred) or set it to "${event.publisher.id}"`,
      ["publisherId"],
    );
  }
  if (event.eventType.deprecated) {
    report(
      context,
      entry,
      "warning",
      "deprecated-event-type",
      `eventType "${eventType}" (${event.eventType.name}) is deprecated and may stop being delivered`,
      ["eventType"],
    );
  }
  checkUnlisted({ entry, event }, context);
}

/** An event the source does not have: renamed in the catalog, on a publisher the host lacks, or unknown. */
function checkUnknownEventType({ entry, view, where }: EntryFacts, context: RuleContext, eventType: string, givenSpec: PublisherSpec | undefined): void {
  const renamed = catalog.eventTypeByFormerId(eventType);
  if (renamed) {
    const { id, name } = renamed.eventType;
    report(context, entry, "error", "unknown-event-type", `eventType "${eventType}" is not an event the service knows; use "${id}" (${name})`, ["eventType"]);
    return;
  }
  // Online, the host may lack the publisher the event is inferred to come from; its events are then not worth listing.
  const owner = entry.fields.publisherId === undefined ? catalog.eventType(eventType)?.publisher.id : undefined;
  if (owner !== undefined && !view.publisher(owner)) {
    const known = view.publishers.map((publisher) => publisher.id);
    const { severity, note } = absence(context, false, () => publisherUnconfirmed(owner));
    const message = `unknown publisherId "${owner}"${where}, the publisher of "${eventType}".${suggestion(owner, known, "publishers")}${note}`;
    report(context, entry, severity, "unknown-publisher", message, ["eventType"]);
    return;
  }
  const incomplete = ` The catalog's list for publisher "${givenSpec?.id}" is incomplete, so this may still work.`;
  const { severity, note } = absence(context, givenSpec?.uncertain === true, () => eventTypeUnconfirmed(eventType), incomplete);
  const message = `unknown eventType "${eventType}"${where}.${suggestion(eventType, view.eventTypeIds(), "event types")}${note}`;
  report(context, entry, severity, "unknown-event-type", message, ["eventType"]);
}

/** Subscriptions to events the service never lists could not be found again, unless the repo opts in. */
function checkUnlisted({ entry, event }: Pick<EntryFacts, "entry" | "event">, context: RuleContext): void {
  if (!event) return;
  const eventType = event.eventType.id;
  const optedIn = entry.fields.allowUnlistedEvent === true;
  if (!event.eventType.unlisted) {
    if (optedIn)
      report(
        context,
        entry,
        "warning",
        "unlisted-event-type",
        `"allowUnlistedEvent" has no effect: the service lists subscriptions to "${eventType}"; remove it`,
        ["allowUnlistedEvent"],
        "key",
      );
    return;
  }
  if (!optedIn) {
    report(
      context,
      entry,
      "error",
      "unlisted-event-type",
      `the service never lists subscriptions to "${eventType}", so hookops could not see this subscription after creating it and every apply would create it again; set "allowUnlistedEvent: true" to manage it by its id instead`,
      ["eventType"],
    );
  } else if (entry.fields.id === undefined) {
    report(
      context,
      entry,
      "warning",
      "unlisted-event-type",
      `the service never lists subscriptions to "${eventType}", so hookops finds this one only by its id: after the first apply creates it, pin the id it reports ("id: <guid>"), or the next apply creates another`,
      ["allowUnlistedEvent"],
      "key",
    );
  }
}

/**
 * resourceVersion: only actions that allow an override take one (the service answers 400 for the
 * rest); where allowed it is one of the event's (or the action's) versions or "latest".
 */
export function checkResourceVersion({ entry, event, action, where }: EntryFacts, context: RuleContext): void {
  const version = entry.fields.resourceVersion;
  if (version === undefined || isLatestResourceVersion(version)) return;
  const { consumerId = "", consumerActionId = "" } = entry.fields;
  if (action && action.allowResourceVersionOverride !== true) {
    // One from defaults is sent only where the shipped catalog lets the action choose (config/expand).
    if (entry.written.resourceVersion === undefined && !catalog.allowsResourceVersion(consumerId, consumerActionId)) return;
    report(
      context,
      entry,
      "error",
      "resource-version-not-allowed",
      `"${consumerId}/${consumerActionId}"${where} does not let a subscription choose its resourceVersion (the service answers "Resource version '${version}' cannot be set for this action"); remove resourceVersion`,
      ["resourceVersion"],
    );
    return;
  }
  if (!event) return;
  const versions = [...new Set([...event.eventType.resourceVersions, ...(action?.resourceVersions?.[event.eventType.id] ?? [])])];
  if (versions.length === 0 || versions.includes(version)) return;
  const uncertain = event.eventType.uncertain === true || event.publisher.uncertain === true;
  report(
    context,
    entry,
    uncertain ? "warning" : "error",
    "unknown-resource-version",
    `resourceVersion "${version}" is not a version of "${event.eventType.id}"${where}; use ${quotedList(versions)}, or leave it out (or write "latest") for the newest`,
    ["resourceVersion"],
  );
}
