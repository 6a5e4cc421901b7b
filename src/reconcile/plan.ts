import type { LiveSubscription } from "../ado/types.js";
import { catalog } from "../catalog/index.js";
import { diffPair, createFields, type DiffContext } from "./diff.js";
import { ORGANIZATION_WIDE, toDesiredEntry, toLiveItem, type DesiredEntry, type LiveItem } from "./entries.js";
import type { MatchedPair } from "./match.js";
import { declarationMatches, matchSubscriptions } from "./match.js";
import { pairEditedDeclarations } from "./pairing.js";
import { judgeUnlistedEvents } from "./unlisted.js";
import { desiredStatus, isUnhealthy, normalizeProjectId } from "../compare/index.js";
import { DeleteRule, judgeDeleteCount, type DeleteCounts } from "./deletes.js";
import { buildScope, creatorlessWarning, isInScope, isProtected, ProjectIndex } from "./ownership.js";
import type { ChangeAction, FieldChange, FingerprintEntry, LiveEntry, Plan, PlannedChange, ReconcileInput, UnhealthyEntry, UnreadScope } from "./types.js";
import { countOf, nounForCount } from "../util/text.js";
import { didYouMean } from "../util/suggest.js";

const ACTION_ORDER: Record<ChangeAction, number> = { create: 0, replace: 1, update: 2, repair: 3, delete: 4 };

function compareChanges(a: PlannedChange, b: PlannedChange): number {
  return ACTION_ORDER[a.action] - ACTION_ORDER[b.action] || a.name.localeCompare(b.name, "en") || (a.liveId ?? "").localeCompare(b.liveId ?? "", "en");
}

function changeFromDesired(entry: DesiredEntry, action: ChangeAction, fields: FieldChange[], reasons: string[], item?: LiveItem): PlannedChange {
  const { desired } = entry;
  const live = item?.live;
  return {
    action,
    name: desired.name,
    ...(desired.organizationWide === true ? { organizationWide: true as const } : { project: entry.project.name, projectId: entry.project.id }),
    host: entry.host,
    ...(live ? { liveId: live.id } : {}),
    publisherId: desired.publisherId,
    eventType: desired.eventType,
    consumerId: desired.consumerId,
    consumerActionId: desired.consumerActionId,
    reasons,
    fields,
    body: withServerInputs(entry, action, live),
    secretInputs: entry.secretInputs,
    ...(item ? { liveStatus: item.status } : {}),
    ...(live?.probationRetries === undefined ? {} : { probationRetries: live.probationRetries }),
  };
}

/**
 * A PUT replaces the whole subscription: the subscriberId the service gave a personal or team
 * subscription (R10) goes back with it, or the update would change whom it belongs to.
 */
function withServerInputs(entry: DesiredEntry, action: ChangeAction, live: LiveSubscription | undefined): PlannedChange["body"] {
  const subscriberId = live?.publisherInputs.subscriberId;
  if ((action !== "update" && action !== "repair") || subscriberId === undefined || subscriberId === "") return entry.body;
  return { ...entry.body, publisherInputs: { ...entry.body.publisherInputs, subscriberId } };
}

function liveEntry(item: LiveItem, projects: ProjectIndex, name: string): LiveEntry {
  const { live } = item;
  const projectId = live.publisherInputs.projectId;
  const project = projectId ? (projects.nameOf(projectId) ?? projectId) : undefined;
  const createdBy = live.createdBy?.displayName ?? live.createdBy?.uniqueName ?? live.createdBy?.id;
  return {
    id: live.id,
    name,
    ...(project === undefined ? {} : { project }),
    ...(projectId ? { projectId } : { organizationWide: true as const }),
    host: item.host,
    status: item.status,
    ...(createdBy === undefined ? {} : { createdBy }),
  };
}

function deleteChange(item: LiveItem, projects: ProjectIndex, duplicateOf: string | undefined): PlannedChange {
  const { live } = item;
  const entry = liveEntry(item, projects, item.label);
  return {
    action: "delete",
    name: item.label,
    ...(entry.project === undefined ? {} : { project: entry.project }),
    ...(entry.projectId === undefined ? {} : { projectId: entry.projectId }),
    ...(entry.organizationWide === undefined ? {} : { organizationWide: entry.organizationWide }),
    host: item.host,
    liveId: live.id,
    publisherId: live.publisherId,
    eventType: live.eventType,
    consumerId: live.consumerId,
    consumerActionId: live.consumerActionId,
    reasons: [duplicateOf === undefined ? "not in the configuration" : `duplicate of "${duplicateOf}"`],
    fields: [],
    liveStatus: item.status,
  };
}

interface PairOutcome {
  change?: PlannedChange;
  uncompared: number;
}

/** Decides what one matched pair needs: nothing, an update, a repair or a replace. */
function planPair(pair: MatchedPair, context: DiffContext, replaceSecrets: boolean): PairOutcome {
  const { entry, item } = pair;
  const diff = diffPair(entry, item, context);
  const reasons: string[] = [];
  const hasSecrets = entry.secretInputs.length > 0;
  let action: ChangeAction | undefined;
  // A replaced subscription to an event the service never lists would lose its pinned id (R4).
  const inputsOnly = diff.keyFields.every((field) => field.field.startsWith("publisherInputs.") || field.field.startsWith("consumerInputs."));
  const unlistedInPlace = catalog.isUnlistedEvent(entry.desired.eventType) && inputsOnly && diff.keyFields.length > 0;
  if (pair.by === "edit" || unlistedInPlace) {
    // The declaration was edited: its earlier version changes in place, so events never go to both.
    const fields = [...diff.keyFields, ...diff.fields].map(({ forcesReplacement: _replaces, ...field }) => field);
    const reasons = [
      pair.by === "edit"
        ? `edited declaration: changes ${item.live.id} (${item.label}) in place, ${pair.proof ?? "hookops' own"}`
        : "changed in place: the service never lists this event, so a new subscription could not be found again",
    ];
    return { change: changeFromDesired(entry, "update", fields, reasons, item), uncompared: diff.uncompared };
  }
  if (diff.keyFields.length > 0) {
    action = "replace";
    reasons.push("a keyed field changed: the new subscription is created before the old one is deleted");
  } else if (isUnhealthy(item.status) && entry.desired.enabled) {
    action = "repair";
    const count = item.live.probationRetries;
    const retries = count === undefined ? "" : ` (${count} probation ${count === 1 ? "retry" : "retries"})`;
    reasons.push(`repair: ${item.status} -> ${desiredStatus(true)}${retries}`);
  } else if (diff.fields.length > 0) {
    action = "update";
  } else if (replaceSecrets && hasSecrets) {
    action = "update";
  }
  if (action === undefined) return { uncompared: diff.uncompared };

  const fields = [...diff.keyFields, ...diff.fields];
  if (replaceSecrets && hasSecrets && action !== "replace") {
    reasons.push("secrets re-sent");
    for (const inputId of entry.secretInputs) {
      const field = `consumerInputs.${inputId}`;
      if (!fields.some((change) => change.field === field)) fields.push({ field, sensitive: true, resent: true });
    }
  }
  return { change: changeFromDesired(entry, action, fields, reasons, item), uncompared: diff.uncompared };
}

/** Reconciles desired against live subscriptions into a plan. Pure: no I/O, no secrets in the result. */
export function buildPlan(input: ReconcileInput): Plan {
  const projects = new ProjectIndex(input.projects);
  const warnings: string[] = [];
  const refusals: string[] = [];

  const entries: DesiredEntry[] = [];
  for (const desired of input.desired) {
    const project = desired.organizationWide === true ? ORGANIZATION_WIDE : projects.resolve(desired.project);
    if (!project) {
      const at = desired.projectSource ?? desired.source;
      const where = `${at.file}:${at.line}:${at.column}`;
      const known = input.projects.map((reference) => reference.name);
      refusals.push(
        `${where}: "${desired.name}" names project "${desired.project}", which does not exist in ${input.organization}.${didYouMean(desired.project, known)}`,
      );
      continue;
    }
    const entry = toDesiredEntry(desired, project, input.resolveReference);
    refusals.push(...entry.problems);
    entries.push(entry);
  }
  const items = uniqueById(input.live).map(toLiveItem);
  const match = matchSubscriptions(entries, items);
  warnings.push(...match.warnings);
  refusals.push(...match.refusals);
  const protectedIds = new Set(items.filter((item) => isProtected(item.live, input.protect, projects)).map((item) => item.live.id));
  const scope = buildScope(
    input.prune,
    entries.flatMap((entry) => (entry.desired.organizationWide === true ? [] : [entry.project.id])),
    projects,
    input.selfId,
    warnings,
  );
  const rule = new DeleteRule(scope, protectedIds, projects);
  const unlisted = judgeUnlistedEvents(match);
  warnings.push(...unlisted.warnings);
  refusals.push(...unlisted.refusals);
  warnings.push(...pairEditedDeclarations(match, { rule, protectedIds, selfId: input.selfId, pruneEnabled: input.prune.enabled }));
  input.onMatch?.(declarationMatches(entries, match));
  const counts: DeleteCounts = { prune: 0, duplicate: 0, replace: 0 };

  const changes: PlannedChange[] = [];
  const touched: LiveSubscription[] = [];
  const unhealthy: UnhealthyEntry[] = [];
  const context: DiffContext = { projects, resolveReference: input.resolveReference };
  let noop = 0;
  let uncompared = 0;
  for (const pair of match.pairs) {
    const isProtectedPair = protectedIds.has(pair.item.live.id);
    if (isUnhealthy(pair.item.status)) unhealthy.push(unhealthyEntry(pair.item, projects, pair.entry.desired.name, true, isProtectedPair));
    if (isProtectedPair) {
      warnings.push(`"${pair.entry.desired.name}" matches live subscription ${pair.item.live.id}, which is protected; it is left untouched.`);
      continue;
    }
    touched.push(pair.item.live);
    const outcome = planPair(pair, context, input.replaceSecrets ?? false);
    uncompared += outcome.uncompared;
    const { change } = outcome;
    if (change === undefined) {
      noop += 1;
      continue;
    }
    const blocker = change.action === "replace" || change.action === "repair" ? rule.blocker(pair.item) : undefined;
    if (change.action === "replace" && blocker !== undefined) {
      const fields = change.fields.filter((field) => field.forcesReplacement).map((field) => field.field);
      refusals.push(
        `"${change.name}": a change of ${fields.join(", ")} needs a replace (a new subscription created, then ${pair.item.live.id} deleted), but ${pair.item.live.id} may not be deleted: ${blocker}.`,
      );
      continue;
    }
    if (change.action === "replace") counts.replace += 1;
    if (change.action === "repair") change.mayRecreate = blocker === undefined;
    changes.push(change);
  }
  for (const entry of match.unmatched) changes.push(changeFromDesired(entry, "create", createFields(entry), []));
  if (uncompared > 0) {
    warnings.push(
      `${countOf(uncompared, "input")} holding \${env:…}/\${file:…} references could not be compared (value not available here, or masked by the service); --replace-secrets re-sends them.`,
    );
  }

  const deleted = new Set<string>();
  const duplicatesKept = new Map<string, string[]>();
  for (const item of match.leftover) {
    const duplicateOf = match.duplicateOf.get(item.live.id);
    if (duplicateOf === undefined) continue;
    const blocker = rule.blocker(item);
    if (blocker !== undefined) {
      duplicatesKept.set(duplicateOf, [...(duplicatesKept.get(duplicateOf) ?? []), `${item.live.id} (${blocker})`]);
      continue;
    }
    changes.push(deleteChange(item, projects, duplicateOf));
    touched.push(item.live);
    deleted.add(item.live.id);
    counts.duplicate += 1;
  }
  for (const [name, kept] of duplicatesKept) {
    warnings.push(
      `"${name}" has ${kept.length} duplicate live ${nounForCount(kept.length, "subscription")} that hookops may not delete: ${kept.join("; ")}. Events reach the target once per copy.`,
    );
  }

  const inScope = match.leftover.filter((item) => !match.duplicateOf.has(item.live.id) && isInScope(item.live, scope));
  const prunable = inScope.filter((item) => !protectedIds.has(item.live.id) && !match.held.has(item.live.id));
  if (input.prune.enabled) {
    const undeclared = match.leftover.filter((item) => !match.duplicateOf.has(item.live.id) && !protectedIds.has(item.live.id)).map((item) => item.live);
    const creatorless = creatorlessWarning(undeclared, scope, (projectId) => projects.nameOf(projectId) ?? projectId);
    if (creatorless !== undefined) warnings.push(creatorless);
    for (const item of prunable) {
      changes.push(deleteChange(item, projects, undefined));
      touched.push(item.live);
      deleted.add(item.live.id);
      counts.prune += 1;
    }
  }
  refusals.push(...judgeDeleteCount(counts, input.prune, input.desired.length, input.allowDeletes));

  const unmanaged: LiveEntry[] = [];
  for (const item of inScope) {
    if (deleted.has(item.live.id)) continue;
    const isProtectedItem = protectedIds.has(item.live.id);
    unmanaged.push({ ...liveEntry(item, projects, item.label), ...(isProtectedItem ? { protected: true } : {}) });
    if (isUnhealthy(item.status)) unhealthy.push(unhealthyEntry(item, projects, item.label, false, isProtectedItem));
  }

  const kept = withholdUnread(changes, input.unread, projects, warnings, refusals);
  return {
    formatVersion: 1,
    organization: input.organization,
    createdAt: input.createdAt ?? new Date().toISOString(),
    changes: kept.sort(compareChanges),
    noop,
    unmanaged,
    unhealthy,
    warnings,
    refusals,
    fingerprint: fingerprintOf(touched),
  };
}

function inUnreadScope(change: PlannedChange, scope: UnreadScope): boolean {
  if (change.host !== scope.host) return false;
  if (scope.organizationWide === true) return normalizeProjectId(change.projectId) === "";
  return scope.projectId === undefined || normalizeProjectId(scope.projectId) === normalizeProjectId(change.projectId);
}

/**
 * A listing that failed is never read as "nothing there": creates, replaces and deletes in that
 * part of the organization are withheld and the plan is refused, saying what could not be read.
 */
function withholdUnread(
  changes: PlannedChange[],
  unread: readonly UnreadScope[],
  projects: ProjectIndex,
  warnings: string[],
  refusals: string[],
): PlannedChange[] {
  if (unread.length === 0) return changes;
  const withheld = new Set<PlannedChange>();
  for (const scope of unread) {
    const affected = changes.filter((change) => change.action !== "update" && change.action !== "repair" && inUnreadScope(change, scope));
    const what =
      scope.organizationWide === true
        ? `the organization-wide list (subscriptions without a project) of the ${scope.host} host (${scope.where})`
        : scope.projectId === undefined
          ? `the ${scope.host} host (${scope.where})`
          : `project ${projects.nameOf(scope.projectId) ?? scope.projectId} on the ${scope.host} host (${scope.where})`;
    if (affected.length === 0) {
      warnings.push(`The subscriptions of ${what} could not be listed (${scope.reason}); no change in this plan concerns it.`);
      continue;
    }
    for (const change of affected) withheld.add(change);
    const names = affected.map((change) => `${change.action} "${change.name}"`).join(", ");
    refusals.push(
      `The subscriptions of ${what} could not be listed: ${scope.reason} Without a complete view a create could duplicate a subscription that exists and a delete could hit the wrong one, so ${countOf(affected.length, "change")} there ${affected.length === 1 ? "is" : "are"} withheld (${names}). Run again once it can be read.`,
    );
  }
  return changes.filter((change) => !withheld.has(change));
}

/** Both hosts may list the same subscription; seeing it twice must not make it its own duplicate. */
function uniqueById(live: readonly LiveSubscription[]): LiveSubscription[] {
  const seen = new Set<string>();
  return live.filter((subscription) => {
    const id = subscription.id.toLowerCase();
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function unhealthyEntry(item: LiveItem, projects: ProjectIndex, name: string, managed: boolean, isProtectedItem: boolean): UnhealthyEntry {
  const { live } = item;
  return {
    ...liveEntry(item, projects, name),
    ...(isProtectedItem ? { protected: true } : {}),
    managed,
    ...(live.probationRetries === undefined ? {} : { probationRetries: live.probationRetries }),
    ...(live.lastProbationRetryDate === undefined ? {} : { lastProbationRetryDate: live.lastProbationRetryDate }),
  };
}

function fingerprintOf(subscriptions: readonly LiveSubscription[]): FingerprintEntry[] {
  const byId = new Map<string, FingerprintEntry>();
  for (const live of subscriptions) byId.set(live.id, { id: live.id, ...(live.modifiedDate === undefined ? {} : { modifiedDate: live.modifiedDate }) });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
