/**
 * The profile and accounts routes of the service's account host (app.vssps.visualstudio.com),
 * served at the emulator's root: who the credential is, and which organizations it belongs to.
 */
import { CORE_VERSIONS } from "../api-version.js";
import { ok, queryValue, type RouteDefinition } from "./context.js";

export const profileRoutes: RouteDefinition[] = [
  {
    method: "GET",
    pattern: "/_apis/profile/profiles/me",
    versions: CORE_VERSIONS,
    handler: ({ user }) => ok({ id: user.id, displayName: user.displayName, publicAlias: user.id, emailAddress: user.uniqueName }),
  },
  {
    method: "GET",
    pattern: "/_apis/accounts",
    versions: CORE_VERSIONS,
    handler: ({ user, query, runtime }) => {
      // Only the caller's own memberships are listed, as the service does.
      const mine = (queryValue(query, "memberId") ?? "").toLowerCase() === user.id.toLowerCase();
      const origin = new URL(runtime.urls.url).origin;
      const accounts = mine ? [{ accountId: runtime.hostId, accountName: runtime.organization, accountUri: `${origin}/${runtime.organization}` }] : [];
      return ok({ count: accounts.length, value: accounts });
    },
  },
];
