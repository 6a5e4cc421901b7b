import { readFile } from "node:fs/promises";
import { request, type Dispatcher } from "undici";
import { makeCredential, type AdoCredential } from "./credentials.js";
import { CredentialError } from "./errors.js";

/** Entra ID scope of Azure DevOps: tokens for it work on every Azure DevOps REST API. */
export const AZURE_DEVOPS_SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";
export const DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com";
const FEDERATION_AUDIENCE = "api://AzureADTokenExchange";
const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const HTTP_TIMEOUT_MS = 30_000;

/** Where the federated (OIDC) token comes from; fetched again for every exchange because it is short-lived. */
export interface FederatedTokenSource {
  readonly description: string;
  get(): Promise<string>;
}

interface HttpOptions {
  dispatcher?: Dispatcher | undefined;
}

/** The GitHub Actions OIDC token, for jobs with `permissions: id-token: write`. */
export function githubOidcTokenSource(requestUrl: string, requestToken: string, options: HttpOptions = {}): FederatedTokenSource {
  const description = "the GitHub Actions OIDC token";
  return {
    description,
    async get() {
      const url = new URL(requestUrl);
      url.searchParams.set("audience", FEDERATION_AUDIENCE);
      const { status, text } = await send(
        url,
        { method: "GET", headers: { authorization: `Bearer ${requestToken}`, accept: "application/json" } },
        options,
        description,
      );
      if (status !== 200) {
        throw new CredentialError(
          `Could not get ${description}: HTTP ${status}${status === 403 || status === 401 ? " (does the job have `permissions: id-token: write`?)" : ""}.`,
        );
      }
      const value = jsonField(text, "value");
      if (value === undefined) throw new CredentialError(`Could not get ${description}: the response has no "value".`);
      return value;
    },
  };
}

/** A token file kept fresh by the platform (AKS workload identity and similar); read on every exchange. */
export function federatedTokenFileSource(path: string): FederatedTokenSource {
  const description = `the federated token file ${path}`;
  return {
    description,
    async get() {
      let text: string;
      try {
        text = await readFile(path, "utf8");
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new CredentialError(`Could not read ${description}${typeof code === "string" ? ` (${code})` : ""}.`);
      }
      const token = text.trim();
      if (token === "") throw new CredentialError(`${capitalize(description)} is empty.`);
      return token;
    },
  };
}

export interface WorkloadIdentityOptions extends HttpOptions {
  clientId: string;
  tenantId: string;
  federatedToken: FederatedTokenSource;
  /** Default https://login.microsoftonline.com. */
  authorityHost?: string | undefined;
  now?: (() => number) | undefined;
}

/**
 * Entra ID workload identity federation: the federated token is exchanged (client credentials
 * grant with a JWT client assertion) for an Azure DevOps access token, which is cached until
 * shortly before it expires. Concurrent callers share one exchange.
 */
export function workloadIdentityCredential(options: WorkloadIdentityOptions): AdoCredential {
  const now = options.now ?? Date.now;
  const authorityHost = (options.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, "");
  const tokenUrl = new URL(`${authorityHost}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`);
  const description = `Entra ID workload identity (client ${options.clientId}, tenant ${options.tenantId}) using ${options.federatedToken.description}`;
  let cached: { header: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;

  async function exchange(): Promise<string> {
    const assertion = await options.federatedToken.get();
    const form = new URLSearchParams({
      client_id: options.clientId,
      grant_type: "client_credentials",
      client_assertion_type: CLIENT_ASSERTION_TYPE,
      client_assertion: assertion,
      scope: AZURE_DEVOPS_SCOPE,
    });
    const started = now();
    const { status, text } = await send(
      tokenUrl,
      { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: form.toString() },
      options,
      "the Entra ID token endpoint",
    );
    if (status !== 200) {
      const code = jsonField(text, "error");
      const detail = jsonField(text, "error_description")?.split(/\r?\n/)[0];
      throw new CredentialError(
        `Entra ID refused to exchange ${options.federatedToken.description} for an Azure DevOps token ` +
          `(client ${options.clientId}, tenant ${options.tenantId}): HTTP ${status}${code ? ` ${code}` : ""}${detail ? `: ${detail}` : ""}`,
      );
    }
    const accessToken = jsonField(text, "access_token");
    const expiresIn = Number(jsonNumberOrString(text, "expires_in"));
    if (accessToken === undefined) throw new CredentialError("The Entra ID token response has no access_token.");
    const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 0;
    // Refresh 5 minutes early, or halfway through for short-lived tokens.
    const refreshAt = started + Math.max(lifetimeMs - 300_000, lifetimeMs / 2);
    const header = `Bearer ${accessToken}`;
    cached = { header, refreshAt };
    return header;
  }

  return makeCredential("workloadIdentity", description, async () => {
    if (cached !== undefined && now() < cached.refreshAt) return cached.header;
    pending ??= exchange().finally(() => {
      pending = undefined;
    });
    return pending;
  });
}

async function send(
  url: URL,
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string },
  options: HttpOptions,
  what: string,
): Promise<{ status: number; text: string }> {
  try {
    const response = await request(url, {
      ...init,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      headersTimeout: HTTP_TIMEOUT_MS,
      bodyTimeout: HTTP_TIMEOUT_MS,
    });
    return { status: response.statusCode, text: await response.body.text() };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CredentialError(`Could not reach ${what} at ${url.origin}${typeof code === "string" ? ` (${code})` : ""}.`);
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function jsonField(text: string, field: string): string | undefined {
  const value = parseObject(text)?.[field];
  return typeof value === "string" && value !== "" ? value : undefined;
}

function jsonNumberOrString(text: string, field: string): number | string | undefined {
  const value = parseObject(text)?.[field];
  return typeof value === "number" || typeof value === "string" ? value : undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
