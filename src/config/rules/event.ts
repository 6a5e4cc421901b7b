import { catalog } from "../../catalog/index.js";
import { isLatestResourceVersion } from "../../compare/index.js";
import { didYouMean } from "../../util/suggest.js";
import { RESERVED_PUBLISHER_INPUTS } from "../key.js";
import { report, type EntryFacts, type RuleContext } from "./context.js";
import { eventSpecs } from "./specs.js";
import { valueProblems } from "./values.js";
import { quotedList } from "../../util/text.js";

/** eventType known, publisherId inferred or agreeing; deprecated and uncertain entries warn. */
export function checkEventType({ entry, event }: EntryFacts, context: RuleContext): void {
  const { eventType, publisherId: givenPublisher } = entry.fields;
  if (eventType === undefined) return;
  const givenSpec = givenPublisher === undefined ? undefined : catalog.publisher(givenPublisher);
  if (givenPublisher !== undefined && !givenSpec) {
    const known = catalog.publishers.map((publisher) => publisher.id);
    report(
      context,
      entry,
      "error",
      "unknown-publisher",
      `unknown publisherId "${givenPublisher}".${didYouMean(givenPublisher, known)} It can be left out: hookops infers it from eventType.`,
      ["publisherId"],
    );
  }
  if (!event) {
    const renamed = catalog.eventTypeByFormerId(eventType);
    if (renamed) {
      const { id, name } = renamed.eventType;
      report(context, entry, "error", "unknown-event-type", `eventType "${eventType}" is not an event the service knows; use "${id}" (${name})`, ["eventType"]);
      return;
    }
    const candidates = catalog.eventTypeIds();
    const severity = givenSpec?.uncertain ? "warning" : "error";
    const suffix = severity === "warning" ? ` The catalog's list for publisher "${givenPublisher}" is incomplete, so this may still work.` : "";
    report(context, entry, severity, "unknown-event-type", `unknown eventType "${eventType}".${didYouMean(eventType, candidates)}${suffix}`, ["eventType"]);
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
 * rest); where allowed it is one of the event's versions or "latest". A version from defaults
 * applies only where allowed, so it is checked only there.
 */
export function checkResourceVersion({ entry, event, action }: EntryFacts, context: RuleContext): void {
  const version = entry.fields.resourceVersion;
  if (version === undefined || isLatestResourceVersion(version)) return;
  const written = entry.written.resourceVersion !== undefined;
  const allowed = action?.allowResourceVersionOverride === true;
  if (action && !allowed) {
    if (!written) return;
    const { consumerId, consumerActionId } = entry.fields;
    report(
      context,
      entry,
      "error",
      "resource-version-not-allowed",
      `"${consumerId}/${consumerActionId}" does not let a subscription choose its resourceVersion (the service answers "Resource version '${version}' cannot be set for this action"); remove resourceVersion`,
      ["resourceVersion"],
    );
    return;
  }
  const versions = event?.eventType.resourceVersions ?? [];
  if (!event || versions.length === 0 || versions.includes(version)) return;
  const uncertain = event.eventType.uncertain === true || event.publisher.uncertain === true;
  report(
    context,
    entry,
    uncertain ? "warning" : "error",
    "unknown-resource-version",
    `resourceVersion "${version}" is not a version of "${event.eventType.id}"; use ${quotedList(versions)}, or leave it out (or write "latest") for the newest`,
    ["resourceVersion"],
  );
}

/** publisherInputs: no project or server-added keys, known filters, allowed values, required filters. */
export function checkFilters({ entry, event, filters }: EntryFacts, context: RuleContext): void {
  const specs = event ? eventSpecs(event) : undefined;
  const serverAdded = specs?.serverAdded ?? RESERVED_PUBLISHER_INPUTS;
  for (const key of Object.keys(filters)) {
    if (!serverAdded.has(key)) continue;
    const message =
      key === "projectId"
        ? `publisherInputs.projectId is set by hookops from "project"; write "project: <name or GUID>" on the subscription instead`
        : key === "subscriberId"
          ? `publisherInputs.subscriberId is set by the service for personal, team and Teams app subscriptions; it is not a filter, remove it`
          : `publisherInputs.${key} is added by the service when the subscription is created; remove it (the project comes from "project")`;
    report(context, entry, "error", "reserved-filter", message, ["publisherInputs", key], "key");
  }
  if (!event || !specs) return;
  const uncertainEvent = event.eventType.uncertain === true || event.publisher.uncertain === true;
  const known = specs.list.map((candidate) => candidate.id);
  const knownList = known.length > 0 ? ` Known filters: ${quotedList(known)}.` : ` "${event.eventType.id}" has no filters.`;
  for (const [key, value] of Object.entries(filters)) {
    if (serverAdded.has(key)) continue;
    const spec = specs.byId.get(key);
    if (!spec) {
      // didYouMean is "" exactly when nothing is close.
      const suggestion = didYouMean(key, known) || knownList;
      report(
        context,
        entry,
        uncertainEvent ? "warning" : "error",
        "unknown-filter",
        `unknown filter "${key}" for "${event.eventType.id}".${suggestion}`,
        ["publisherInputs", key],
        "key",
      );
      continue;
    }
    const problems = valueProblems(spec, value, "filter");
    if (problems.error !== undefined) {
      report(context, entry, spec.uncertain || uncertainEvent ? "warning" : "error", "invalid-filter-value", `filter "${key}" ${problems.error}`, [
        "publisherInputs",
        key,
      ]);
    }
    if (problems.unknown !== undefined)
      report(context, entry, "warning", "unknown-filter-value", `filter "${key}" ${problems.unknown}`, ["publisherInputs", key]);
  }
  const unreadable = entry.present.has("publisherInputs") && entry.written.publisherInputs === undefined;
  for (const spec of unreadable ? [] : event.eventType.filters) {
    if (!spec.required || spec.default !== undefined || (filters[spec.id] ?? "") !== "") continue;
    const path = entry.written.publisherInputs ? ["publisherInputs"] : [];
    report(
      context,
      entry,
      spec.uncertain || uncertainEvent ? "warning" : "error",
      "missing-input",
      `"${event.eventType.id}" requires the filter "${spec.id}" in publisherInputs`,
      path,
      "key",
    );
  }
}
