import { RESERVED_PUBLISHER_INPUTS } from "../key.js";
import { absence, filterUnconfirmed, suggestion } from "./absent.js";
import { report, type EntryFacts, type RuleContext } from "./context.js";
import { eventSpecs } from "./specs.js";
import { valueProblems } from "./values.js";

function reservedMessage(key: string): string {
  if (key === "projectId") return `publisherInputs.projectId is set by hookops from "project"; write "project: <name or GUID>" on the subscription instead`;
  if (key === "subscriberId")
    return `publisherInputs.subscriberId is set by the service for personal, team and Teams app subscriptions; it is not a filter, remove it`;
  return `publisherInputs.${key} is added by the service when the subscription is created; remove it (the project comes from "project")`;
}

/** publisherInputs: no project or server-added keys, known filters, allowed values, required filters. */
export function checkFilters({ entry, event, filters, where }: EntryFacts, context: RuleContext): void {
  const specs = event ? eventSpecs(event) : undefined;
  const serverAdded = specs?.serverAdded ?? RESERVED_PUBLISHER_INPUTS;
  for (const key of Object.keys(filters)) {
    if (serverAdded.has(key)) report(context, entry, "error", "reserved-filter", reservedMessage(key), ["publisherInputs", key], "key");
  }
  if (!event || !specs) return;
  const eventType = event.eventType.id;
  const uncertainEvent = event.eventType.uncertain === true || event.publisher.uncertain === true;
  const known = specs.list.map((candidate) => candidate.id);
  for (const [key, value] of Object.entries(filters)) {
    if (serverAdded.has(key)) continue;
    const spec = specs.byId.get(key);
    if (!spec) {
      const hint = suggestion(key, known, "filters") || (known.length === 0 ? ` "${eventType}" has no filters.` : "");
      const { severity, note } = absence(context, uncertainEvent, () => filterUnconfirmed(eventType, key));
      report(context, entry, severity, "unknown-filter", `unknown filter "${key}" for "${eventType}"${where}.${hint}${note}`, ["publisherInputs", key], "key");
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
    report(
      context,
      entry,
      spec.uncertain || uncertainEvent ? "warning" : "error",
      "missing-input",
      `"${eventType}"${where} requires the filter "${spec.id}" in publisherInputs`,
      entry.written.publisherInputs ? ["publisherInputs"] : [],
      "key",
    );
  }
}
