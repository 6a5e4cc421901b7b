import type { AdoClient } from "./client.js";
import { hostOf } from "./release-host.js";
import type { HostedSubscription, LiveSubscription, SubscriptionFilters, SubscriptionHost } from "./types.js";

export interface ListingFailure {
  host: SubscriptionHost;
  /** Where the listing went (no credentials), or the organization URL when the host itself was unknown. */
  url: string;
  error: Error;
}

export interface AllSubscriptions {
  /** Every subscription found, each tagged with the host to address it on; one entry per id. */
  subscriptions: HostedSubscription[];
  /** False when any host could not be listed: the list may then be missing subscriptions. */
  complete: boolean;
  failures: ListingFailure[];
}

/**
 * Lists the organization host and, when it is a different one, the release host. A failure on
 * either is reported, not thrown, so the caller decides (a planner must not prune then).
 * Where one host serves both, each subscription is tagged by its publisher.
 */
export async function listAllSubscriptions(client: AdoClient, filters: SubscriptionFilters): Promise<AllSubscriptions> {
  const failures: ListingFailure[] = [];
  const listed: HostedSubscription[][] = [];

  const listDefault = client.listSubscriptions(filters, { host: "default" }).then(
    (subscriptions) => listed.push(subscriptions.map((subscription) => tag(subscription, "default"))),
    (error: unknown) => failures.push({ host: "default", url: client.organization.url, error: asError(error) }),
  );
  let sharedHost = false;
  let releaseWhere = client.organization.url;
  const listRelease = client
    .releaseUrl()
    .then(async (releaseUrl) => {
      releaseWhere = releaseUrl;
      if (sameUrl(releaseUrl, client.organization.url)) {
        sharedHost = true;
        return;
      }
      const subscriptions = await client.listSubscriptions(filters, { host: "release" });
      listed.push(subscriptions.map((subscription) => tag(subscription, "release")));
    })
    .catch((error: unknown) => failures.push({ host: "release", url: releaseWhere, error: asError(error) }));
  await Promise.all([listDefault, listRelease]);
  // One host serving both: its failure leaves release subscriptions unread as well.
  const defaultFailure = failures.find((failure) => failure.host === "default");
  if (sharedHost && defaultFailure !== undefined) failures.push({ ...defaultFailure, host: "release" });

  const byId = new Map<string, HostedSubscription>();
  for (const subscription of listed.flat()) {
    const expected = hostOf(subscription);
    const entry = sharedHost && failures.length === 0 ? { ...subscription, host: expected } : subscription;
    const existing = byId.get(entry.id);
    // Should both hosts return one id, keep the copy from the host its publisher belongs to.
    if (existing === undefined || (existing.host !== expected && entry.host === expected)) byId.set(entry.id, entry);
  }
  return { subscriptions: [...byId.values()], complete: failures.length === 0, failures };
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
