import type { DesiredEntry, LiveItem } from "./entries.js";
import type { DeclarationMatch } from "./types.js";
import { baseKey, isUnhealthy, naturalKey } from "../compare/index.js";

export interface MatchedPair {
  entry: DesiredEntry;
  item: LiveItem;
  /** "edit": an edited declaration paired with its earlier version (see pairing.ts). */
  by: "id" | "key" | "edit";
  /** For "edit": why the live subscription is hookops' to change. */
  proof?: string;
}

export interface MatchResult {
  pairs: MatchedPair[];
  /** Desired subscriptions with no live counterpart: creates. */
  unmatched: DesiredEntry[];
  /** Live subscriptions no desired subscription claimed, in listing order. */
  leftover: LiveItem[];
  /** Live ids that must not be deleted because a desired subscription may mean them. */
  held: Set<string>;
  /** Live id -> name of the desired subscription it duplicates (same natural key, not the one kept). */
  duplicateOf: Map<string, string>;
  warnings: string[];
  refusals: string[];
}

/**
 * Among live subscriptions with the same key, keep a healthy one, then the oldest, then the lowest
 * id: a choice that depends on nothing but the subscriptions, so two runs (even concurrent ones)
 * keep the same one. Healthy first, because a probation repair that created the replacement but
 * could not delete the old copy must not have its new subscription deleted next time (R6).
 */
export function preferenceOrder(a: LiveItem, b: LiveItem): number {
  const healthyA = isUnhealthy(a.status) ? 1 : 0;
  const healthyB = isUnhealthy(b.status) ? 1 : 0;
  if (healthyA !== healthyB) return healthyA - healthyB;
  const dateA = a.live.createdDate ?? "\uffff";
  const dateB = b.live.createdDate ?? "\uffff";
  if (dateA !== dateB) return dateA < dateB ? -1 : 1;
  return a.live.id < b.live.id ? -1 : a.live.id > b.live.id ? 1 : 0;
}

function keyInputsAgree(entry: DesiredEntry, item: LiveItem): boolean {
  return Object.entries(entry.key.keyInputs).every(([inputId, value]) => entry.unresolvedKeyInputs.includes(inputId) || item.key.keyInputs[inputId] === value);
}

/**
 * Pairs desired with live subscriptions: a pinned id first, then the natural key. Desired
 * subscriptions whose key input cannot be resolved match the only live subscription that agrees
 * on everything else; several such candidates make the plan refuse rather than guess.
 */
export function matchSubscriptions(entries: readonly DesiredEntry[], items: readonly LiveItem[]): MatchResult {
  const result: MatchResult = { pairs: [], unmatched: [], leftover: [], held: new Set(), duplicateOf: new Map(), warnings: [], refusals: [] };
  const byId = new Map(items.map((item) => [item.live.id.toLowerCase(), item]));
  const claimedBy = new Map<string, string>();
  const claim = (entry: DesiredEntry, item: LiveItem, by: "id" | "key"): void => {
    claimedBy.set(item.live.id, entry.desired.name);
    result.pairs.push({ entry, item, by });
  };

  const byKeyQueue: DesiredEntry[] = [];
  for (const entry of entries) {
    const pinned = entry.desired.id;
    if (pinned === undefined) {
      byKeyQueue.push(entry);
      continue;
    }
    const item = byId.get(pinned.toLowerCase());
    const owner = item ? claimedBy.get(item.live.id) : undefined;
    if (!item) {
      result.warnings.push(`"${entry.desired.name}" pins id ${pinned}, which no live subscription has; it is matched by its key instead.`);
      byKeyQueue.push(entry);
    } else if (owner !== undefined) {
      result.warnings.push(`"${entry.desired.name}" pins id ${pinned}, which "${owner}" already pins; it is matched by its key instead.`);
      byKeyQueue.push(entry);
    } else {
      claim(entry, item, "id");
    }
  }

  const groups = groupBy(
    items.filter((item) => !claimedBy.has(item.live.id)),
    (item) => naturalKey(item.key),
  );
  for (const group of groups.values()) group.sort(preferenceOrder);

  const withUnresolvedKey: DesiredEntry[] = [];
  for (const entry of byKeyQueue) {
    if (entry.unresolvedKeyInputs.length > 0) {
      withUnresolvedKey.push(entry);
      continue;
    }
    const candidate = groups.get(naturalKey(entry.key))?.find((item) => !claimedBy.has(item.live.id));
    if (candidate) claim(entry, candidate, "key");
    else result.unmatched.push(entry);
  }

  if (withUnresolvedKey.length > 0) {
    const byBase = groupBy(items, (item) => baseKey(item.key));
    for (const group of byBase.values()) group.sort(preferenceOrder);
    for (const entry of withUnresolvedKey) matchWithoutKeyInputs(entry, byBase.get(baseKey(entry.key)) ?? [], claimedBy, claim, result);
  }

  const reportedKeys = new Set<string>();
  for (const { entry } of result.pairs) {
    const key = naturalKey(entry.key);
    if (reportedKeys.has(key)) continue;
    reportedKeys.add(key);
    const extras = (groups.get(key) ?? []).filter((item) => !claimedBy.has(item.live.id) && !result.held.has(item.live.id));
    for (const extra of extras) result.duplicateOf.set(extra.live.id, entry.desired.name);
  }

  result.leftover = items.filter((item) => !claimedBy.has(item.live.id));
  return result;
}

function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const key = keyOf(value);
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return groups;
}

/** `sameBase`: the live subscriptions whose key equals the entry's but for the key inputs, in preference order. */
function matchWithoutKeyInputs(
  entry: DesiredEntry,
  sameBase: readonly LiveItem[],
  claimedBy: Map<string, string>,
  claim: (entry: DesiredEntry, item: LiveItem, by: "id" | "key") => void,
  result: MatchResult,
): void {
  const { name } = entry.desired;
  const inputs = entry.unresolvedKeyInputs.map((inputId) => `consumerInputs.${inputId}`).join(", ");
  const candidates = sameBase.filter((item) => !claimedBy.has(item.live.id) && keyInputsAgree(entry, item));
  const [only] = candidates;
  if (only && candidates.length === 1) {
    result.warnings.push(
      `"${name}": ${inputs} could not be resolved here; matched the only live subscription that agrees on everything else (${only.live.id}).`,
    );
    claim(entry, only, "key");
  } else if (candidates.length > 1) {
    for (const candidate of candidates) result.held.add(candidate.live.id);
    result.refusals.push(
      `"${name}": ${inputs} could not be resolved here and ${candidates.length} live subscriptions could be the one it means (${candidates.map((c) => c.live.id).join(", ")}). Make the referenced value available or pin an id.`,
    );
  } else {
    result.warnings.push(`"${name}": ${inputs} could not be resolved here; no live subscription resembles it, so it is created.`);
    result.unmatched.push(entry);
  }
}

/** Every declaration with the live subscription the match gave it (after edit pairing), for ReconcileInput.onMatch. */
export function declarationMatches(entries: readonly DesiredEntry[], match: MatchResult): DeclarationMatch[] {
  const liveIds = new Map(match.pairs.map((pair) => [pair.entry, pair.item.live.id]));
  const unmatched = new Set(match.unmatched);
  return entries.map((entry) => {
    const liveId = liveIds.get(entry);
    const outcome = liveId !== undefined ? "matched" : unmatched.has(entry) ? "unmatched" : "ambiguous";
    const base = { name: entry.desired.name, project: entry.project, host: entry.host, outcome, body: entry.body, secretInputs: entry.secretInputs } as const;
    return liveId === undefined ? base : { ...base, liveId };
  });
}
