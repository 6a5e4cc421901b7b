import type { LiveSubscription, TeamProjectReference } from "../ado/types.js";
import type { CreatedByScope, PruneSettings, SubscriptionSelector } from "../config/types.js";
import { normalizeProjectId } from "../compare/index.js";
import { nounForCount } from "../util/text.js";

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
  /** prune.scope.organizationWide: organization-wide subscriptions (no project) are inside the scope. */
  organizationWide: boolean;
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
  return { projectIds, organizationWide: prune.scope.organizationWide === true, createdBy: prune.scope.createdBy, selfId };
}

export function isInScope(live: LiveSubscription, scope: OwnershipScope): boolean {
  return outOfScopeReason(live, scope, () => "") === undefined;
}

function creatorOf(live: LiveSubscription): string | undefined {
  const id = live.createdBy?.id?.trim().toLowerCase();
  return id === undefined || id === "" ? undefined : id;
}

/**
 * Why a live subscription is not hookops' to delete: outside the managed projects, or created by
 * an identity the scope does not name. An unknown creator (the service records none for service
 * principals) is never taken for "self". Undefined when it is inside the scope.
 */
export function outOfScopeReason(live: LiveSubscription, scope: OwnershipScope, projectName: (projectId: string) => string): string | undefined {
  const projectId = normalizeProjectId(live.publisherInputs.projectId);
  if (projectId === "" && !scope.organizationWide) {
    return "it is organization-wide (no project), and prune.scope.organizationWide is not true, so organization-wide subscriptions are never deleted";
  }
  if (projectId !== "" && !scope.projectIds.has(projectId))
    return `its project ${projectName(projectId)} is outside the managed projects (prune.scope.projects, by default the projects the files name)`;
  if (scope.createdBy === "any") return undefined;
  const creator = creatorOf(live);
  if (creator === undefined) {
    return "the service records no creator for it (as for subscriptions made by service principals or the build service), so it cannot be shown to be hookops' own; set prune.scope.createdBy to any for these projects, or delete it by hand";
  }
  if (scope.createdBy === "self") {
    if (creator === scope.selfId.toLowerCase()) return undefined;
    const who = live.createdBy?.displayName ?? live.createdBy?.uniqueName ?? creator;
    return `it was created by ${who}, not by the identity running hookops (prune.scope.createdBy: self)`;
  }
  if (scope.createdBy.some((id) => id.toLowerCase() === creator)) return undefined;
  return `its creator ${creator} is not listed in prune.scope.createdBy`;
}

/**
 * With prune on and ownership by creator, live subscriptions in the managed projects whose creator
 * the service did not record cannot be pruned or listed: say how many, and what to do (R2).
 */
export function creatorlessWarning(items: readonly LiveSubscription[], scope: OwnershipScope, projectName: (projectId: string) => string): string | undefined {
  if (scope.createdBy === "any") return undefined;
  const projects = new Set<string>();
  let count = 0;
  for (const live of items) {
    const projectId = normalizeProjectId(live.publisherInputs.projectId);
    const inScope = projectId === "" ? scope.organizationWide : scope.projectIds.has(projectId);
    if (!inScope || creatorOf(live) !== undefined) continue;
    count += 1;
    projects.add(projectId === "" ? "the organization-wide subscriptions" : projectName(projectId));
  }
  if (count === 0) return undefined;
  const setting = scope.createdBy === "self" ? "prune.scope.createdBy: self" : "prune.scope.createdBy (a list of identities)";
  return (
    `${count} live ${nounForCount(count, "subscription")} in ${[...projects].sort().join(", ")} ${count === 1 ? "has" : "have"} no creator recorded: the service records none for subscriptions made by service principals, managed identities and the build service (SYSTEM_ACCESSTOKEN). ` +
    `With ${setting} hookops cannot show ${count === 1 ? "it is" : "they are"} its own, so ${count === 1 ? "it is" : "they are"} neither pruned nor listed as unmanaged. ` +
    `If this repository is the authority for these projects, set prune.scope.createdBy: any (and protect what must stay); otherwise delete or protect them by hand. See README "Ownership and identities".`
  );
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
