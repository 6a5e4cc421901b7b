import { hostOf, type AdoClient } from "../../ado/index.js";
import type { Consumer, Publisher, SubscriptionHost, TeamProjectReference } from "../../ado/types.js";
import type { DesiredSubscription } from "../../config/types.js";

/** What one host (the organization's, or release management's) says it offers. */
export interface HostMetadata {
  /** Publishers with their supportedEvents (filled in for the publishers the repo uses). */
  publishers: Publisher[];
  /** Consumers with their actions (filled in for the consumers the repo uses). */
  consumers: Consumer[];
}

/** The live service-hook metadata and projects that `validate --online` compares the repo with. */
export interface LiveMetadata {
  /** Only the hosts the repo's subscriptions are sent to. */
  hosts: Partial<Record<SubscriptionHost, HostMetadata>>;
  projects: TeamProjectReference[];
}

/** Where each subscription goes, grouped; the order is stable for the request pattern. */
function subscriptionsByHost(subscriptions: readonly DesiredSubscription[]): Map<SubscriptionHost, DesiredSubscription[]> {
  const groups = new Map<SubscriptionHost, DesiredSubscription[]>();
  for (const subscription of subscriptions) {
    const host = hostOf(subscription);
    const group = groups.get(host) ?? [];
    group.push(subscription);
    groups.set(host, group);
  }
  return groups;
}

/**
 * Two list requests per host; a publisher listed without supportedEvents or a consumer without
 * actions costs one more request, only when the repo uses it. The count never grows with the
 * number of subscriptions.
 */
async function fetchHost(client: AdoClient, host: SubscriptionHost, subscriptions: readonly DesiredSubscription[]): Promise<HostMetadata> {
  const [publishers, consumers] = await Promise.all([client.listPublishers({ host }), client.listConsumers({ host })]);
  const usedPublishers = new Set(subscriptions.map((subscription) => subscription.publisherId));
  const usedConsumers = new Set(subscriptions.map((subscription) => subscription.consumerId));
  const [filledPublishers, filledConsumers] = await Promise.all([
    Promise.all(
      publishers.map(
        async (publisher): Promise<Publisher> =>
          publisher.supportedEvents === undefined && usedPublishers.has(publisher.id)
            ? { ...publisher, supportedEvents: await client.listEventTypes(publisher.id, { host }) }
            : publisher,
      ),
    ),
    Promise.all(
      consumers.map(
        async (consumer): Promise<Consumer> =>
          consumer.actions === undefined && usedConsumers.has(consumer.id)
            ? { ...consumer, actions: await client.listConsumerActions(consumer.id, { host }) }
            : consumer,
      ),
    ),
  ]);
  return { publishers: filledPublishers, consumers: filledConsumers };
}

/**
 * Reads the project list and, for each host the repo's subscriptions use, its publishers and
 * consumers. When the release host is the organization's own URL (some Azure DevOps Server
 * installations) it is read once.
 */
export async function fetchLiveMetadata(client: AdoClient, subscriptions: readonly DesiredSubscription[]): Promise<LiveMetadata> {
  const groups = subscriptionsByHost(subscriptions);
  const hosts = [...groups.keys()];
  const baseUrls = await Promise.all(hosts.map((host) => client.baseUrl(host)));
  // Hosts sharing a base URL are read once; the union of their subscriptions decides the fill-ins.
  const reads: { host: SubscriptionHost; url: string; subscriptions: DesiredSubscription[] }[] = [];
  const readOfHost = new Map<SubscriptionHost, number>();
  hosts.forEach((host, index) => {
    const url = baseUrls[index] ?? "";
    const group = groups.get(host) ?? [];
    let readIndex = reads.findIndex((read) => read.url === url);
    if (readIndex === -1) readIndex = reads.push({ host, url, subscriptions: [] }) - 1;
    reads[readIndex]?.subscriptions.push(...group);
    readOfHost.set(host, readIndex);
  });
  const [projects, ...hostMetadata] = await Promise.all([client.listProjects(), ...reads.map((read) => fetchHost(client, read.host, read.subscriptions))]);
  const result: LiveMetadata = { hosts: {}, projects };
  for (const [host, readIndex] of readOfHost) {
    const metadata = hostMetadata[readIndex];
    if (metadata) result.hosts[host] = metadata;
  }
  return result;
}
