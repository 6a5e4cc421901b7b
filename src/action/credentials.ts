import { credentialFromEnvironment, CredentialError, patCredential, type AdoCredential } from "../ado/index.js";
import type { ActionInputs } from "./inputs.js";

/**
 * The Azure DevOps credential for this run: a credential (undefined = "whatever the environment
 * offers", which openConnection reads), or "missing" with the reason, so a pull request from a
 * fork can still be validated.
 */
export type CredentialChoice = { kind: "ready"; credential?: AdoCredential } | { kind: "missing"; reason: string };

const NO_OIDC =
  "azure-client-id and azure-tenant-id are set, but this job cannot request a GitHub OIDC token: add `permissions: id-token: write` " +
  "to the job (workflows for pull requests from forks never get one).";

/**
 * First found wins: the `token` input (a personal access token), then `azure-client-id` +
 * `azure-tenant-id` (Entra ID workload identity with the job's OIDC token), then the environment
 * (AZURE_DEVOPS_TOKEN, SYSTEM_ACCESSTOKEN, AZURE_CLIENT_ID, ... as for the CLI, but without the
 * sign-ins that need `@azure/identity`, which dist/ leaves out: see CLI_ONLY_VARIABLES).
 */
export function chooseCredential(inputs: ActionInputs, env: NodeJS.ProcessEnv): CredentialChoice {
  if (inputs.token !== undefined) return { kind: "ready", credential: patCredential(inputs.token, "personal access token from the token input") };

  if (inputs.azureClientId !== undefined || inputs.azureTenantId !== undefined) {
    if (inputs.azureClientId === undefined || inputs.azureTenantId === undefined) {
      throw new CredentialError(
        `azure-client-id and azure-tenant-id go together; ${inputs.azureClientId === undefined ? "azure-client-id" : "azure-tenant-id"} is missing.`,
      );
    }
    // Also for anything downstream that reads the standard variables.
    env.AZURE_CLIENT_ID = inputs.azureClientId;
    env.AZURE_TENANT_ID = inputs.azureTenantId;
    if ((env.ACTIONS_ID_TOKEN_REQUEST_URL ?? "") === "" || (env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? "") === "") {
      return { kind: "missing", reason: NO_OIDC };
    }
    // Only the workload identity variables, so a stray AZURE_DEVOPS_TOKEN cannot win over the inputs.
    const credential = credentialFromEnvironment({
      AZURE_CLIENT_ID: inputs.azureClientId,
      AZURE_TENANT_ID: inputs.azureTenantId,
      ACTIONS_ID_TOKEN_REQUEST_URL: env.ACTIONS_ID_TOKEN_REQUEST_URL,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: env.ACTIONS_ID_TOKEN_REQUEST_TOKEN,
      AZURE_AUTHORITY_HOST: env.AZURE_AUTHORITY_HOST,
      ...proxyVariables(env),
    });
    return { kind: "ready", credential };
  }

  try {
    const credential = credentialFromEnvironment(withoutCliOnlySignIns(env));
    if (credential !== undefined) return { kind: "ready", credential };
  } catch (error) {
    // e.g. AZURE_CLIENT_ID in the environment without an OIDC token: the same situation as above.
    if (error instanceof CredentialError) return { kind: "missing", reason: error.message };
    throw error;
  }
  return {
    kind: "missing",
    reason:
      "No Azure DevOps credential: pass the `token` input (a personal access token from a secret), or `azure-client-id` and `azure-tenant-id` with `permissions: id-token: write`.",
  };
}

/** The proxy variables, so the OIDC and Entra ID requests go where the job's other traffic goes. */
function proxyVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const names = ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"].flatMap((name) => [name, name.toLowerCase()]);
  return Object.fromEntries(names.filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
}

/** Sign-ins only the CLI makes (through `@azure/identity`, 1 MB the Action bundle does without); the Action ignores them. */
const CLI_ONLY_VARIABLES = ["AZURE_CLIENT_SECRET", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID"];

function withoutCliOnlySignIns(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !CLI_ONLY_VARIABLES.includes(name)));
}
