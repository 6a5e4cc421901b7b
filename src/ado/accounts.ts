import type { AdoTransport } from "./transport.js";

/** Where Azure DevOps Services answers who a credential is and which organizations it belongs to. */
const SERVICES_ACCOUNT_HOST = "https://app.vssps.visualstudio.com";
/** A hint, not a read the run depends on: it must not hold up the error it explains. */
const LOOKUP_TIMEOUT_MS = 10_000;

function accountHost(organizationUrl: string): string {
  const url = new URL(organizationUrl);
  const host = url.hostname.toLowerCase();
  return host === "dev.azure.com" || host.endsWith(".visualstudio.com") ? SERVICES_ACCOUNT_HOST : url.origin;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The names of the organizations the credential is a member of (profile, then accounts), or an
 * empty list when they cannot be read: Azure DevOps Server has no such routes, and a credential
 * the organization refused may be refused here too.
 */
export async function memberOrganizations(transport: AdoTransport, organizationUrl: string): Promise<string[]> {
  try {
    const host = accountHost(organizationUrl);
    const profile = record(
      (await transport.send({ method: "GET", url: `${host}/_apis/profile/profiles/me?api-version=7.1`, headersTimeoutMs: LOOKUP_TIMEOUT_MS })).body,
    );
    const memberId = typeof profile?.id === "string" ? profile.id : undefined;
    if (memberId === undefined) return [];
    const url = `${host}/_apis/accounts?memberId=${encodeURIComponent(memberId)}&api-version=7.1`;
    const accounts = record((await transport.send({ method: "GET", url, headersTimeoutMs: LOOKUP_TIMEOUT_MS })).body);
    const value = Array.isArray(accounts?.value) ? accounts.value : [];
    return value.flatMap((account) => {
      const name = record(account)?.accountName;
      return typeof name === "string" && name !== "" ? [name] : [];
    });
  } catch {
    return [];
  }
}
