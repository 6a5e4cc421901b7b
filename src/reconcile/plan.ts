import type { LiveSubscription } from "../ado/types.js";
import { diffPair, createFields, type DiffContext } from "./diff.js";
import { toDesiredEntry, toLiveItem, type DesiredEntry, type LiveItem } from "./entries.js";
import type { MatchedPair } from "./match.js";
import { matchSubscriptions } from "./match.js";
import { desiredStatus, isUnhealthy } from "../identity/index.js";
import { buildScope, isInScope, isProtected, judgeDeletions, plural, ProjectIndex } from "./ownership.js";
import type { ChangeAction, FieldChange, FingerprintEntry, LiveEntry, Plan, PlannedChange, ReconcileInput, UnhealthyEntry } from "./types.js";

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
    project: entry.project.name,
    projectId: entry.project.id,
    host: entry.host,
    ...(live ? { liveId: live.id } : {}),
    publisherId: desired.publisherId,
    eventType: desired.eventType,
    consumerId: desired.consumerId,
    consumerActionId: desired.consumerActionId,
    reasons,
    fields,
    body: entry.body,
    secretInputs: entry.secretInputs,
    ...(item ? { liveStatus: item.status } : {}),
    ...(live?.probationRetries === undefined ? {} : { probationRetries: live.probationRetries }),
  };
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
    ...(projectId ? { projectId } : {}),
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
  if (!input.liveComplete) {
    warnings.push("Live subscriptions could not all be listed: creates may duplicate subscriptions that were not listed, and nothing is deleted.");
  }

  const entries: DesiredEntry[] = [];
  for (const desired of input.desired) {
    const project = projects.resolve(desired.project);
    if (project) entries.push(toDesiredEntry(desired, project, input.resolveReference));
    else refusals.push(`"${desired.name}" names project "${desired.project}", which does not exist in ${input.organization}.`);
  }
  const items = uniqueById(input.live).map(toLiveItem);
  const match = matchSubscriptions(entries, items);
  warnings.push(...match.warnings);
  refusals.push(...match.refusals);
  const protectedIds = new Set(items.filter((item) => isProtected(item.live, input.protect, projects)).map((item) => item.live.id));

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
    if (outcome.change) changes.push(outcome.change);
    else noop += 1;
  }
  for (const entry of match.unmatched) changes.push(changeFromDesired(entry, "create", createFields(entry), []));
  if (uncompared > 0) {
    warnings.push(
      `${uncompared} ${plural(uncompared, "input")} holding \${env:…}/\${file:…} references could not be compared (value not available here, or masked by the service); --replace-secrets re-sends them.`,
    );
  }

  const scope = buildScope(input.prune, entries.map((entry) => entry.project.id), projects, input.selfId, warnings);
  const inScope = match.leftover.filter((item) => isInScope(item.live, scope));
  const prunable = inScope.filter((item) => !protectedIds.has(item.live.id) && !match.held.has(item.live.id));
  const verdict = judgeDeletions({
    count: prunable.length,
    prune: input.prune,
    liveComplete: input.liveComplete,
    desiredCount: input.desired.length,
    allowDeletes: input.allowDeletes,
  });
  warnings.push(...verdict.warnings);
  refusals.push(...verdict.refusals);
  const deleted = new Set<string>();
  if (verdict.allowed) {
    for (const item of prunable) {
      changes.push(deleteChange(item, projects, match.duplicateOf.get(item.live.id)));
      touched.push(item.live);
      deleted.add(item.live.id);
    }
  }

  const unmanaged: LiveEntry[] = [];
  for (const item of inScope) {
    if (deleted.has(item.live.id)) continue;
    const isProtectedItem = protectedIds.has(item.live.id);
    unmanaged.push({ ...liveEntry(item, projects, item.label), ...(isProtectedItem ? { protected: true } : {}) });
    if (isUnhealthy(item.status)) unhealthy.push(unhealthyEntry(item, projects, item.label, false, isProtectedItem));
  }

  return {
    formatVersion: 1,
    organization: input.organization,
    createdAt: input.createdAt ?? new Date().toISOString(),
    changes: changes.sort(compareChanges),
    noop,
    unmanaged,
    unhealthy,
    warnings,
    refusals,
    fingerprint: fingerprintOf(touched),
  };
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
