import type { RepositoryLoad } from "../config/index.js";
import type { Finding } from "../config/types.js";
import { findingCounts } from "./findings.js";

/**
 * Why a `--json` run failed, in a word a script can branch on:
 * - `usage`: a flag, argument or combination the command does not take;
 * - `configuration`: the repository's files (or what they name) are invalid;
 * - `connection`: the organization could not be reached or read (HTTP, credentials, DNS);
 * - `refused`: hookops decided not to act (a refused plan, a stale saved plan, files it will not overwrite);
 * - `failed`: any other expected failure;
 * - `internal`: a bug in hookops.
 */
export type JsonErrorKind = "usage" | "configuration" | "connection" | "refused" | "failed" | "internal";

export interface JsonError {
  kind: JsonErrorKind;
  message: string;
  /** The error's class (`AdoAuthError`, `MissingOrganizationError`, …), for detail beyond `kind`. */
  type?: string;
  /** HTTP status, method and URL of a failed request (never its headers or body). */
  status?: number;
  method?: string;
  url?: string;
  /** Network error code (ENOTFOUND, ECONNRESET, …) when there was no answer. */
  code?: string;
  /** The validation findings of an invalid configuration. */
  findings?: Finding[];
  /** Why a plan or apply was refused, one reason each. */
  reasons?: string[];
}

const KIND_OF_TYPE: Readonly<Record<string, JsonErrorKind>> = {
  TestUsageError: "usage",
  UsageError: "usage",
  MissingOrganizationError: "configuration",
  InvalidOrganizationError: "configuration",
  InvalidApiVersionError: "configuration",
  ReferenceOutsideRootError: "configuration",
  ExportConfigNotFoundError: "configuration",
  InvalidSavedPlanError: "configuration",
  InvalidListTimeoutError: "configuration",
  UnknownProjectError: "configuration",
  UnknownSubscriptionError: "configuration",
  CredentialError: "connection",
  OnlineAuthError: "connection",
  UnexpectedResponseError: "connection",
  IncompleteListingError: "connection",
  NameLookupError: "connection",
  ApplyRefusedError: "refused",
  TestRefusedError: "refused",
  ExistingFilesError: "refused",
};

/** What an AdoRequestError (report does not import the client) tells about its request. */
function requestOf(error: Error): Pick<JsonError, "status" | "method" | "url" | "code"> | undefined {
  const { method, url, status, code } = error as Error & Record<"method" | "url" | "status" | "code", unknown>;
  if (typeof method !== "string" || typeof url !== "string") return undefined;
  return { ...(typeof status === "number" ? { status } : {}), method, url, ...(typeof code === "string" ? { code } : {}) };
}

/** The `error` member for a thrown error; `expected` is false for anything that is not a HookopsError (a bug). */
export function jsonErrorOf(error: unknown, expected: boolean): JsonError {
  if (!(error instanceof Error)) return { kind: "internal", message: String(error) };
  if (!expected) return { kind: "internal", message: error.message, type: error.name };
  const request = requestOf(error);
  if (request !== undefined) return { kind: "connection", message: error.message, type: error.name, ...request };
  return { kind: KIND_OF_TYPE[error.name] ?? "failed", message: error.message, type: error.name };
}

/** The `error` member for a configuration that failed validation (nothing was contacted). */
export function invalidConfigurationError(load: RepositoryLoad): JsonError {
  const findings = load.findings.map(({ file, line, column, severity, rule, message }) => ({ file, line, column, severity, rule, message }));
  return { kind: "configuration", message: `the configuration is invalid (${findingCounts(findings)})`, findings };
}

/** `{ formatVersion: 1, error }`: what a `--json` run that failed before it had a result of its own prints on stdout. */
export function renderJsonError(error: JsonError): string {
  return `${JSON.stringify({ formatVersion: 1, error }, null, 2)}\n`;
}
