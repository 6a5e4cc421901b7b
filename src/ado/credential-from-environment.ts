import type { Dispatcher } from "undici";
import { bearerCredential, patCredential, type AdoCredential } from "./credentials.js";
import { CredentialError } from "./errors.js";
import { federatedTokenFileSource, githubOidcTokenSource, workloadIdentityCredential } from "./workload-identity.js";

export interface EnvironmentCredentialOptions {
  /** Overrides AZURE_AUTHORITY_HOST (default https://login.microsoftonline.com). */
  authorityHost?: string;
  /** HTTP dispatcher for the OIDC and token endpoints. */
  dispatcher?: Dispatcher;
  now?: () => number;
}

type Environment = Record<string, string | undefined>;

const PAT_VARIABLES = ["AZURE_DEVOPS_TOKEN", "AZURE_DEVOPS_EXT_PAT"] as const;
const BEARER_VARIABLES = ["SYSTEM_ACCESSTOKEN", "AZURE_DEVOPS_BEARER_TOKEN"] as const;

/**
 * The first credential the environment provides, in this order: a personal access token
 * (AZURE_DEVOPS_TOKEN, AZURE_DEVOPS_EXT_PAT), a bearer token (SYSTEM_ACCESSTOKEN,
 * AZURE_DEVOPS_BEARER_TOKEN), then Entra ID workload identity (AZURE_CLIENT_ID + AZURE_TENANT_ID
 * with a GitHub Actions OIDC token or AZURE_FEDERATED_TOKEN_FILE). Undefined when none is set.
 */
export function credentialFromEnvironment(env: Environment = process.env, options: EnvironmentCredentialOptions = {}): AdoCredential | undefined {
  for (const name of PAT_VARIABLES) {
    const value = nonEmpty(env[name]);
    if (value !== undefined) return patCredential(value, `personal access token from ${name}`);
  }
  for (const name of BEARER_VARIABLES) {
    const value = nonEmpty(env[name]);
    if (value !== undefined) return bearerCredential(value, `bearer token from ${name}`);
  }
  const clientId = nonEmpty(env.AZURE_CLIENT_ID);
  const tenantId = nonEmpty(env.AZURE_TENANT_ID);
  if (clientId === undefined || tenantId === undefined) return undefined;

  const requestUrl = nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_URL);
  const requestToken = nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  const tokenFile = nonEmpty(env.AZURE_FEDERATED_TOKEN_FILE);
  const http = { dispatcher: options.dispatcher };
  const federatedToken =
    requestUrl !== undefined && requestToken !== undefined
      ? githubOidcTokenSource(requestUrl, requestToken, http)
      : tokenFile !== undefined
        ? federatedTokenFileSource(tokenFile)
        : undefined;
  if (federatedToken === undefined) {
    throw new CredentialError(
      "AZURE_CLIENT_ID and AZURE_TENANT_ID are set, but there is no federated token to exchange: in GitHub Actions grant " +
        "`permissions: id-token: write` to the job; elsewhere set AZURE_FEDERATED_TOKEN_FILE.",
    );
  }
  return workloadIdentityCredential({
    clientId,
    tenantId,
    federatedToken,
    authorityHost: options.authorityHost ?? nonEmpty(env.AZURE_AUTHORITY_HOST),
    ...http,
    now: options.now,
  });
}

/** Like credentialFromEnvironment, but says what to set when nothing is. */
export function requireCredentialFromEnvironment(env: Environment = process.env, options: EnvironmentCredentialOptions = {}): AdoCredential {
  const credential = credentialFromEnvironment(env, options);
  if (credential !== undefined) return credential;
  const halfSet = nonEmpty(env.AZURE_CLIENT_ID) !== undefined ? "AZURE_TENANT_ID" : nonEmpty(env.AZURE_TENANT_ID) !== undefined ? "AZURE_CLIENT_ID" : undefined;
  throw new CredentialError(
    "No Azure DevOps credential found: set AZURE_DEVOPS_TOKEN (personal access token), SYSTEM_ACCESSTOKEN or " +
      "AZURE_DEVOPS_BEARER_TOKEN (bearer token), or AZURE_CLIENT_ID and AZURE_TENANT_ID (Entra ID workload identity)" +
      (halfSet === undefined ? "." : `; ${halfSet} is missing.`),
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
