import type { Entry } from "../entries.js";
import { locateField } from "../entries.js";
import type { Expanded } from "../expand.js";
import type { FindingSink } from "../findings.js";
import { keyInputIds, naturalKey } from "../key.js";
import type { SourceLocation } from "../types.js";

function at(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** Names and pinned ids are unique across the repository. */
export function checkUniqueNamesAndIds(entries: readonly Entry[], sink: FindingSink): void {
  const names = new Map<string, Entry>();
  const ids = new Map<string, Entry>();
  for (const entry of entries) {
    const name = entry.written.name;
    if (name !== undefined) {
      const first = names.get(name);
      if (first)
        sink.error(
          "duplicate-name",
          `name "${name}" is already used by the subscription at ${at(first.source)}; names must be unique in the repository`,
          locateField(entry, ["name"]),
        );
      else names.set(name, entry);
    }
    const id = entry.written.id?.toLowerCase();
    if (id !== undefined) {
      const first = ids.get(id);
      if (first)
        sink.error(
          "duplicate-id",
          `id "${entry.written.id}" is already pinned by "${first.written.name ?? "a subscription"}" at ${at(first.source)}`,
          locateField(entry, ["id"]),
        );
      else ids.set(id, entry);
    }
  }
}

/** Two subscriptions with the same natural key would be one live subscription (or two identical ones). */
export function checkDuplicateSubscriptions(expanded: readonly Expanded[], sink: FindingSink): void {
  const seen = new Map<string, Expanded>();
  for (const item of expanded) {
    const key = naturalKey(item.subscription);
    const first = seen.get(key);
    if (!first) {
      seen.set(key, item);
      continue;
    }
    const targets = keyInputIds(item.subscription.consumerId, item.subscription.consumerActionId).join(", ");
    const location =
      first.entry === item.entry && item.projectIndex !== undefined ? locateField(item.entry, ["projects", item.projectIndex]) : item.entry.source;
    sink.error(
      "duplicate-subscription",
      `"${item.subscription.name}" is the same subscription as "${first.subscription.name}" (${at(first.entry.source)}): same project, event, filters, consumer, action and ${targets}`,
      location,
    );
  }
}
