import { catalog } from "../catalog/index.js";
import { isRecord, unwrapList } from "./json-body.js";
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
  return locationUrl.replace(/\/+$/, "");
}

/** Release-management publishers (rm) are served by the release host; everything else by the organization's. */
export function hostOf(body: Pick<SubscriptionBody, "publisherId">): SubscriptionHost {
  return catalog.isReleasePublisher(body.publisherId) ? "release" : "default";
}
