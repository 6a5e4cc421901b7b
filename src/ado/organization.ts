import { InvalidOrganizationError } from "./errors.js";

/** Resource area id of Release Management; `GET {org}/_apis/resourceAreas/{id}` gives its host. */
export const RELEASE_AREA_ID = "efc2f575-36ef-48e9-b672-0c6fb4a48ac5";

export interface ResolvedOrganization {
  /** Organization (or, for Azure DevOps Server, collection) name. */
  name: string;
  /** Base URL every organization-scoped route hangs off, without a trailing slash. */
  url: string;
  /** Release-management host, when it follows from the URL; otherwise ask the service (resourceAreas). */
  releaseUrl?: string;
}

const BARE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const VISUALSTUDIO_HOST = /^([A-Za-z0-9][A-Za-z0-9-]*)(?:\.vsrm)?\.visualstudio\.com$/i;

/**
 * Turns what a user typed (`fabrikam`, `https://dev.azure.com/fabrikam`,
 * `https://fabrikam.visualstudio.com`, `https://tfs.contoso.com/tfs/DefaultCollection`) into
 * the organization's base URL. For dev.azure.com, only the first path segment counts, so a pasted
 * project URL still names its organization.
 */
export function resolveOrganization(input: string): ResolvedOrganization {
  const trimmed = input.trim();
  if (trimmed === "") throw new InvalidOrganizationError("The organization is empty: give a name (fabrikam) or a URL (https://dev.azure.com/fabrikam).");
  if (!trimmed.includes("/") && !trimmed.includes(":")) {
    if (!BARE_NAME.test(trimmed)) {
      throw new InvalidOrganizationError(`"${trimmed}" is not an organization name: use letters, digits and hyphens, or a full URL.`);
    }
    return devAzure(trimmed);
  }

  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new InvalidOrganizationError(`"${trimmed}" is neither an organization name nor a URL (expected e.g. https://dev.azure.com/fabrikam).`);
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new InvalidOrganizationError(`The organization URL must use https (got ${parsed.protocol}).`);
  }
  if (parsed.username || parsed.password) {
    throw new InvalidOrganizationError("The organization URL must not contain credentials; use AZURE_DEVOPS_TOKEN or another credential variable.");
  }
  const segments = parsed.pathname
    .split("/")
    .filter((segment) => segment !== "")
    .map(decodeURIComponent);
  const host = parsed.hostname.toLowerCase();

  if (host === "dev.azure.com" || host === "vsrm.dev.azure.com") {
    const name = segments[0];
    if (name === undefined) throw new InvalidOrganizationError(`${trimmed} names no organization: use https://dev.azure.com/{organization}.`);
    return devAzure(name);
  }
  const legacy = VISUALSTUDIO_HOST.exec(host);
  if (legacy?.[1] !== undefined) {
    const name = legacy[1].toLowerCase();
    return { name, url: `https://${name}.visualstudio.com`, releaseUrl: `https://${name}.vsrm.visualstudio.com` };
  }

  // Azure DevOps Server (or an emulator): the collection URL is used as given.
  const path = segments.map(encodeURIComponent).join("/");
  const url = `${parsed.protocol}//${parsed.host}${path === "" ? "" : `/${path}`}`;
  return { name: segments.at(-1) ?? host, url };
}

function devAzure(name: string): ResolvedOrganization {
  const encoded = encodeURIComponent(name);
  return { name, url: `https://dev.azure.com/${encoded}`, releaseUrl: `https://vsrm.dev.azure.com/${encoded}` };
}
