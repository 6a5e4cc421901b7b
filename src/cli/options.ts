import { InvalidArgumentError, type Command } from "commander";
import { PERCENTAGE_EXPECTED, WINDOW_EXPECTED, parsePercentage, parseStatusWindow, type StatusWindow } from "../engine/status/window.js";

/** Flags every command that talks to an organization takes (README, "Commands"). */
export interface CommonOptions {
  org?: string;
  config?: string;
  json?: boolean;
  /** False with --no-color. */
  color: boolean;
  concurrency?: number;
  /** --list-timeout, in seconds. */
  listTimeout?: number;
  verbose?: boolean;
}

function parseWhole(text: string, min: number, what: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min) {
    throw new InvalidArgumentError(`expected ${what}.`);
  }
  return value;
}

export function parseConcurrency(text: string): number {
  return parseWhole(text, 1, "a whole number of at least 1");
}

export function parseListTimeout(text: string): number {
  return parseWhole(text, 1, "a whole number of seconds (at least 1)");
}

export function parseAllowDeletes(text: string): number {
  return parseWhole(text, 0, "a whole number of deletions (0 or more)");
}

export type WindowOption = StatusWindow;
export { DEFAULT_STATUS_WINDOW } from "../engine/status/window.js";

export function parseWindow(text: string): WindowOption {
  const window = parseStatusWindow(text);
  if (window === undefined) throw new InvalidArgumentError(`expected ${WINDOW_EXPECTED}.`);
  return window;
}

export function parseFailureRate(text: string): number {
  const value = parsePercentage(text);
  if (value === undefined) throw new InvalidArgumentError(`expected ${PERCENTAGE_EXPECTED}.`);
  return value;
}

export function parseTimeoutSeconds(text: string): number {
  return parseWhole(text, 1, "a whole number of seconds (at least 1)");
}

export function addCommonOptions(command: Command): Command {
  return command
    .option("--org <organization>", "organization name or URL, or 'emulator' for the local emulator (default: hookops.yaml, then AZURE_DEVOPS_ORG_URL)")
    .option("--config <path>", "use this hookops.yaml (its folder is the repository root)")
    .option("--json", "print machine-readable JSON (formatVersion 1)")
    .option("--no-color", "plain text output (also NO_COLOR)")
    .option("--concurrency <n>", "requests and changes in flight at once (default 8)", parseConcurrency)
    .option("--list-timeout <seconds>", "how long to wait for one subscription listing to answer (default 300, or HOOKOPS_LIST_TIMEOUT)", parseListTimeout)
    .option("--verbose", "print what hookops does, with timings, to stderr");
}

/** --allow-deletes and --replace-secrets shape a plan; plan and apply both take them. */
export function addPlanShapingOptions(command: Command): Command {
  return command
    .option("--allow-deletes <n>", "accept a plan deleting up to N subscriptions, above prune.maxDeletes", parseAllowDeletes)
    .option("--replace-secrets", "send secret inputs again to every managed subscription that has them");
}
