import type { AdoClient, HostedSubscription, IdentityRef, ListingFailure, TeamProjectReference } from "../ado/index.js";
import type { UnreadScope } from "../reconcile/index.js";

/** What the organization looks like right now, read with a constant number of requests. */
export interface LiveState {
  subscriptions: HostedSubscription[];
  /** False when a host could not be listed: nothing may be deleted then. */
  complete: boolean;
  failures: ListingFailure[];
  /** The failures as the planner takes them: what could not be read, and why. */
  unread: UnreadScope[];
  projects: TeamProjectReference[];
  self: IdentityRef;
}

/**
 * connectionData, the project list and one subscription list per host, in parallel. A failed
 * subscription listing is kept in `failures` (the planner refuses to prune); anything else throws.
 */
export async function readLiveState(client: AdoClient): Promise<LiveState> {
  const [connection, projects, listing] = await Promise.all([client.connectionData(), client.listProjects(), client.listAllSubscriptions()]);
  return {
    subscriptions: listing.subscriptions,
    complete: listing.complete,
    failures: listing.failures,
    unread: listing.failures.map((failure) => ({ host: failure.host, where: failure.url, reason: failure.error.message })),
    projects,
    self: connection.authenticatedUser,
  };
}
