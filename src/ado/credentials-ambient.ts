import { accessSync, constants } from "node:fs";
import path from "node:path";
import type { EntraSource } from "./entra.js";
import { CredentialError } from "./errors.js";

export type Environment = Record<string, string | undefined>;

/** A source that needs no configuration of its own: used (and tried) only when nothing explicit is set. */
export interface AmbientCandidate {
  label: string;
  /** Undefined when the source is not available here; `skipped` then says why. */
  source: EntraSource | undefined;
  skipped?: string;
}

/**
 * Managed identity, where the platform announces one (IDENTITY_ENDPOINT on App Service, Functions,
 * Container Apps and Arc; MSI_ENDPOINT in Cloud Shell) or HOOKOPS_MANAGED_IDENTITY asks for it (Azure
 * VMs, whose endpoint IMDS cannot be detected without a slow probe); AZURE_CLIENT_ID picks a
 * user-assigned identity. Then the Azure CLI's signed-in account, when `az` is on PATH.
 */
export function ambientSources(env: Environment): AmbientCandidate[] {
  const clientId = nonEmpty(env.AZURE_CLIENT_ID);
  const announced = ["IDENTITY_ENDPOINT", "MSI_ENDPOINT", "HOOKOPS_MANAGED_IDENTITY"].find((name) => nonEmpty(env[name]) !== undefined);
  const managedIdentity: AmbientCandidate =
    announced !== undefined
      ? {
          label: `managed identity${clientId !== undefined ? ` (client ${clientId})` : ""} announced by ${announced}`,
          source: { kind: "managedIdentity", clientId },
        }
      : {
          label: "managed identity",
          source: undefined,
          skipped: "IDENTITY_ENDPOINT and MSI_ENDPOINT are not set (on an Azure VM, set HOOKOPS_MANAGED_IDENTITY=true)",
        };
  const az = findOnPath("az", env);
  const azureCli: AmbientCandidate =
    az !== undefined
      ? { label: "the Azure CLI's signed-in account (az login)", source: { kind: "azureCli", tenantId: nonEmpty(env.AZURE_TENANT_ID) } }
      : { label: "Azure CLI", source: undefined, skipped: "`az` is not on PATH" };
  return [managedIdentity, azureCli];
}

/** The error when no source gave a credential: what to set, then each source and why it gave nothing. */
export function noCredentialError(tried: readonly string[]): CredentialError {
  return new CredentialError(
    "No Azure DevOps credential found: set AZURE_DEVOPS_TOKEN (personal access token), SYSTEM_ACCESSTOKEN or " +
      "AZURE_DEVOPS_BEARER_TOKEN (bearer token), or AZURE_CLIENT_ID and AZURE_TENANT_ID with AZURE_CLIENT_SECRET, " +
      "AZURE_CLIENT_CERTIFICATE_PATH or a federated token (Entra ID), or sign in with `az login`. Looked at:" +
      tried.map((line) => `\n  - ${line}`).join(""),
  );
}

/** The executable `name` in the PATH of `env` (with PATHEXT on Windows), without running anything. */
function findOnPath(name: string, env: Environment): string | undefined {
  const searchPath = env.PATH ?? env.Path ?? "";
  const extensions = process.platform === "win32" ? (env.PATHEXT ?? ".COM;.EXE;.BAT;.CMD").split(";") : [""];
  for (const directory of searchPath.split(path.delimiter)) {
    if (directory === "") continue;
    for (const extension of extensions) {
      const candidate = path.join(directory, `${name}${extension.toLowerCase()}`);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}
