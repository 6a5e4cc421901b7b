import { keyInputIds } from "../compare/index.js";
import { catalog } from "../catalog/index.js";
import { MASKED_VALUE, type LiveSubscription } from "../ado/types.js";
import { isUrlSecretByNature, urlHostOnly } from "../catalog/sensitive.js";

/** Long enough to stay readable, far below the schema's 200 characters even after a "-NN" suffix. */
const MAX_NAME_LENGTH = 80;

/** Lower-case words joined by "-": "Web Site" -> "web-site", "hooks.example.com" -> "hooks-example-com". */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** `ms.vss-release.deployment-completed-event` -> `release-deployment-completed`; `build.complete` -> `build-complete`. */
export function eventSlug(eventType: string): string {
  return slugify(eventType.replace(/^ms\.vss-/i, "").replace(/-event$/i, ""));
}

/** What a key input says about where events go: a URL's host (never its path or query, which may hold a token), else the value. */
function targetSlug(value: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      return slugify(new URL(value).host);
    } catch {
      return "";
    }
  }
  return slugify(value);
}

function truncate(name: string): string {
  if (name.length <= MAX_NAME_LENGTH) return name;
  return name.slice(0, MAX_NAME_LENGTH).replace(/-+$/, "");
}

/**
 * A name from what a subscription does: event, consumer and target, e.g.
 * `build-complete-webhooks-hooks-example-com`. Confidential or masked inputs never take part,
 * secret-by-nature URLs only with their host.
 */
export function baseNameOf(live: Pick<LiveSubscription, "eventType" | "consumerId" | "consumerActionId" | "consumerInputs">): string {
  const confidential = catalog.confidentialInputs(live.consumerId, live.consumerActionId);
  const targets: string[] = [];
  for (const inputId of keyInputIds(live.consumerId, live.consumerActionId)) {
    const value = live.consumerInputs[inputId];
    if (typeof value !== "string" || value === MASKED_VALUE || confidential.has(inputId)) continue;
    // An incoming-webhook address without a scheme would otherwise slug its secret path into the name.
    targets.push(targetSlug(isUrlSecretByNature(live.consumerId, inputId, value) ? urlHostOnly(value) : value));
  }
  const parts = [eventSlug(live.eventType), slugify(live.consumerId), ...targets].filter((part) => part !== "");
  const name = truncate(parts.join("-"));
  return name === "" ? "subscription" : name;
}

/**
 * Hands out unique names: the first claimant of a base name gets it as is, later ones `-2`, `-3`…
 * Names already taken elsewhere (an existing repository) are never handed out.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name.toLowerCase());
  }

  claim(base: string): string {
    let candidate = base;
    for (let suffix = 2; this.taken.has(candidate.toLowerCase()); suffix += 1) candidate = `${base}-${suffix}`;
    this.taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/** `basicAuthPassword` -> `BASIC_AUTH_PASSWORD`, `build-complete` -> `BUILD_COMPLETE`. */
export function upperSnake(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/** The environment variable a placeholder refers to: `HOOKOPS_<NAME>_<INPUT>`. */
export function variableName(subscriptionName: string, ...parts: string[]): string {
  return ["HOOKOPS", upperSnake(subscriptionName), ...parts.map(upperSnake)].filter((part) => part !== "").join("_");
}
