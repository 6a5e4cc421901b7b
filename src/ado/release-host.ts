import { catalog } from "../catalog/index.js";
import { unwrapList } from "./json-body.js";
import { isRecord } from "../util/records.js";
import { RELEASE_AREA_ID } from "./organization.js";
import { route, UnexpectedResponseError } from "./routes.js";
import type { AdoTransport } from "./transport.js";
import type { SubscriptionBody, SubscriptionHost } from "./types.js";

/**
 * Asks the organization where Release Management lives (`GET _apis/resourceAreas/{id}`).
 * A server without that area (404) serves release subscriptions itself: the organization URL.
 */
export async function discoverReleaseUrl(transport: AdoTransport, organizationUrl: string, apiVersion: string): Promise<string> {
  const url = route(organizationUrl, ["resourceAreas", RELEASE_AREA_ID], apiVersion);
  const response = await transport.send({ method: "GET", url, acceptStatuses: [404] });
  if (response.status === 404) return organizationUrl;
  const area = isRecord(response.body) && !Array.isArray(response.body.value) ? response.body : unwrapList(response.body)?.[0];
  const locationUrl = isRecord(area) ? area.locationUrl : undefined;
  if (typeof locationUrl !== "string" || !/^https?:\/\//i.test(locationUrl)) {
    throw new UnexpectedResponseError("Azure DevOps answered the release resource area lookup without a locationUrl.");
  }
  const releaseUrl = locationUrl.replace(/\/+$/, "");
  if (!isTrustedReleaseUrl(organizationUrl, releaseUrl)) {
    throw new UnexpectedResponseError(
      `Azure DevOps named ${originOf(releaseUrl)} as the release host, which is neither the organization's own host (${originOf(organizationUrl)}) nor the documented release host (vsrm.dev.azure.com, *.vsrm.visualstudio.com); hookops does not send the credential there.`,
    );
  }
  return releaseUrl;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "(an unparsable URL)";
  }
}

/**
 * The token follows the release host, so only two kinds are accepted: the organization's own
 * origin (Azure DevOps Server, emulators), or the documented cloud release host.
 */
export function isTrustedReleaseUrl(organizationUrl: string, releaseUrl: string): boolean {
  let organization: URL;
  let release: URL;
  try {
    organization = new URL(organizationUrl);
    release = new URL(releaseUrl);
  } catch {
    return false;
  }
  if (release.username !== "" || release.password !== "") return false;
  if (release.origin === organization.origin) return true;
  if (release.protocol !== "https:") return false;
  const host = release.hostname.toLowerCase();
  return host === "vsrm.dev.azure.com" || /^[a-z0-9][a-z0-9-]*\.vsrm\.visualstudio\.com$/.test(host);
}

/** Release-management publishers (rm) are served by the release host; everything else by the organization's. */
export function hostOf(body: Pick<SubscriptionBody, "publisherId">): SubscriptionHost {
  return catalog.isReleasePublisher(body.publisherId) ? "release" : "default";
}
