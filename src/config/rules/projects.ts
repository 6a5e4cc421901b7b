import { isProjectPattern, projectPatternProblem } from "../project-patterns.js";
import { report, type EntryFacts, type RuleContext } from "./context.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a filter value gives an id: a GUID for repositories, a whole number for pipelines and releases. */
function isIdForm(kind: string, value: string): boolean {
  return kind === "repository" ? GUID.test(value.trim()) : /^\d+$/.test(value.trim());
}

/** Syntax of every item of `projects` and `excludeProjects`: only `*` and `?` are wildcards. */
function checkPatternSyntax({ entry }: EntryFacts, context: RuleContext): void {
  for (const key of ["projects", "excludeProjects"] as const) {
    (entry.fields[key] ?? []).forEach((text, index) => {
      const problem = projectPatternProblem(text, key);
      if (problem !== undefined) report(context, entry, "error", "invalid-project-pattern", `${key}[${index}] ${problem.message}`, [key, index]);
    });
  }
  const project = entry.fields.project;
  if (project !== undefined && isProjectPattern(project)) {
    report(
      context,
      entry,
      "error",
      "invalid-project-pattern",
      `"project" names one project, and "${project}" is a pattern; write projects: ["${project}"] to have one copy per matching project`,
      ["project"],
    );
  }
}

/** What an organization-wide subscription cannot have: a project, and filters that name resources of a project. */
function checkOrganizationWide(facts: EntryFacts, context: RuleContext): void {
  const { entry } = facts;
  for (const key of ["project", "projects", "excludeProjects"] as const) {
    if (entry.written[key] !== undefined) {
      report(context, entry, "error", "project-conflict", `organizationWide: true means no project; remove "${key}" (or organizationWide)`, [key], "key");
    }
  }
  const publisherId = entry.fields.publisherId ?? facts.event?.publisher.id;
  // Confirmed for tfs by Microsoft's client sample (an account-wide workitem.updated webhook, no projectId).
  if (publisherId !== undefined && publisherId !== "tfs") {
    report(
      context,
      entry,
      "warning",
      "organization-wide-unconfirmed",
      `organization-wide subscriptions are confirmed for "tfs" events only; the service may refuse a "${publisherId}" subscription without a project when it is applied`,
      ["organizationWide"],
    );
  }
  for (const spec of facts.event?.eventType.filters ?? []) {
    const value = facts.filters[spec.id];
    if (spec.names === undefined || value === undefined || value.trim() === "" || value.includes("${") || isIdForm(spec.names, value)) continue;
    report(
      context,
      entry,
      "error",
      "organization-wide-name",
      `publisherInputs.${spec.id}: "${value}" is a name, and an organization-wide subscription has no project to look it up in; give the id`,
      ["publisherInputs", spec.id],
    );
  }
}

/**
 * Project patterns (`projects: "*"`, globs, `excludeProjects`) and `organizationWide`. Patterns
 * are only checked here: the projects they stand for are read when planning.
 */
export function checkProjects(facts: EntryFacts, context: RuleContext): void {
  const { entry } = facts;
  checkPatternSyntax(facts, context);
  if (entry.fields.organizationWide === true) {
    checkOrganizationWide(facts, context);
    return;
  }
  const singleProject = entry.fields.project !== undefined && (entry.written.project !== undefined || entry.written.projects === undefined);
  if (entry.fields.excludeProjects !== undefined && singleProject) {
    report(
      context,
      entry,
      "error",
      "exclude-without-projects",
      `"excludeProjects" narrows "projects"; it has no meaning next to "project"`,
      ["excludeProjects"],
      "key",
    );
  }
  const pattern = singleProject ? undefined : entry.fields.projects?.find(isProjectPattern);
  if (entry.written.id !== undefined && pattern !== undefined) {
    report(context, entry, "error", "id-with-fan-out", `"id" pins one live subscription, so it cannot be combined with the project pattern "${pattern}"`, [
      "id",
    ]);
  }
}
