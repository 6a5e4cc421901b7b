import path from "node:path";
import { AdoClient, patCredential, resolveCredentialFromEnvironment, resolveOrganization, type AdoCredential, type TransportOptions } from "../ado/index.js";
import type { HookopsConfig } from "../config/types.js";
import { HookopsError } from "../errors.js";
import { explainingOrganization, organizationSources } from "./organization-source.js";

/** The organization name that runs against an in-process emulator instead of Azure DevOps. */
export const EMULATOR_ORGANIZATION = "emulator";

export class MissingOrganizationError extends HookopsError {}

export interface ConnectOptions {
  /** --org / the Action's organization input; wins over everything else. */
  org?: string;
  config?: HookopsConfig;
  /** Repo root: the embedded emulator keeps its state in <root>/.hookops/emulator.json. */
  root: string;
  env: NodeJS.ProcessEnv;
  /** A credential given directly (the Action's token input); else the environment's. */
  credential?: AdoCredential;
  concurrency?: number;
  apiVersion?: string;
  /** Timeouts, retry pacing and the clock of the HTTP transport (tests shorten them). */
  transport?: TransportTuning;
}

export type TransportTuning = Partial<Pick<TransportOptions, "headersTimeoutMs" | "bodyTimeoutMs" | "retry" | "sleep">>;

export interface Connection {
  client: AdoClient;
  /** How outputs name the organization (its URL, or "emulator"). */
  organization: string;
  close(): Promise<void>;
}

/** Where the organization comes from, first found wins (README "Connecting to Azure DevOps"). */
export function chooseOrganization(options: Pick<ConnectOptions, "org" | "config" | "env">): string {
  const candidates = [options.org, options.config?.organization, options.env.AZURE_DEVOPS_ORG_URL, options.env.SYSTEM_COLLECTIONURI];
  const found = candidates.map((candidate) => candidate?.trim()).find((candidate) => candidate !== undefined && candidate !== "");
  if (found === undefined) {
    throw new MissingOrganizationError(
      "No organization: pass --org, set `organization` in hookops.yaml, or set AZURE_DEVOPS_ORG_URL (use --org emulator to try hookops offline).",
    );
  }
  return found;
}

export async function openConnection(options: ConnectOptions): Promise<Connection> {
  const organization = chooseOrganization(options);
  const apiVersion = options.apiVersion ?? options.config?.apiVersion;
  if (organization.toLowerCase() === EMULATOR_ORGANIZATION) {
    // Loaded only here: no other run (and not the Action bundle) carries the emulator.
    const { startEmulator } = await import("../emulator/index.js");
    const emulator = await startEmulator({ statePath: path.join(options.root, ".hookops", "emulator.json") });
    const client = new AdoClient({
      organization: { ...resolveOrganization(emulator.url), releaseUrl: emulator.releaseUrl },
      credential: patCredential(emulator.token, "the embedded emulator's token"),
      // In this process, on 127.0.0.1: never through a proxy.
      proxyEnvironment: {},
      concurrency: options.concurrency,
      apiVersion,
      ...options.transport,
    });
    return {
      client,
      organization: EMULATOR_ORGANIZATION,
      close: async () => {
        await client.close();
        await emulator.close();
      },
    };
  }
  const resolved = resolveOrganization(organization);
  const client = new AdoClient({
    organization: resolved,
    credential: options.credential ?? (await resolveCredentialFromEnvironment(options.env)),
    proxyEnvironment: options.env,
    concurrency: options.concurrency,
    apiVersion,
    ...options.transport,
  });
  // A wrong organization then says which setting named it (--org, hookops.yaml:line, the environment).
  const explained = explainingOrganization(client, resolved.url, organizationSources(options));
  return { client: explained, organization: resolved.url, close: () => client.close() };
}
