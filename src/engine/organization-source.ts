import { readFileSync } from "node:fs";
import path from "node:path";
import { type AdoClient, resolveOrganization } from "../ado/index.js";
import { memberOrganizations } from "../ado/accounts.js";
import { AdoRequestError } from "../ado/errors.js";
import { didYouMean } from "../util/suggest.js";
import type { HookopsConfig } from "../config/types.js";

/** Where the organization was taken from, in the order chooseOrganization tries them. */
export interface OrganizationSource {
  value: string;
  /** `--org`, `hookops.yaml:3 \`organization\``, `AZURE_DEVOPS_ORG_URL`, `SYSTEM_COLLECTIONURI`. */
  label: string;
}

/** The line of the top-level `organization:` key, if the file can be read and has one written plainly. */
function organizationLine(configFile: string): number | undefined {
  try {
    const lines = readFileSync(configFile, "utf8").split(/\r?\n/);
    const index = lines.findIndex((line) => /^organization\s*:/.test(line));
    return index === -1 ? undefined : index + 1;
  } catch {
    return undefined;
  }
}

/** Every place that names an organization, first (the one used) first; empty values are skipped. */
export function organizationSources(options: { org?: string; config?: HookopsConfig; env: NodeJS.ProcessEnv }): OrganizationSource[] {
  const { config, env } = options;
  const configLabel = () => {
    if (config === undefined) return "hookops.yaml";
    const line = organizationLine(path.join(config.root, path.basename(config.configFile)));
    return `${config.configFile}${line === undefined ? "" : `:${line}`} \`organization\``;
  };
  const candidates: [string | undefined, () => string][] = [
    [options.org, () => "--org"],
    [config?.organization, configLabel],
    [env.AZURE_DEVOPS_ORG_URL, () => "AZURE_DEVOPS_ORG_URL"],
    [env.SYSTEM_COLLECTIONURI, () => "SYSTEM_COLLECTIONURI"],
  ];
  return candidates.flatMap(([value, label]) => (value === undefined || value.trim() === "" ? [] : [{ value: value.trim(), label: label() }]));
}

const DNS_CODES = new Set(["ENOTFOUND", "EAI_AGAIN"]);

function whatWentWrong(error: AdoRequestError, base: string): string | undefined {
  if (error.code !== undefined && DNS_CODES.has(error.code)) return `the host ${new URL(error.url).host} does not resolve (DNS)`;
  // Only organization-level routes: a 404 under a project is about the project, not the organization.
  const organizationRoute = error.url.toLowerCase().startsWith(`${base.toLowerCase()}/_apis/`);
  if (organizationRoute && error.status === 404) return "HTTP 404";
  if (organizationRoute && error.status === 203)
    return "a sign-in page came back (HTTP 203), so the organization does not exist or the credential is not valid for it";
  return undefined;
}

/** The organization's base URL, so `fabrikam` and `https://dev.azure.com/fabrikam/` compare equal. */
function normalized(value: string): string {
  try {
    return resolveOrganization(value).url.toLowerCase();
  } catch {
    return value.replace(/\/+$/, "").toLowerCase();
  }
}

function sameOrganization(a: string, b: string): boolean {
  return normalized(a) === normalized(b);
}

const explained = new WeakSet<Error>();

/**
 * Adds to the error's message which setting named the organization and what to do, when the
 * organization itself looks wrong. The error keeps its class and fields: callers still tell
 * failures apart by them.
 */
export function explainOrganizationFailure(error: unknown, base: string, sources: readonly OrganizationSource[], memberOf: readonly string[] = []): void {
  const [used, ...others] = sources;
  if (!(error instanceof AdoRequestError) || used === undefined || explained.has(error)) return;
  const wrong = whatWentWrong(error, base);
  if (wrong === undefined) return;
  explained.add(error);
  // The only reliable other candidates are the other settings: the service lists no organizations to suggest from.
  const different = others.filter((other) => !sameOrganization(other.value, used.value));
  error.message = [
    error.message,
    `No organization at ${base}: ${wrong}.`,
    `${used.label} set it ("${used.value}"): check the spelling there${used.label === "--org" ? "" : ", or pass --org"}. An organization is a name (fabrikam), https://dev.azure.com/{organization} or an Azure DevOps Server collection URL.`,
    ...different.map((other) => `${other.label} names another one, "${other.value}", which ${used.label} overrides.`),
    ...membershipLines(base, memberOf),
  ].join("\n");
}

/** What the credential can see: its organizations, and the closest to the one asked for. */
function membershipLines(base: string, memberOf: readonly string[]): string[] {
  if (memberOf.length === 0) return [];
  const asked = new URL(base).pathname.split("/").filter(Boolean).at(-1) ?? new URL(base).hostname.split(".")[0] ?? "";
  const names = [...new Set(memberOf)].sort((a, b) => a.localeCompare(b));
  const shown = names.length > 10 ? `${names.slice(0, 10).join(", ")} and ${names.length - 10} more` : names.join(", ");
  return [`The credential is a member of: ${shown}.${didYouMean(asked, names)}`];
}

/** The first reads of every run: a wrong organization shows there. */
const FIRST_READS = new Set<PropertyKey>(["connectionData", "listProjects"]);

/** `client`, whose first reads, when they fail because of a wrong organization, say where it came from. */
export function explainingOrganization(client: AdoClient, base: string, sources: readonly OrganizationSource[]): AdoClient {
  // The first reads run at once and fail together: one membership lookup serves both.
  let memberOf: Promise<string[]> | undefined;
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== "function") return value;
      if (!FIRST_READS.has(property)) return value.bind(target);
      return async (...args: unknown[]) => {
        try {
          return await value.apply(target, args);
        } catch (error) {
          if (error instanceof AdoRequestError && whatWentWrong(error, base) !== undefined) {
            memberOf ??= memberOrganizations(target.transport, base);
            explainOrganizationFailure(error, base, sources, await memberOf);
          }
          throw error;
        }
      };
    },
  });
}
