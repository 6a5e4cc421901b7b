import type { PruneSettings } from "../config/types.js";
import type { LiveItem } from "./entries.js";
import { outOfScopeReason, type OwnershipScope, type ProjectIndex } from "./ownership.js";
import { countOf } from "../util/text.js";

/**
 * The one rule every delete passes, whatever asks for it (prune, duplicate cleanup, the old half
 * of a replace, the fallback of a repair): inside the managed projects, owned per
 * prune.scope.createdBy, and not protected.
 */
export class DeleteRule {
  constructor(
    private readonly scope: OwnershipScope,
    private readonly protectedIds: ReadonlySet<string>,
    private readonly projects: ProjectIndex,
  ) {}

  /** Why this live subscription may not be deleted; undefined when it may. */
  blocker(item: LiveItem): string | undefined {
    if (this.protectedIds.has(item.live.id)) return "it matches a protect selector";
    return outOfScopeReason(item.live, this.scope, (projectId) => this.projects.nameOf(projectId) ?? projectId);
  }
}

export interface DeleteCounts {
  prune: number;
  duplicate: number;
  replace: number;
}

/**
 * Refusals for the number of deletes: above prune.maxDeletes (or --allow-deletes N), or prune
 * emptying the scope because the configuration came out empty.
 */
export function judgeDeleteCount(counts: DeleteCounts, prune: PruneSettings, desiredCount: number, allowDeletes: number | undefined): string[] {
  const total = counts.prune + counts.duplicate + counts.replace;
  if (total === 0) return [];
  const limit = allowDeletes ?? prune.maxDeletes;
  const limitName = allowDeletes === undefined ? `prune.maxDeletes (${prune.maxDeletes})` : `--allow-deletes ${allowDeletes}`;
  if (desiredCount === 0 && counts.prune > 0 && (allowDeletes === undefined || allowDeletes < total)) {
    return [
      `The configuration declares no subscriptions, so this plan would delete all ${counts.prune} in scope. If that is intended, run again with --allow-deletes ${total}.`,
    ];
  }
  if (total <= limit) return [];
  const parts = [
    counts.prune > 0 ? `${counts.prune} pruned` : "",
    counts.duplicate > 0 ? countOf(counts.duplicate, "duplicate") : "",
    counts.replace > 0 ? `${counts.replace} replaced` : "",
  ].filter((part) => part !== "");
  return [
    `This plan deletes ${countOf(total, "subscription")} (${parts.join(", ")}), more than ${limitName} allows. Review the deletes and run again with --allow-deletes ${total}.`,
  ];
}
