import {
  hostOf,
  type AdoClient,
  type HostedSubscription,
  type IdentityRef,
  type ListingFailure,
  type ListingRecord,
  type TeamProjectReference,
} from "../ado/index.js";
import { normalizeProjectId } from "../compare/index.js";
import type { UnreadScope } from "../reconcile/index.js";
import { readOrganizationWide, type OrganizationWideRead } from "./organization-wide.js";

/** Unpaged lists of large organizations take over a minute before the first byte (R1). */
export const DEFAULT_LIST_TIMEOUT_MS = 300_000;

/** What the organization looks like right now, read with a constant number of requests per project. */
export interface LiveState {
  subscriptions: HostedSubscription[];
  /** False when a listing failed: nothing may be created or deleted where it failed. */
  complete: boolean;
  failures: ListingFailure[];
  /** The failures as the planner takes them: what could not be read, and why. */
  unread: UnreadScope[];
  projects: TeamProjectReference[];
  self: IdentityRef;
  /** Each listing request: host, project, subscriptions returned and milliseconds. */
  listings: ListingRecord[];
}

export interface PinnedSubscription {
  id: string;
  /** The project the declaration names (name or id), for saying what could not be read. */
  project: string;
  publisherId: string;
}

export interface LiveReadScope {
  /** Names or ids of the projects to read; undefined reads the whole organization. */
  projects?: readonly string[];
  /** Pinned ids, fetched one by one when no project listing returned them (they may live elsewhere). */
  pinned?: readonly PinnedSubscription[];
  /** Organization-wide subscriptions (no project) to read besides the projects' ones. */
  organizationWide?: OrganizationWideRead;
  /** Headers timeout of each listing request. */
  listTimeoutMs?: number;
  onListing?: (record: ListingRecord) => void;
}

/** Who hookops runs as and the organization's projects: read first, since project patterns are expanded against them. */
export interface OrganizationView {
  self: IdentityRef;
  projects: TeamProjectReference[];
}

/** connectionData and the whole project list. A project list that cannot be read throws: plan never guesses the projects. */
export async function readOrganization(client: AdoClient): Promise<OrganizationView> {
  // Looked up alongside the reads below; should it fail, the listing asks once more and reports it.
  const releaseHost = client.releaseUrl().catch(() => undefined);
  const [connection, projects] = await Promise.all([client.connectionData(), client.listProjects()]);
  await releaseHost;
  return { self: connection.authenticatedUser, projects };
}

/** The organization, then its subscriptions: for callers that need no step in between. */
export async function readLiveState(client: AdoClient, scope: LiveReadScope = {}): Promise<LiveState> {
  return readSubscriptions(client, await readOrganization(client), scope);
}

/**
 * The subscriptions of the managed projects (one `subscriptionsquery` per project and host) or,
 * without a project scope, the organization-wide list; plus the organization-wide subscriptions
 * the scope asks for. A failed listing is kept in `failures` and `unread`; anything else throws.
 */
export async function readSubscriptions(client: AdoClient, organization: OrganizationView, scope: LiveReadScope = {}): Promise<LiveState> {
  const { projects } = organization;
  const projectNames = new Map(projects.map((project) => [project.id, project.name]));
  const projectIds = scope.projects === undefined ? undefined : resolveProjectIds(scope.projects, projects);
  const listing = await client.listAllSubscriptions({
    ...(projectIds === undefined ? {} : { projectIds }),
    headersTimeoutMs: scope.listTimeoutMs ?? DEFAULT_LIST_TIMEOUT_MS,
    onListing: (record) => {
      const name = record.projectId === undefined ? undefined : projectNames.get(record.projectId);
      if (name !== undefined) record.projectName = name;
      scope.onListing?.(record);
    },
  });
  const subscriptions = [...listing.subscriptions];
  const failures = [...listing.failures];
  const listings = [...listing.listings];
  const unread: UnreadScope[] = failures.map((failure) => ({
    host: failure.host,
    ...(failure.projectId === undefined ? {} : { projectId: failure.projectId }),
    where: failure.url,
    reason: failure.error.message,
  }));
  if (scope.organizationWide !== undefined && projectIds !== undefined) {
    const wide = await readOrganizationWide(client, scope.organizationWide, {
      headersTimeoutMs: scope.listTimeoutMs ?? DEFAULT_LIST_TIMEOUT_MS,
      onListing: scope.onListing,
    });
    subscriptions.push(...wide.subscriptions);
    failures.push(...wide.failures);
    listings.push(...wide.listings);
    unread.push(
      ...wide.failures.map((failure) => ({ host: failure.host, organizationWide: true as const, where: failure.url, reason: failure.error.message })),
    );
  }
  if (projectIds !== undefined) {
    const found = new Set(subscriptions.map((subscription) => subscription.id.toLowerCase()));
    const missing = (scope.pinned ?? []).filter((pin) => !found.has(pin.id.toLowerCase()));
    await Promise.all(missing.map((pin) => fetchPinned(client, pin, projects, subscriptions, unread)));
  }
  return { subscriptions, complete: unread.length === 0, failures, unread, projects, self: organization.self, listings };
}

function resolveProjectIds(references: readonly string[], projects: readonly TeamProjectReference[]): string[] {
  const byKey = new Map<string, string>();
  for (const project of projects) {
    byKey.set(normalizeProjectId(project.id), project.id);
    byKey.set(project.name.toLowerCase(), project.id);
  }
  const ids = new Set<string>();
  // Names that are not projects are left to the planner, which says so with the file and line.
  for (const reference of references) {
    const id = byKey.get(reference.trim().toLowerCase());
    if (id !== undefined) ids.add(id);
  }
  return [...ids].sort();
}

/** A pinned id outside the listed projects: one GET, so moving it is seen rather than duplicated. */
async function fetchPinned(
  client: AdoClient,
  pin: PinnedSubscription,
  projects: readonly TeamProjectReference[],
  into: HostedSubscription[],
  unread: UnreadScope[],
): Promise<void> {
  const host = hostOf({ publisherId: pin.publisherId });
  try {
    const live = await client.getSubscription(pin.id, { host });
    if (live !== undefined && !into.some((subscription) => subscription.id.toLowerCase() === live.id.toLowerCase())) into.push({ ...live, host: hostOf(live) });
  } catch (error) {
    const project = resolveProjectIds([pin.project], projects)[0];
    unread.push({
      host,
      ...(project === undefined ? {} : { projectId: project }),
      // A pin of an organization-wide declaration (no project) withholds only organization-wide changes.
      ...(pin.project === "" ? { organizationWide: true as const } : {}),
      where: await client.baseUrl(host).catch(() => client.organization.url),
      reason: `reading pinned subscription ${pin.id} failed: ${error instanceof Error ? error.message : String(error)}`,
    });
  }
}
