import type { HostedSubscription, TeamProjectReference } from "../ado/types.js";
import { catalog } from "../catalog/index.js";
import { displayInputValue } from "../catalog/sensitive.js";
import type { SubscriptionSelector } from "../config/types.js";
import { HookopsError } from "../errors.js";
import { labelOf, naturalKeyOfBody } from "../compare/index.js";
import { normalizeStatus } from "../compare/index.js";
import { ORGANIZATION_WIDE } from "../reconcile/entries.js";
import { isProtected, ProjectIndex } from "../reconcile/ownership.js";
import { didYouMean } from "../util/suggest.js";
import type { ManagedIndex } from "./existing.js";
import type { SkippedSubscription } from "./types.js";

export class UnknownProjectError extends HookopsError {}

/** A live subscription export will write, with its project looked up. */
/** The planner's stand-in project of organization-wide subscriptions: their own file, written with `organizationWide: true`. */
export function isOrganizationWide(project: TeamProjectReference): boolean {
  return project === ORGANIZATION_WIDE;
}

export interface Candidate {
  live: HostedSubscription;
  project: TeamProjectReference;
}

export interface Selection {
  candidates: Candidate[];
  skipped: SkippedSubscription[];
  /** Live duplicates left out, each with the candidate it duplicates. */
  duplicates: { skipped: Candidate; keptId: string }[];
}

export interface SelectOptions {
  /** `--project`: a name or an id. */
  project?: string;
  protect?: readonly SubscriptionSelector[];
  managed?: ManagedIndex;
}

/**
 * labelOf with every consumer input as hookops may show it, so even a secret-by-nature address
 * that is not a parsable URL never appears in the report.
 */
export function safeLabelOf(live: HostedSubscription): string {
  const consumerInputs = Object.fromEntries(
    Object.entries(live.consumerInputs).map(([inputId, value]) => [
      inputId,
      typeof value === "string" ? displayInputValue(live.consumerId, inputId, value) : value,
    ]),
  );
  return labelOf({ ...live, consumerInputs });
}

/** `--project` as a project of the organization, or a clear error naming the known ones. */
export function resolveProjectFilter(projects: ProjectIndex, known: readonly TeamProjectReference[], wanted: string): TeamProjectReference {
  const project = projects.resolve(wanted);
  if (project) return project;
  const names = known.map((candidate) => candidate.name);
  const hint = didYouMean(wanted, names) || (names.length > 0 ? ` Projects: ${names.join(", ")}.` : "");
  throw new UnknownProjectError(`--project "${wanted}" is not a project of this organization.${hint}`);
}

/** Why the catalog cannot describe this subscription well enough for the file to validate, if it cannot. */
function catalogGap(live: HostedSubscription): string | undefined {
  const event = catalog.eventType(live.eventType);
  const publisher = catalog.publisher(live.publisherId);
  if (!event && publisher?.uncertain !== true) return `event type "${live.eventType}" is not in hookops's catalog, so the file would not validate`;
  if (event && event.publisher.id !== live.publisherId)
    return `publisher "${live.publisherId}" does not match the catalog's "${event.publisher.id}" for "${live.eventType}"`;
  const consumer = catalog.consumer(live.consumerId);
  if (!consumer) return `consumer "${live.consumerId}" is not in hookops's catalog, so the file would not validate`;
  if (!catalog.action(live.consumerId, live.consumerActionId) && consumer.uncertain !== true) {
    return `consumer action "${live.consumerId}/${live.consumerActionId}" is not in hookops's catalog, so the file would not validate`;
  }
  return undefined;
}

/** Among live subscriptions with one natural key: the enabled one, then the oldest, then the lowest id (the reconciler's choice too). */
function preference(a: HostedSubscription, b: HostedSubscription): number {
  const enabledA = normalizeStatus(a.status) === "enabled" ? 0 : 1;
  const enabledB = normalizeStatus(b.status) === "enabled" ? 0 : 1;
  if (enabledA !== enabledB) return enabledA - enabledB;
  const dateA = a.createdDate ?? "\uffff";
  const dateB = b.createdDate ?? "\uffff";
  if (dateA !== dateB) return dateA < dateB ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Which live subscriptions export writes: those of the chosen project (or all), minus the ones the
 * format cannot express, protected ones, ones the repository already declares, and duplicates.
 */
export function selectSubscriptions(live: readonly HostedSubscription[], projectList: readonly TeamProjectReference[], options: SelectOptions = {}): Selection {
  const projects = new ProjectIndex(projectList);
  const only = options.project === undefined ? undefined : resolveProjectFilter(projects, projectList, options.project);
  const skipped: SkippedSubscription[] = [];
  const accepted: Candidate[] = [];
  const seen = new Set<string>();

  for (const subscription of [...live].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    if (seen.has(subscription.id.toLowerCase())) continue;
    seen.add(subscription.id.toLowerCase());
    const projectId = subscription.publisherInputs.projectId?.trim() ?? "";
    const project = projectId === "" ? ORGANIZATION_WIDE : projects.resolve(projectId);
    if (only && project?.id !== only.id) continue;
    const skip = (reason: string): void => {
      skipped.push({ id: subscription.id, label: safeLabelOf(subscription), ...(project ? { project: project.name } : {}), reason });
    };
    if (!project) {
      skip(`its project ${projectId} is not in the organization's project list`);
      continue;
    }
    const gap = catalogGap(subscription);
    if (gap !== undefined) {
      skip(gap);
      continue;
    }
    if (options.protect && isProtected(subscription, options.protect, projects)) {
      skip("it matches a protect selector in hookops.yaml");
      continue;
    }
    const declared = options.managed?.find(subscription);
    if (declared) {
      skip(`already declared as "${declared.name}" in ${declared.file}`);
      continue;
    }
    accepted.push({ live: subscription, project });
  }

  const groups = new Map<string, Candidate[]>();
  for (const candidate of accepted) {
    const key = naturalKeyOfBody(candidate.live);
    const group = groups.get(key);
    if (group) group.push(candidate);
    else groups.set(key, [candidate]);
  }
  const candidates: Candidate[] = [];
  const duplicates: Selection["duplicates"] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => preference(a.live, b.live));
    const [kept, ...rest] = group;
    if (!kept) continue;
    candidates.push(kept);
    for (const extra of rest) duplicates.push({ skipped: extra, keptId: kept.live.id });
  }
  return { candidates, skipped, duplicates };
}
