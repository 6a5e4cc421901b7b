import type { LiveSubscription, TeamProjectReference } from "../ado/types.js";
import type { CreatedByScope, PruneSettings, SubscriptionSelector } from "../config/types.js";
import { normalizeProjectId } from "../identity/index.js";

/** Looks projects up by id or by name (names case-insensitively). */
export class ProjectIndex {
  private readonly byId = new Map<string, TeamProjectReference>();
  private readonly byName = new Map<string, TeamProjectReference>();

  constructor(projects: readonly TeamProjectReference[]) {
    for (const project of projects) {
      this.byId.set(normalizeProjectId(project.id), project);
      this.byName.set(project.name.toLowerCase(), project);
    }
  }

  resolve(nameOrId: string): TeamProjectReference | undefined {
    const folded = nameOrId.trim().toLowerCase();
    return this.byId.get(folded) ?? this.byName.get(folded);
  }

  nameOf(projectId: string): string | undefined {
    return this.byId.get(normalizeProjectId(projectId))?.name;
  }
}

/** Which live subscriptions hookops may consider its own (list as unmanaged, prune). */
export interface OwnershipScope {
  projectIds: Set<string>;
  createdBy: CreatedByScope;
  selfId: string;
}

export function buildScope(
  prune: PruneSettings,
  desiredProjectIds: Iterable<string>,
  projects: ProjectIndex,
  selfId: string,
  warnings: string[],
): OwnershipScope {
  const projectIds = new Set<string>();
  if (prune.scope.projects === undefined) {
    for (const id of desiredProjectIds) projectIds.add(normalizeProjectId(id));
  } else {
    for (const nameOrId of prune.scope.projects) {
      const project = projects.resolve(nameOrId);
      if (project) projectIds.add(normalizeProjectId(project.id));
      else warnings.push(`prune.scope.projects names "${nameOrId}", which is not a project of this organization.`);
    }
  }
  return { projectIds, createdBy: prune.scope.createdBy, selfId };
}

export function isInScope(live: LiveSubscription, scope: OwnershipScope): boolean {
  const projectId = normalizeProjectId(live.publisherInputs.projectId);
  if (projectId === "" || !scope.projectIds.has(projectId)) return false;
  if (scope.createdBy === "any") return true;
  const creator = live.createdBy?.id?.toLowerCase();
  if (creator === undefined) return false;
  if (scope.createdBy === "self") return creator === scope.selfId.toLowerCase();
  return scope.createdBy.some((id) => id.toLowerCase() === creator);
}

/** "*" matches any run of characters; everything else literally, case-insensitively. */
export function wildcardMatches(pattern: string, value: string): boolean {
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "is").test(value);
}

function sameText(expected: string | undefined, actual: string | undefined): boolean {
  return expected === undefined || expected.toLowerCase() === (actual ?? "").toLowerCase();
}

/** A selector matches when every field it gives matches. */
export function matchesSelector(live: LiveSubscription, selector: SubscriptionSelector, projects: ProjectIndex): boolean {
  if (!sameText(selector.id, live.id)) return false;
  if (selector.project !== undefined) {
    const liveProjectId = normalizeProjectId(live.publisherInputs.projectId);
    const wanted = projects.resolve(selector.project);
    const wantedId = wanted ? normalizeProjectId(wanted.id) : normalizeProjectId(selector.project);
    if (liveProjectId !== wantedId) return false;
  }
  if (!sameText(selector.publisherId, live.publisherId)) return false;
  if (!sameText(selector.eventType, live.eventType)) return false;
  if (!sameText(selector.consumerId, live.consumerId)) return false;
  if (!sameText(selector.consumerActionId, live.consumerActionId)) return false;
  if (selector.url !== undefined && !wildcardMatches(selector.url, live.consumerInputs.url ?? "")) return false;
  return true;
}

export function isProtected(live: LiveSubscription, protect: readonly SubscriptionSelector[], projects: ProjectIndex): boolean {
  return protect.some((selector) => matchesSelector(live, selector, projects));
}

export interface DeletionVerdict {
  /** Whether the plan may contain deletes at all. */
  allowed: boolean;
  warnings: string[];
  refusals: string[];
}

/**
 * Decides whether `count` prunable subscriptions may be deleted. Deletes are dropped when
 * pruning is off or live state is incomplete; they stay in the plan but the plan is refused
 * above the limit or when the configuration came out empty.
 */
export function judgeDeletions(options: {
  count: number;
  prune: PruneSettings;
  liveComplete: boolean;
  desiredCount: number;
  allowDeletes: number | undefined;
}): DeletionVerdict {
  const { count, prune, liveComplete, desiredCount, allowDeletes } = options;
  const verdict: DeletionVerdict = { allowed: false, warnings: [], refusals: [] };
  if (count === 0 || !prune.enabled) return verdict;
  if (!liveComplete) {
    verdict.warnings.push(
      `Listing live subscriptions did not complete, so nothing will be deleted (${count} ${plural(count, "subscription")} would otherwise be pruned).`,
    );
    return verdict;
  }
  verdict.allowed = true;
  const limit = allowDeletes ?? prune.maxDeletes;
  const limitName = allowDeletes === undefined ? `prune.maxDeletes (${prune.maxDeletes})` : `--allow-deletes ${allowDeletes}`;
  if (desiredCount === 0 && (allowDeletes === undefined || allowDeletes < count)) {
    verdict.refusals.push(
      `The configuration declares no subscriptions, so this plan would delete all ${count} in scope. If that is intended, run again with --allow-deletes ${count}.`,
    );
  } else if (count > limit) {
    verdict.refusals.push(
      `This plan deletes ${count} ${plural(count, "subscription")}, more than ${limitName} allows. Review the deletes and run again with --allow-deletes ${count}.`,
    );
  }
  return verdict;
}

export function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}
