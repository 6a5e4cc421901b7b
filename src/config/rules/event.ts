import { catalog } from "../../catalog/index.js";
import { didYouMean } from "../../util/suggest.js";
import { RESERVED_PUBLISHER_INPUTS } from "../key.js";
import { quoted, report, type EntryFacts, type RuleContext } from "./context.js";
import { eventSpecs } from "./specs.js";
import { valueProblem } from "./values.js";

/** eventType known, publisherId inferred or agreeing; deprecated and uncertain entries warn. */
export function checkEventType({ entry, event }: EntryFacts, context: RuleContext): void {
  const { eventType, publisherId: givenPublisher } = entry.fields;
  if (eventType === undefined) return;
  const givenSpec = givenPublisher === undefined ? undefined : catalog.publisher(givenPublisher);
  if (givenPublisher !== undefined && !givenSpec) {
    const known = catalog.publishers.map((publisher) => publisher.id);
    report(context, entry, "error", "unknown-publisher", `unknown publisherId "${givenPublisher}".${didYouMean(givenPublisher, known)} It can be left out: hookops infers it from eventType.`, ["publisherId"]);
  }
  if (!event) {
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
    report(context, entry, "warning", "deprecated-event-type", `eventType "${eventType}" (${event.eventType.name}) is deprecated and may stop being delivered`, ["eventType"]);
  }
  const version = entry.fields.resourceVersion;
  const versions = event.eventType.resourceVersions;
  if (version !== undefined && versions.length > 0 && !versions.includes(version)) {
    report(context, entry, "warning", "unknown-resource-version", `resourceVersion "${version}" is not a known version of "${eventType}" (known: ${quoted(versions)})`, ["resourceVersion"]);
  }
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
        : `publisherInputs.${key} is added by the service when the subscription is created; remove it (the project comes from "project")`;
    report(context, entry, "error", "reserved-filter", message, ["publisherInputs", key], "key");
  }
  if (!event || !specs) return;
  const uncertainEvent = event.eventType.uncertain === true || event.publisher.uncertain === true;
  const known = specs.list.map((candidate) => candidate.id);
  const knownList = known.length > 0 ? ` Known filters: ${quoted(known)}.` : ` "${event.eventType.id}" has no filters.`;
  for (const [key, value] of Object.entries(filters)) {
    if (serverAdded.has(key)) continue;
    const spec = specs.byId.get(key);
    if (!spec) {
      // didYouMean is "" exactly when nothing is close.
      const suggestion = didYouMean(key, known) || knownList;
      report(context, entry, uncertainEvent ? "warning" : "error", "unknown-filter", `unknown filter "${key}" for "${event.eventType.id}".${suggestion}`, ["publisherInputs", key], "key");
      continue;
    }
    const problem = valueProblem(spec, value, "filter");
    if (problem) {
      report(context, entry, spec.uncertain || uncertainEvent ? "warning" : "error", "invalid-filter-value", `filter "${key}" ${problem}`, ["publisherInputs", key]);
    }
  }
  const unreadable = entry.present.has("publisherInputs") && entry.written.publisherInputs === undefined;
  for (const spec of unreadable ? [] : event.eventType.filters) {
    if (!spec.required || spec.default !== undefined || (filters[spec.id] ?? "") !== "") continue;
    const path = entry.written.publisherInputs ? ["publisherInputs"] : [];
    report(context, entry, spec.uncertain || uncertainEvent ? "warning" : "error", "missing-input", `"${event.eventType.id}" requires the filter "${spec.id}" in publisherInputs`, path, "key");
  }
}
