import type { TeamProjectReference } from "../../ado/index.js";
import type { NamedResourceKind } from "../../catalog/index.js";
import { normalizeProjectId } from "../../compare/index.js";
import type { DesiredSubscription, Finding } from "../../config/index.js";
import type { SourceLocation } from "../../config/types.js";
import { didYouMean } from "../../util/suggest.js";
import { isIdForm, matchName, NOUNS, namingFilters, qualifiedName, type NamedItem } from "./kinds.js";
import { listsFor, type NeededList, type ResourceLists } from "./lists.js";

export interface NameContext {
  projects: readonly TeamProjectReference[];
  /** The value of an input holding `${env:}`/`${file:}` references; undefined when not available here. */
  resolveReference: (value: string) => string | undefined;
}

/** A filter of one desired subscription that names a resource rather than giving its id. */
interface NameUse {
  inputId: string;
  kind: NamedResourceKind;
  /** The name, references resolved. */
  name: string;
}

/** The project id a desired subscription's `project` (name or GUID) stands for; undefined when unknown (the planner says so). */
export function projectIdOf(project: string, projects: readonly TeamProjectReference[]): string | undefined {
  const wanted = project.trim().toLowerCase();
  const found = projects.find((candidate) => normalizeProjectId(candidate.id) === normalizeProjectId(wanted) || candidate.name.toLowerCase() === wanted);
  return found?.id.toLowerCase();
}

/** What a value says once its references are resolved; undefined when a reference is unavailable here. */
function effectiveValue(value: string, context: NameContext): string | undefined {
  if (!value.includes("${")) return value;
  try {
    return context.resolveReference(value);
  } catch {
    return undefined;
  }
}

/** The filters of a subscription written as names, stages last (they are found within their release pipeline). */
function nameUses(subscription: DesiredSubscription, context: NameContext): NameUse[] {
  const uses: NameUse[] = [];
  for (const { spec, kind } of namingFilters(subscription.eventType)) {
    const written = subscription.publisherInputs[spec.id];
    if (written === undefined || written.trim() === "") continue;
    const value = effectiveValue(written, context);
    if (value === undefined || value.trim() === "" || isIdForm(kind, value)) continue;
    uses.push({ inputId: spec.id, kind, name: value.trim() });
  }
  return uses.sort((a, b) => Number(a.kind === "releaseEnvironment") - Number(b.kind === "releaseEnvironment"));
}

/** The lists a plan must read to resolve the names the subscriptions use: one per kind and project. */
export function neededLists(subscriptions: readonly DesiredSubscription[], context: NameContext): NeededList[] {
  const needs: NeededList[] = [];
  for (const subscription of subscriptions) {
    const uses = subscription.organizationWide === true ? [] : nameUses(subscription, context);
    const projectId = uses.length === 0 ? undefined : projectIdOf(subscription.project, context.projects);
    if (projectId === undefined) continue;
    for (const use of uses) needs.push(listsFor(use.kind, projectId));
  }
  return needs;
}

function projectNameOf(projectId: string, context: NameContext): string {
  return context.projects.find((project) => project.id.toLowerCase() === projectId)?.name ?? projectId;
}

/** `a, b and c`. */
function andList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "Did you mean …?" from the close names, else the names there are when they are few. */
function hint(name: string, items: readonly NamedItem[], kind: NamedResourceKind): string {
  const names = [...new Set(items.map((item) => item.name))].sort((a, b) => a.localeCompare(b));
  const near = didYouMean(name, names);
  if (near !== "" || names.length === 0 || names.length > 6) return near;
  return ` Its ${NOUNS[kind].many}: ${andList(names.map((item) => `"${item}"`))}.`;
}

function label(item: NamedItem, kind: NamedResourceKind): string {
  if (kind === "releaseEnvironment") return `"${item.name}" of "${item.parent?.name ?? "?"}" (id ${item.id})`;
  return `"${item.path === undefined ? item.name : qualifiedName(item)}" (id ${item.id})`;
}

interface Outcome {
  id?: string;
  problem?: { rule: "unresolved-name" | "ambiguous-name"; message: string };
}

/** Finds one name among the items of its kind (stages: within the release pipeline the subscription names, if any). */
function lookUp(use: NameUse, items: readonly NamedItem[], where: string, definitionId: string | undefined): Outcome {
  const { kind, name, inputId } = use;
  const noun = NOUNS[kind];
  const scope = kind === "releaseEnvironment" && definitionId !== undefined ? items.filter((item) => item.parent?.id === definitionId) : items;
  const inside =
    kind === "releaseEnvironment" && definitionId !== undefined
      ? `release pipeline ${scope[0]?.parent === undefined ? definitionId : `"${scope[0].parent.name}"`} of ${where}`
      : where;
  const found = matchName(scope, name);
  const [only] = found;
  if (only !== undefined && found.length === 1) return { id: only.id };
  if (found.length === 0) {
    const message = `filter "${inputId}": ${inside} has no ${noun.one} named "${name}".${hint(name, scope, kind)}`;
    return { problem: { rule: "unresolved-name", message } };
  }
  const which = found.map((item) => label(item, kind));
  const fix =
    kind === "releaseEnvironment"
      ? 'set "releaseDefinitionId" to say which release pipeline, or write the stage id'
      : kind === "repository"
        ? "write its id"
        : "write its folder and name as listed, or its id";
  const message = `filter "${inputId}": "${name}" names ${found.length} ${noun.many} of ${inside}: ${andList(which)}; ${fix}.`;
  return { problem: { rule: "ambiguous-name", message } };
}

function finding(location: SourceLocation, problem: NonNullable<Outcome["problem"]>): Finding {
  return { file: location.file, line: location.line, column: location.column, severity: "error", rule: problem.rule, message: problem.message };
}

/**
 * Puts ids where the subscriptions name resources, from lists already read. A name that matches
 * nothing, or more than one thing, is an error finding at the filter's line; the subscription
 * then keeps what was written (and the plan is not made).
 */
export function resolveNames(
  subscriptions: readonly DesiredSubscription[],
  lists: ResourceLists,
  context: NameContext,
): { subscriptions: DesiredSubscription[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const resolved = subscriptions.map((subscription) => {
    const uses = nameUses(subscription, context);
    if (uses.length === 0) return subscription;
    if (subscription.organizationWide === true) {
      for (const use of uses) {
        const message = `filter "${use.inputId}": "${use.name}" is a name, and names are looked up in the subscription's project; an organization-wide subscription gives the id.`;
        findings.push(finding(subscription.inputSources?.[use.inputId] ?? subscription.source, { rule: "unresolved-name", message }));
      }
      return subscription;
    }
    const projectId = projectIdOf(subscription.project, context.projects);
    if (projectId === undefined) return subscription;
    const where = `project "${projectNameOf(projectId, context)}"`;
    const inputs = { ...subscription.publisherInputs };
    const failed = new Set<string>();
    for (const use of uses) {
      const items = lists.items(use.kind, projectId);
      if (items === undefined) continue;
      const definition = use.kind === "releaseEnvironment" ? (effectiveValue(inputs.releaseDefinitionId ?? "", context) ?? "").trim() : "";
      // A stage inside a release pipeline whose name did not resolve: that one error says it.
      if (use.kind === "releaseEnvironment" && failed.has("releaseDefinitionId")) continue;
      const outcome = lookUp(use, items, where, definition === "" ? undefined : definition);
      if (outcome.id !== undefined) inputs[use.inputId] = outcome.id;
      if (outcome.problem !== undefined) {
        failed.add(use.inputId);
        findings.push(finding(subscription.inputSources?.[use.inputId] ?? subscription.source, outcome.problem));
      }
    }
    return { ...subscription, publisherInputs: inputs };
  });
  return { subscriptions: resolved, findings };
}
