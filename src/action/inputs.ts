import * as core from "./core.js";
import { HookopsError } from "../errors.js";
import { DEFAULT_STATUS_WINDOW, PERCENTAGE_EXPECTED, WINDOW_EXPECTED, parsePercentage, parseStatusWindow, type StatusWindow } from "../engine/status/window.js";

export type ActionCommand = "plan" | "apply" | "status";

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
  /** `command: status`: the delivery window, the failure rate allowed, undeclared subscriptions too, and the attention issue. */
  since: StatusWindow;
  maxFailureRate: number;
  all: boolean;
  issue: boolean;
}

export class InputError extends HookopsError {}

function invalid(name: string, expected: string): never {
  throw new InputError(`Input "${name}" must be ${expected} (got "${core.getInput(name).trim()}").`);
}

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
  if (command !== "plan" && command !== "apply" && command !== "status") {
    throw new InputError(`Input "command" must be plan, apply or status (got "${command}").`);
  }
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
    since: parseStatusWindow(optional("since") ?? DEFAULT_STATUS_WINDOW.text) ?? invalid("since", WINDOW_EXPECTED),
    maxFailureRate: parsePercentage(optional("max-failure-rate") ?? "0") ?? invalid("max-failure-rate", PERCENTAGE_EXPECTED),
    all: parseBoolean("all", core.getInput("all"), false),
    issue: parseBoolean("issue", core.getInput("issue"), false),
  };
}
