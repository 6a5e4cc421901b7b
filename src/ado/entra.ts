import { makeCredential, type AdoCredential } from "./credentials.js";
import { CredentialError } from "./errors.js";
import { AZURE_DEVOPS_SCOPE } from "./workload-identity.js";

/** What hookops needs of an `@azure/identity` TokenCredential (also the seam tests fake). */
export interface EntraTokenCredential {
  getToken(scopes: string | string[]): Promise<{ token: string; expiresOnTimestamp: number; refreshAfterTimestamp?: number } | null>;
}

/** An Entra ID sign-in that `@azure/identity` performs, with the settings it needs. Secrets stay in here. */
export type EntraSource =
  | { kind: "servicePrincipalSecret"; tenantId: string; clientId: string; clientSecret: string; authorityHost?: string | undefined }
  | {
      kind: "servicePrincipalCertificate";
      tenantId: string;
      clientId: string;
      certificatePath: string;
      certificatePassword?: string | undefined;
      sendCertificateChain: boolean;
      authorityHost?: string | undefined;
    }
  | {
      kind: "azurePipelines";
      tenantId: string;
      clientId: string;
      serviceConnectionId: string;
      systemAccessToken: string;
      authorityHost?: string | undefined;
    }
  | { kind: "managedIdentity"; clientId?: string | undefined }
  | { kind: "azureCli"; tenantId?: string | undefined };

/** Builds the TokenCredential for a source; the default loads `@azure/identity` on first use only. */
export type EntraFactory = (source: EntraSource) => Promise<EntraTokenCredential>;

const REFRESH_MARGIN_MS = 300_000;

/** Entra ID gave no token; `reason` is its explanation without the source's name. */
export class EntraTokenError extends CredentialError {
  constructor(
    description: string,
    readonly reason: string,
  ) {
    super(`Could not get an Azure DevOps token from ${description}: ${reason}`);
  }
}

/**
 * An Azure DevOps credential backed by an Entra ID TokenCredential: the token is cached and fetched
 * again five minutes before it expires (or when Entra says to refresh), concurrent callers share
 * one request, and failures become CredentialErrors naming the source but never a secret.
 */
export function entraCredential(source: EntraSource, description: string, options: { factory?: EntraFactory; now?: () => number } = {}): AdoCredential {
  const factory = options.factory ?? identityCredential;
  const now = options.now ?? Date.now;
  let tokenCredential: Promise<EntraTokenCredential> | undefined;
  let cached: { header: string; refreshAt: number; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    tokenCredential ??= factory(source);
    let token: Awaited<ReturnType<EntraTokenCredential["getToken"]>>;
    try {
      token = await (await tokenCredential).getToken(AZURE_DEVOPS_SCOPE);
    } catch (error) {
      // A token that is still valid beats a failed early refresh.
      if (cached !== undefined && now() < cached.expiresAt) return cached.header;
      throw new EntraTokenError(description, reason(error));
    }
    if (token === null || token.token === "") throw new EntraTokenError(description, "no token was returned");
    const started = now();
    const lifetime = Math.max(0, token.expiresOnTimestamp - started);
    const refreshAt = Math.min(token.refreshAfterTimestamp ?? Number.POSITIVE_INFINITY, started + Math.max(lifetime - REFRESH_MARGIN_MS, lifetime / 2));
    const header = `Bearer ${token.token}`;
    cached = { header, refreshAt, expiresAt: token.expiresOnTimestamp };
    return header;
  }

  return makeCredential("entra", description, async () => {
    if (cached !== undefined && now() < cached.refreshAt) return cached.header;
    pending ??= fetchToken().finally(() => {
      pending = undefined;
    });
    return pending;
  });
}

/** The first line of an error's message, cut short: `@azure/identity` messages can be long. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split(/\r?\n/).find((part) => part.trim() !== "") ?? "unknown error";
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** The real thing: `@azure/identity`, imported only when an Entra sign-in is actually needed. */
async function identityCredential(source: EntraSource): Promise<EntraTokenCredential> {
  const identity = await import("@azure/identity");
  switch (source.kind) {
    case "servicePrincipalSecret":
      return new identity.ClientSecretCredential(source.tenantId, source.clientId, source.clientSecret, authority(source.authorityHost));
    case "servicePrincipalCertificate":
      return new identity.ClientCertificateCredential(
        source.tenantId,
        source.clientId,
        { certificatePath: source.certificatePath, ...(source.certificatePassword !== undefined ? { certificatePassword: source.certificatePassword } : {}) },
        { ...authority(source.authorityHost), sendCertificateChain: source.sendCertificateChain },
      );
    case "azurePipelines":
      return new identity.AzurePipelinesCredential(
        source.tenantId,
        source.clientId,
        source.serviceConnectionId,
        source.systemAccessToken,
        authority(source.authorityHost),
      );
    case "managedIdentity":
      return source.clientId !== undefined ? new identity.ManagedIdentityCredential({ clientId: source.clientId }) : new identity.ManagedIdentityCredential();
    case "azureCli":
      return new identity.AzureCliCredential({ ...(source.tenantId !== undefined ? { tenantId: source.tenantId } : {}), processTimeoutInMs: 30_000 });
  }
}

function authority(authorityHost: string | undefined): { authorityHost?: string } {
  return authorityHost !== undefined ? { authorityHost } : {};
}
