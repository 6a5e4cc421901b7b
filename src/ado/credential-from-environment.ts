import type { Dispatcher } from "undici";
import { bearerCredential, patCredential, type AdoCredential } from "./credentials.js";
import { ambientSources, noCredentialError, nonEmpty, type Environment } from "./credentials-ambient.js";
import { EntraTokenError, entraCredential, type EntraFactory } from "./entra.js";
import { CredentialError } from "./errors.js";
import { proxyDispatcherFor } from "./transport.js";
import { federatedTokenFileSource, githubOidcTokenSource, workloadIdentityCredential } from "./workload-identity.js";

export interface EnvironmentCredentialOptions {
  /** Overrides AZURE_AUTHORITY_HOST (default https://login.microsoftonline.com). */
  authorityHost?: string;
  /** HTTP dispatcher for the OIDC and token endpoints of workload identity. */
  dispatcher?: Dispatcher;
  now?: () => number;
  /** How Entra ID sign-ins are made; default `@azure/identity`, loaded on first use (tests inject fakes). */
  entraFactory?: EntraFactory;
}

const PAT_VARIABLES = ["AZURE_DEVOPS_TOKEN", "AZURE_DEVOPS_EXT_PAT"] as const;
const BEARER_VARIABLES = ["SYSTEM_ACCESSTOKEN", "AZURE_DEVOPS_BEARER_TOKEN"] as const;
const PIPELINES_VARIABLES = ["AZURESUBSCRIPTION_CLIENT_ID", "AZURESUBSCRIPTION_TENANT_ID", "SYSTEM_ACCESSTOKEN"] as const;

/** The configured credential, or why each source was passed over. */
export interface ExplicitLookup {
  credential: AdoCredential | undefined;
  /** "source: why it was skipped", safe to print (names variables, never values). */
  skipped: string[];
}

/**
 * The credential the environment configures explicitly, first found wins: a personal access token
 * (AZURE_DEVOPS_TOKEN, AZURE_DEVOPS_EXT_PAT), an Azure Pipelines service connection
 * (AZURESUBSCRIPTION_SERVICE_CONNECTION_ID, _CLIENT_ID, _TENANT_ID with SYSTEM_ACCESSTOKEN), a bearer
 * token (SYSTEM_ACCESSTOKEN, AZURE_DEVOPS_BEARER_TOKEN), an Entra ID service principal
 * (AZURE_CLIENT_ID + AZURE_TENANT_ID + AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH), then
 * workload identity (AZURE_CLIENT_ID + AZURE_TENANT_ID with a GitHub Actions OIDC token or
 * AZURE_FEDERATED_TOKEN_FILE). Undefined when none is set; managed identity and the Azure CLI are
 * tried only by resolveCredentialFromEnvironment.
 */
export function credentialFromEnvironment(env: Environment = process.env, options: EnvironmentCredentialOptions = {}): AdoCredential | undefined {
  return lookUpExplicit(env, options).credential;
}

/** Like credentialFromEnvironment, but says what to set (and what was looked at) when nothing is. */
export function requireCredentialFromEnvironment(env: Environment = process.env, options: EnvironmentCredentialOptions = {}): AdoCredential {
  const { credential, skipped } = lookUpExplicit(env, options);
  if (credential !== undefined) return credential;
  throw noCredentialError(skipped);
}

/**
 * The explicit credential if there is one; else managed identity (where the platform announces
 * one) and then the Azure CLI, each tried by fetching a token now. The error when nothing works
 * names every source, and why it was skipped or failed.
 */
export async function resolveCredentialFromEnvironment(env: Environment = process.env, options: EnvironmentCredentialOptions = {}): Promise<AdoCredential> {
  const { credential, skipped } = lookUpExplicit(env, options);
  if (credential !== undefined) return credential;
  const tried = [...skipped];
  for (const candidate of ambientSources(env)) {
    if (candidate.source === undefined) {
      tried.push(`${candidate.label}: ${candidate.skipped}`);
      continue;
    }
    const ambient = entraCredential(candidate.source, candidate.label, { factory: options.entraFactory, now: options.now });
    try {
      await ambient.authorization();
      return ambient;
    } catch (error) {
      if (!(error instanceof CredentialError)) throw error;
      tried.push(`${candidate.label}: failed: ${error instanceof EntraTokenError ? error.reason : error.message}`);
    }
  }
  throw noCredentialError(tried);
}

function lookUpExplicit(env: Environment, options: EnvironmentCredentialOptions): ExplicitLookup {
  const skipped: string[] = [];
  const found = (credential: AdoCredential): ExplicitLookup => ({ credential, skipped });

  for (const name of PAT_VARIABLES) {
    const value = nonEmpty(env[name]);
    if (value !== undefined) return found(patCredential(value, `personal access token from ${name}`));
  }
  skipped.push(`personal access token: ${PAT_VARIABLES.join(" and ")} are not set`);

  const authorityHost = options.authorityHost ?? nonEmpty(env.AZURE_AUTHORITY_HOST);
  const entra = { factory: options.entraFactory, now: options.now };
  const serviceConnectionId = nonEmpty(env.AZURESUBSCRIPTION_SERVICE_CONNECTION_ID);
  const pipelinesMissing = PIPELINES_VARIABLES.filter((name) => nonEmpty(env[name]) === undefined);
  if (serviceConnectionId === undefined) {
    skipped.push("Azure Pipelines service connection: AZURESUBSCRIPTION_SERVICE_CONNECTION_ID is not set");
  } else if (pipelinesMissing.length > 0) {
    skipped.push(`Azure Pipelines service connection ${serviceConnectionId}: ${pipelinesMissing.join(", ")} not set`);
  } else {
    const clientId = nonEmpty(env.AZURESUBSCRIPTION_CLIENT_ID) ?? "";
    const tenantId = nonEmpty(env.AZURESUBSCRIPTION_TENANT_ID) ?? "";
    const source = {
      kind: "azurePipelines",
      tenantId,
      clientId,
      serviceConnectionId,
      systemAccessToken: nonEmpty(env.SYSTEM_ACCESSTOKEN) ?? "",
      authorityHost,
    } as const;
    return found(entraCredential(source, `the Azure Pipelines service connection ${serviceConnectionId} (client ${clientId}, tenant ${tenantId})`, entra));
  }

  for (const name of BEARER_VARIABLES) {
    const value = nonEmpty(env[name]);
    if (value !== undefined) return found(bearerCredential(value, `bearer token from ${name}`));
  }
  skipped.push(`bearer token: ${BEARER_VARIABLES.join(" and ")} are not set`);

  const clientId = nonEmpty(env.AZURE_CLIENT_ID);
  const tenantId = nonEmpty(env.AZURE_TENANT_ID);
  if (clientId === undefined || tenantId === undefined) {
    const missing = clientId === undefined && tenantId === undefined ? "AZURE_CLIENT_ID and AZURE_TENANT_ID are not set" : halfSet(clientId === undefined);
    skipped.push(`Entra ID service principal / workload identity: ${missing}`);
    return { credential: undefined, skipped };
  }
  const who = `client ${clientId}, tenant ${tenantId}`;
  const clientSecret = nonEmpty(env.AZURE_CLIENT_SECRET);
  if (clientSecret !== undefined) {
    const source = { kind: "servicePrincipalSecret", tenantId, clientId, clientSecret, authorityHost } as const;
    return found(entraCredential(source, `Entra ID service principal (${who}) with the secret from AZURE_CLIENT_SECRET`, entra));
  }
  const certificatePath = nonEmpty(env.AZURE_CLIENT_CERTIFICATE_PATH);
  if (certificatePath !== undefined) {
    const source = {
      kind: "servicePrincipalCertificate",
      tenantId,
      clientId,
      certificatePath,
      certificatePassword: nonEmpty(env.AZURE_CLIENT_CERTIFICATE_PASSWORD),
      sendCertificateChain: /^(1|true)$/i.test(nonEmpty(env.AZURE_CLIENT_SEND_CERTIFICATE_CHAIN) ?? ""),
      authorityHost,
    } as const;
    return found(entraCredential(source, `Entra ID service principal (${who}) with the certificate ${certificatePath}`, entra));
  }

  const requestUrl = nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_URL);
  const requestToken = nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
  const tokenFile = nonEmpty(env.AZURE_FEDERATED_TOKEN_FILE);
  const http = { dispatcher: options.dispatcher ?? proxyDispatcherFor(env) };
  const federatedToken =
    requestUrl !== undefined && requestToken !== undefined
      ? githubOidcTokenSource(requestUrl, requestToken, http)
      : tokenFile !== undefined
        ? federatedTokenFileSource(tokenFile)
        : undefined;
  if (federatedToken === undefined) {
    throw new CredentialError(
      "AZURE_CLIENT_ID and AZURE_TENANT_ID are set, but there is no client secret, certificate or federated token: set AZURE_CLIENT_SECRET " +
        "or AZURE_CLIENT_CERTIFICATE_PATH; in GitHub Actions grant `permissions: id-token: write` to the job; elsewhere set AZURE_FEDERATED_TOKEN_FILE.",
    );
  }
  return found(workloadIdentityCredential({ clientId, tenantId, federatedToken, authorityHost, ...http, now: options.now }));
}

function halfSet(clientMissing: boolean): string {
  return clientMissing ? "AZURE_TENANT_ID is set but AZURE_CLIENT_ID is missing" : "AZURE_CLIENT_ID is set but AZURE_TENANT_ID is missing";
}
