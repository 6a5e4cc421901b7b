import { AdoAuthError, PERMISSION_HINT } from "../../ado/index.js";
import type { CatalogSource, DesiredSubscription, HookopsConfig } from "../../config/index.js";
import { HookopsError } from "../../errors.js";
import { openConnection, type ConnectOptions } from "../connect.js";
import { fetchLiveMetadata } from "./metadata.js";
import { liveCatalogSource } from "./source.js";

export { fetchLiveMetadata, type LiveMetadata } from "./metadata.js";
export { liveCatalogSource } from "./source.js";

/** The online checks only read: the write scope plan and apply ask for is more than they need. */
export const READ_PERMISSION_HINT =
  'validate --online only reads: the "Service hooks (read)" scope (vso.hooks) and "Project and team (read)" (vso.project) are enough.';

export class OnlineAuthError extends HookopsError {}

export interface LiveCatalogOptions {
  config: HookopsConfig;
  /** What the repository declares: decides which hosts, publishers and consumers are read. */
  subscriptions: readonly DesiredSubscription[];
  /** --org; else hookops.yaml, then the environment (as for plan). */
  org?: string;
  env: NodeJS.ProcessEnv;
  credential?: ConnectOptions["credential"];
}

export interface LiveCatalog {
  /** What `validate --online` runs the rules against instead of the shipped catalog. */
  source: CatalogSource;
  /** How the organization is named in messages (its URL, or "emulator"). */
  organization: string;
  publishers: number;
  consumers: number;
  projects: number;
}

/**
 * `validate --online`: connects with the same organization and credential rules as plan and reads
 * the metadata the subscriptions need, with a fixed number of requests. Connection and credential
 * failures throw (HookopsError subclasses whose messages name the credential's source, never its value).
 */
export async function readLiveCatalog(options: LiveCatalogOptions): Promise<LiveCatalog> {
  const connection = await openConnection({
    org: options.org,
    config: options.config,
    root: options.config.root,
    env: options.env,
    credential: options.credential,
  });
  try {
    const metadata = await fetchLiveMetadata(connection.client, options.subscriptions);
    const hosts = Object.values(metadata.hosts);
    return {
      source: liveCatalogSource(metadata, { organization: connection.organization }),
      organization: connection.organization,
      publishers: new Set(hosts.flatMap((host) => host.publishers.map((publisher) => publisher.id))).size,
      consumers: new Set(hosts.flatMap((host) => host.consumers.map((consumer) => consumer.id))).size,
      projects: metadata.projects.length,
    };
  } catch (error) {
    // The message names where the credential came from (e.g. AZURE_DEVOPS_TOKEN), never its value.
    if (error instanceof AdoAuthError) throw new OnlineAuthError(error.message.replace(PERMISSION_HINT, READ_PERMISSION_HINT));
    throw error;
  } finally {
    await connection.close();
  }
}
