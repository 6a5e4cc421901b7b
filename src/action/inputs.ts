import * as core from "./core.js";
import { HookopsError } from "../errors.js";

export type ActionCommand = "plan" | "apply";

/** The action's inputs (action.yml), read once at start. Empty strings count as "not given". */
export interface ActionInputs {
  command: ActionCommand;
  path: string;
  organization?: string;
  token?: string;
  azureClientId?: string;
  azureTenantId?: string;
  comment: boolean;
  detailedExitcode: boolean;
  githubToken?: string;
}

export class InputError extends HookopsError {}

function optional(name: string): string | undefined {
  const value = core.getInput(name);
  return value === "" ? undefined : value;
}

/** `true`/`false` in any case (YAML 1.2 core schema, like core.getBooleanInput), else the default when empty. */
export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === "") return fallback;
  if (/^(true|True|TRUE)$/.test(value)) return true;
  if (/^(false|False|FALSE)$/.test(value)) return false;
  throw new InputError(`Input "${name}" must be true or false (got "${value}").`);
}

export function readInputs(): ActionInputs {
  const command = (optional("command") ?? "plan").toLowerCase();
  if (command !== "plan" && command !== "apply") throw new InputError(`Input "command" must be plan or apply (got "${command}").`);
  // Masked before anything else can print it.
  const token = optional("token");
  if (token !== undefined) core.setSecret(token);
  const githubToken = optional("github-token");
  if (githubToken !== undefined) core.setSecret(githubToken);
  return {
    command,
    path: optional("path") ?? ".",
    organization: optional("organization"),
    token,
    azureClientId: optional("azure-client-id"),
    azureTenantId: optional("azure-tenant-id"),
    comment: parseBoolean("comment", core.getInput("comment"), true),
    detailedExitcode: parseBoolean("detailed-exitcode", core.getInput("detailed-exitcode"), false),
    githubToken,
  };
}
