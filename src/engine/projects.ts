/**
 * Project patterns (`projects: "*"`, globs, `excludeProjects`) become copies named
 * `<name>@<project>` once plan has read the organization's projects, and before it decides which
 * projects to list: a project created after the files were written is managed from then on.
 */
import type { TeamProjectReference } from "../ado/index.js";
import { keyInputIds, keyPartsOfBody, naturalKey, normalizeProjectId } from "../compare/index.js";
import { projectMatcher, type DesiredSubscription, type PatternedSubscription, type ProjectExpansion, type RepositoryLoad } from "../config/index.js";
import type { ProjectSelector, SourceLocation } from "../config/types.js";
import type { Plan } from "../reconcile/index.js";

/** What the patterns of a repository expanded to, and what the plan says about it. */
export interface ProjectExpansionOutcome {
  expansions: ProjectExpansion[];
  /** Patterns and excludes that matched nothing, each naming its file, line and column. */
  warnings: string[];
  /** Copies that are the same subscription as another declaration: apply would make one of them twice. */
  refusals: string[];
}

function at(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** One project a declaration expands to: named as the service names it (patterns) or as written (names, GUIDs). */
interface Target {
  label: string;
  project?: TeamProjectReference;
}

class Projects {
  private readonly byKey = new Map<string, TeamProjectReference>();

  constructor(readonly all: readonly TeamProjectReference[]) {
    for (const project of all) {
      this.byKey.set(normalizeProjectId(project.id), project);
      this.byKey.set(project.name.toLowerCase(), project);
    }
  }

  resolve(nameOrId: string): TeamProjectReference | undefined {
    return this.byKey.get(nameOrId.trim().toLowerCase());
  }

  matching(selector: ProjectSelector): TeamProjectReference[] {
    if (!selector.pattern) {
      const project = this.resolve(selector.text);
      return project === undefined ? [] : [project];
    }
    const matches = projectMatcher(selector.text);
    return this.all.filter((project) => matches(project.name));
  }
}

function targetKey(target: Target): string {
  return target.project === undefined ? `?${target.label.toLowerCase()}` : normalizeProjectId(target.project.id);
}

/** The projects `projects` names, in the written order (a pattern's matches in the organization's order), once each. */
function included(item: PatternedSubscription, projects: Projects, warnings: string[]): Target[] {
  const targets = new Map<string, Target>();
  for (const selector of item.include) {
    if (!selector.pattern) {
      // A name that is no project stays as written: the planner refuses it, naming it.
      const target: Target = { label: selector.text };
      const project = projects.resolve(selector.text);
      if (project !== undefined) target.project = project;
      if (!targets.has(targetKey(target))) targets.set(targetKey(target), target);
      continue;
    }
    const matches = projects.matching(selector);
    if (matches.length === 0)
      warnings.push(`${at(selector.source)}: "${item.template.name}": projects pattern "${selector.text}" matches no project of the organization.`);
    for (const project of matches) {
      const target = { label: project.name, project };
      if (!targets.has(targetKey(target))) targets.set(targetKey(target), target);
    }
  }
  return [...targets.values()];
}

function excluded(item: PatternedSubscription, targets: readonly Target[], projects: Projects, warnings: string[]): Set<Target> {
  const dropped = new Set<Target>();
  for (const selector of item.exclude) {
    const matches = projects.matching(selector);
    const ids = new Set(matches.map((project) => normalizeProjectId(project.id)));
    const label = selector.text.trim().toLowerCase();
    const hits = targets.filter((target) =>
      target.project === undefined ? !selector.pattern && target.label.toLowerCase() === label : ids.has(normalizeProjectId(target.project.id)),
    );
    for (const target of hits) dropped.add(target);
    if (hits.length > 0) continue;
    const why = matches.length === 0 ? "it matches no project of the organization" : "projects does not include what it matches";
    warnings.push(`${at(selector.source)}: "${item.template.name}": excludeProjects item "${selector.text}" leaves nothing out: ${why}.`);
  }
  return dropped;
}

/** One patterned declaration → its copies, one per project, named `<name>@<project>` like a fan-out. */
export function expandDeclaration(
  item: PatternedSubscription,
  organizationProjects: readonly TeamProjectReference[],
): { copies: DesiredSubscription[]; expansion: ProjectExpansion; warnings: string[] } {
  const projects = new Projects(organizationProjects);
  const warnings: string[] = [];
  const targets = included(item, projects, warnings);
  const dropped = excluded(item, targets, projects, warnings);
  const kept = targets.filter((target) => !dropped.has(target));
  const { template } = item;
  const copies = kept.map((target) => ({
    ...template,
    name: `${template.name}@${target.label}`,
    project: target.label,
    publisherInputs: { ...template.publisherInputs },
    consumerInputs: { ...template.consumerInputs },
  }));
  const expansion: ProjectExpansion = {
    name: template.name,
    source: template.source,
    include: item.include.map((selector) => selector.text),
    exclude: item.exclude.map((selector) => selector.text),
    projects: kept.map((target) => target.label),
  };
  return { copies, expansion, warnings };
}

/** Copies that collide with another declaration once their projects are known (the rest was checked offline). */
function collisions(declared: readonly DesiredSubscription[], copies: ReadonlySet<DesiredSubscription>, projects: Projects): string[] {
  const refusals: string[] = [];
  const seen = new Map<string, DesiredSubscription>();
  for (const subscription of declared) {
    const projectId = subscription.organizationWide === true ? "" : normalizeProjectId(projects.resolve(subscription.project)?.id ?? subscription.project);
    const key = naturalKey({ ...keyPartsOfBody(subscription), projectId });
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, subscription);
      continue;
    }
    if (!copies.has(subscription) && !copies.has(first)) continue;
    const targets = keyInputIds(subscription.consumerId, subscription.consumerActionId).join(", ");
    refusals.push(
      `"${subscription.name}" (${at(subscription.source)}) is the same subscription as "${first.name}" (${at(first.source)}): same project, event, filters, consumer, action and ${targets}. Exclude the project from one of them, or remove one.`,
    );
  }
  return refusals;
}

/**
 * Adds the copies of every patterned declaration to the repository's subscriptions. Without
 * patterns the load is returned as it is.
 */
export function expandProjects<T extends RepositoryLoad>(
  load: T,
  organizationProjects: readonly TeamProjectReference[],
): T & { expansion?: ProjectExpansionOutcome } {
  const patterned = load.patterned ?? [];
  if (patterned.length === 0) return load;
  const outcome: ProjectExpansionOutcome = { expansions: [], warnings: [], refusals: [] };
  const copies: DesiredSubscription[] = [];
  for (const item of patterned) {
    const result = expandDeclaration(item, organizationProjects);
    copies.push(...result.copies);
    outcome.expansions.push(result.expansion);
    outcome.warnings.push(...result.warnings);
  }
  const subscriptions = [...load.subscriptions, ...copies];
  outcome.refusals.push(...collisions(subscriptions, new Set(copies), new Projects(organizationProjects)));
  return { ...load, subscriptions, expansion: outcome };
}

/** The plan with what the patterns expanded to, their warnings and refusals. */
export function withExpansions(plan: Plan, outcome: ProjectExpansionOutcome | undefined): Plan {
  if (outcome === undefined) return plan;
  return {
    ...plan,
    expansions: outcome.expansions,
    warnings: [...outcome.warnings, ...plan.warnings],
    refusals: [...plan.refusals, ...outcome.refusals],
  };
}
