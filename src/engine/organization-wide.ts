/**
 * Organization-wide subscriptions (no publisherInputs.projectId) are invisible to the per-project
 * `subscriptionsquery` plan uses, and no filter selects "no project" on the service's side. So
 * they are read from the organization-wide list (REAL-SERVICE.md R1: unpaged, large, slow), kept
 * as small as the need allows:
 * - declared organization-wide subscriptions: one list per kind (publisher, event, consumer,
 *   action — the list's own exact-match filters) on the kind's host, so the answer holds that
 *   kind only, project subscriptions of it included (they are dropped here);
 * - prune of organization-wide subscriptions (`prune.scope.organizationWide` with prune on): the
 *   unfiltered list of each host, the full R1 cost, paid only when asked for.
 */
import { hostOf, type AdoClient, type HostedSubscription, type ListingFailure, type ListingRecord, type SubscriptionHost } from "../ado/index.js";
import { normalizeProjectId } from "../compare/index.js";
import type { DesiredSubscription, PruneSettings } from "../config/types.js";

export interface OrganizationWideKind {
  publisherId: string;
  eventType: string;
  consumerId: string;
  consumerActionId: string;
}

export interface OrganizationWideRead {
  /** Every organization-wide subscription: the unfiltered list of each host. */
  all: boolean;
  /** Otherwise the subscriptions of these kinds only. */
  kinds: OrganizationWideKind[];
}

/** What a plan must read of the organization-wide subscriptions; nothing when it neither declares nor prunes any. */
export function organizationWideReadOf(subscriptions: readonly DesiredSubscription[], prune: PruneSettings): { organizationWide?: OrganizationWideRead } {
  const all = prune.enabled && prune.scope.organizationWide === true;
  const kinds = new Map<string, OrganizationWideKind>();
  for (const subscription of subscriptions) {
    if (subscription.organizationWide !== true) continue;
    const { publisherId, eventType, consumerId, consumerActionId } = subscription;
    kinds.set(JSON.stringify([publisherId, eventType, consumerId, consumerActionId]), { publisherId, eventType, consumerId, consumerActionId });
  }
  if (!all && kinds.size === 0) return {};
  return { organizationWide: { all, kinds: all ? [] : [...kinds.values()] } };
}

export interface OrganizationWideListing {
  subscriptions: HostedSubscription[];
  failures: ListingFailure[];
  listings: ListingRecord[];
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/** One host serving both (Azure DevOps Server): its list already holds the release subscriptions. */
async function hostsToList(client: AdoClient): Promise<SubscriptionHost[]> {
  try {
    const release = await client.baseUrl("release");
    const same = release.replace(/\/+$/, "").toLowerCase() === client.organization.url.replace(/\/+$/, "").toLowerCase();
    return same ? ["default"] : ["default", "release"];
  } catch {
    // Listing the release host then fails as well, and is reported as unread.
    return ["default", "release"];
  }
}

/** Reads the organization-wide subscriptions `read` asks for. A failed list is a failure (the caller withholds), never "none". */
export async function readOrganizationWide(
  client: AdoClient,
  read: OrganizationWideRead,
  options: { headersTimeoutMs: number; onListing?: ((record: ListingRecord) => void) | undefined },
): Promise<OrganizationWideListing> {
  const targets = read.all
    ? (await hostsToList(client)).map((host) => ({ host, filters: {} }))
    : read.kinds.map((kind) => ({ host: hostOf({ publisherId: kind.publisherId }), filters: kind }));
  const result: OrganizationWideListing = { subscriptions: [], failures: [], listings: [] };
  await Promise.all(
    targets.map(async ({ host, filters }) => {
      const startedAt = Date.now();
      try {
        const listed = await client.listSubscriptions(filters, { host, headersTimeoutMs: options.headersTimeoutMs });
        const wide = listed.filter((subscription) => normalizeProjectId(subscription.publisherInputs.projectId) === "");
        result.subscriptions.push(...wide.map((subscription) => ({ ...subscription, host: read.all ? hostOf(subscription) : host })));
        const record: ListingRecord = { host, count: listed.length, ms: Date.now() - startedAt };
        result.listings.push(record);
        options.onListing?.(record);
      } catch (error) {
        const url = await client.baseUrl(host).catch(() => client.organization.url);
        result.failures.push({ host, url, error: asError(error) });
        const record: ListingRecord = { host, ms: Date.now() - startedAt };
        result.listings.push(record);
        options.onListing?.(record);
      }
    }),
  );
  const byId = new Map(result.subscriptions.map((subscription) => [subscription.id.toLowerCase(), subscription]));
  return { ...result, subscriptions: [...byId.values()] };
}
