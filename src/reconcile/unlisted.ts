import { catalog } from "../catalog/index.js";
import type { MatchResult } from "./match.js";

/**
 * Subscriptions to events the service never lists (R4) are seen only by a GET of a pinned id. A
 * pinned one that is not found is refused rather than created again: the same 404 answers a token
 * without the event's scope. An unpinned one is created, with a warning that only a pin stops the
 * next apply from creating another. Removes refused entries from `unmatched`; returns the findings.
 */
export function judgeUnlistedEvents(match: MatchResult): { warnings: string[]; refusals: string[] } {
  const warnings: string[] = [];
  const refusals: string[] = [];
  match.unmatched = match.unmatched.filter((entry) => {
    const { desired } = entry;
    if (!catalog.isUnlistedEvent(desired.eventType)) return true;
    if (desired.id !== undefined) {
      refusals.push(
        `"${desired.name}" pins id ${desired.id} of a ${desired.eventType} subscription, which the service never lists, and reading it by id found nothing. The same answer comes when the token lacks the event's scope, so hookops does not create it again: check the token, or remove \`id:\` to create a new one.`,
      );
      return false;
    }
    warnings.push(
      `"${desired.name}" is a ${desired.eventType} subscription, which the service never lists: after this apply, pin the id apply prints (\`id:\`), or every later apply creates another one.`,
    );
    return true;
  });
  return { warnings, refusals };
}
