/** resourceVersion on create and replace (REAL-SERVICE.md R3, R10). */
import type { ConsumerActionSpec, EventTypeSpec } from "../../catalog/index.js";
import { errors } from "../errors.js";

/**
 * The resourceVersion to store: null when unset; otherwise only actions that allow an override take
 * one, and it must be a version the event supports or "latest" (which is echoed as sent).
 */
export function checkResourceVersion(raw: unknown, action: ConsumerActionSpec, event: EventTypeSpec): string | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "string") throw errors.argument("resourceVersion must be a string.");
  const version = raw.trim();
  if (version === "") return null;
  if (action.allowResourceVersionOverride !== true) throw errors.resourceVersionNotAllowed(version);
  if (version.toLowerCase() === "latest") return version;
  // The catalog does not know the versions of uncertain events; refusing them would refuse real ones.
  if (event.uncertain || event.resourceVersions.length === 0) return version;
  const wanted = version.toLowerCase();
  if (!event.resourceVersions.some((supported) => supported.toLowerCase() === wanted)) {
    throw errors.resourceVersionNotSupported(version, event.id, event.resourceVersions);
  }
  return version;
}
