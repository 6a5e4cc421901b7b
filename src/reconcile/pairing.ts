import { catalog } from "../catalog/index.js";
import type { DeleteRule } from "./deletes.js";
import type { DesiredEntry, LiveItem } from "./entries.js";
import type { MatchResult } from "./match.js";

export interface PairingContext {
  rule: DeleteRule;
  protectedIds: ReadonlySet<string>;
  selfId: string;
  pruneEnabled: boolean;
}

/** Where events come from and which consumer action takes them; filters and targets may differ. */
function slotOf(parts: { projectId: string; publisherId: string; eventType: string; consumerId: string; consumerActionId: string }): string {
  return JSON.stringify([parts.projectId, parts.publisherId, parts.eventType, parts.consumerId, parts.consumerActionId]);
}

function creatorId(item: LiveItem): string | undefined {
  const id = item.live.createdBy?.id?.trim().toLowerCase();
  return id === undefined || id === "" ? undefined : id;
}

/** Why hookops may change this live subscription in place of creating a new one; undefined when it may not. */
function ownership(item: LiveItem, context: PairingContext): { proof?: string; refusal?: string } {
  if (context.protectedIds.has(item.live.id)) return { refusal: "it matches a protect selector" };
  const creator = creatorId(item);
  if (creator !== undefined && creator === context.selfId.trim().toLowerCase()) return { proof: "created by the identity running hookops" };
  const blocker = context.rule.blocker(item);
  if (context.pruneEnabled && blocker === undefined) return { proof: "inside the prune scope" };
  if (creator === undefined) {
    return { refusal: "the service records no creator for it (as for service principals and the build service), so it cannot be shown to be hookops' own" };
  }
  return { refusal: context.pruneEnabled ? (blocker ?? "it is not hookops' own") : "it was not created by the identity running hookops (and prune is off)" };
}

/**
 * One declaration, one subscription: a declared, unpinned subscription with no live match is
 * paired with the only undeclared live subscription in the same slot (project, event, consumer
 * action) when that one is provably hookops' own. Its fields then change in place, instead of a
 * second subscription being created next to the one the declaration used to describe.
 * Moves what it pairs from `unmatched`/`leftover` into `pairs`; returns why it left others alone.
 */
export function pairEditedDeclarations(match: MatchResult, context: PairingContext): string[] {
  const notes: string[] = [];
  const entriesBySlot = new Map<string, DesiredEntry[]>();
  for (const entry of match.unmatched) {
    if (entry.desired.id !== undefined || entry.unresolvedKeyInputs.length > 0 || catalog.isUnlistedEvent(entry.desired.eventType)) continue;
    const slot = slotOf(entry.key);
    entriesBySlot.set(slot, [...(entriesBySlot.get(slot) ?? []), entry]);
  }
  if (entriesBySlot.size === 0) return notes;
  const itemsBySlot = new Map<string, LiveItem[]>();
  for (const item of match.leftover) {
    if (match.duplicateOf.has(item.live.id) || match.held.has(item.live.id)) continue;
    const slot = slotOf(item.key);
    if (entriesBySlot.has(slot)) itemsBySlot.set(slot, [...(itemsBySlot.get(slot) ?? []), item]);
  }

  const paired = new Set<DesiredEntry>();
  const taken = new Set<LiveItem>();
  for (const [slot, entries] of entriesBySlot) {
    const items = itemsBySlot.get(slot) ?? [];
    if (items.length === 0) continue;
    const names = entries.map((entry) => `"${entry.desired.name}"`).join(", ");
    const ids = items.map((item) => item.live.id).join(", ");
    const [entry] = entries;
    const [item] = items;
    if (entries.length > 1 || items.length > 1 || entry === undefined || item === undefined) {
      notes.push(
        `${names} ${entries.length === 1 ? "has" : "have"} no live match, and ${items.length === 1 ? "live subscription" : "live subscriptions"} ${ids} in the same project, event and consumer action could be ${entries.length === 1 ? "its" : "their"} earlier version; hookops cannot tell which is which, so new ones are created and these are left alone. Pin an id to change one in place.`,
      );
      continue;
    }
    const { proof, refusal } = ownership(item, context);
    if (proof === undefined) {
      notes.push(
        `"${entry.desired.name}" has no live match; ${item.live.id} (${item.label}) in the same project, event and consumer action may be its earlier version, but ${refusal ?? "it is not hookops' own"}, so a new subscription is created and ${item.live.id} is left alone. Pin id ${item.live.id} to change it in place, or delete it.`,
      );
      continue;
    }
    match.pairs.push({ entry, item, by: "edit", proof });
    paired.add(entry);
    taken.add(item);
  }
  match.unmatched = match.unmatched.filter((entry) => !paired.has(entry));
  match.leftover = match.leftover.filter((item) => !taken.has(item));
  return notes;
}
