import type { AdoClient } from "./client.js";
import { hostOf } from "./release-host.js";
import type { HostedSubscription, LiveSubscription, SubscriptionFilters, SubscriptionHost } from "./types.js";

export interface ListingFailure {
  host: SubscriptionHost;
  /** Set when only this project's query failed; absent: the whole host. */
  projectId?: string;
  /** Where the listing went (no credentials), or the organization URL when the host itself was unknown. */
  url: string;
  error: Error;
}

export interface ListingRecord {
  host: SubscriptionHost;
  /** The project queried; absent for an organization-wide list. */
  projectId?: string;
  /** Its name, where the caller knows it. */
  projectName?: string;
  /** Subscriptions in the answer; undefined when the listing failed. */
  count?: number;
  ms: number;
}

export interface AllSubscriptions {
  /** Every subscription found, each tagged with the host to address it on; one entry per id. */
  subscriptions: HostedSubscription[];
  /** False when any listing failed: the list may then be missing subscriptions. */
  complete: boolean;
  failures: ListingFailure[];
  /** Each request that listed subscriptions: where, how many came back, how long it took. */
  listings: ListingRecord[];
}

export interface ListingScope {
  /**
   * Query only these projects (`subscriptionsquery` on projectId, one request per project and
   * host). Undefined: the organization-wide list, which large organizations answer slowly (R1).
   */
  projectIds?: readonly string[];
  /** Exact-match filters of the organization-wide list. */
  filters?: SubscriptionFilters;
  /** Headers timeout of each listing request. */
  headersTimeoutMs?: number;
  /** Told about each listing as it finishes (for --verbose). */
  onListing?: (record: ListingRecord) => void;
}

/**
 * Lists the organization host and, when it is a different one, the release host — the whole
 * host or only the given projects. A failure is reported, not thrown, so the caller decides (a
 * planner must not create or delete where it could not read). Where one host serves both, each
 * subscription is tagged by its publisher.
 */
export async function listAllSubscriptions(client: AdoClient, scope: ListingScope = {}): Promise<AllSubscriptions> {
  const failures: ListingFailure[] = [];
  const listings: ListingRecord[] = [];
  const listed: HostedSubscription[][] = [];

  const record = (entry: ListingRecord): void => {
    listings.push(entry);
    scope.onListing?.(entry);
  };
  const listHost = async (host: SubscriptionHost, where: string): Promise<void> => {
    const targets: (string | undefined)[] = scope.projectIds === undefined ? [undefined] : [...scope.projectIds];
    await Promise.all(
      targets.map(async (projectId) => {
        const startedAt = Date.now();
        const options = { host, headersTimeoutMs: scope.headersTimeoutMs };
        const target = projectId === undefined ? {} : { projectId };
        try {
          const subscriptions =
            projectId === undefined ? await client.listSubscriptions(scope.filters, options) : await client.listProjectSubscriptions(projectId, {}, options);
          listed.push(subscriptions.map((subscription) => tag(subscription, host)));
          record({ host, ...target, count: subscriptions.length, ms: Date.now() - startedAt });
        } catch (error) {
          failures.push({ host, ...target, url: where, error: asError(error) });
          record({ host, ...target, ms: Date.now() - startedAt });
        }
      }),
    );
  };

  let sharedHost = false;
  let releaseWhere = client.organization.url;
  const listRelease = client.releaseUrl().then(
    async (releaseUrl) => {
      releaseWhere = releaseUrl;
      if (sameUrl(releaseUrl, client.organization.url)) {
        sharedHost = true;
        return;
      }
      await listHost("release", releaseUrl);
    },
    (error: unknown) => {
      failures.push({ host: "release", url: releaseWhere, error: asError(error) });
    },
  );
  await Promise.all([listHost("default", client.organization.url), listRelease]);
  // One host serving both: its failures leave release subscriptions unread as well.
  if (sharedHost) {
    for (const failure of failures.filter((entry) => entry.host === "default")) failures.push({ ...failure, host: "release" });
  }

  const byId = new Map<string, HostedSubscription>();
  for (const subscription of listed.flat()) {
    const expected = hostOf(subscription);
    const entry = sharedHost ? { ...subscription, host: expected } : subscription;
    const existing = byId.get(entry.id);
    // Should both hosts return one id, keep the copy from the host its publisher belongs to.
    if (existing === undefined || (existing.host !== expected && entry.host === expected)) byId.set(entry.id, entry);
  }
  return { subscriptions: [...byId.values()], complete: failures.length === 0, failures, listings };
}

function tag(subscription: LiveSubscription, host: SubscriptionHost): HostedSubscription {
  return { ...subscription, host };
}

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
