import { isProjectPattern } from "../project-patterns.js";
import type { YamlPath } from "../yaml-location.js";
import { suggestion } from "./absent.js";
import { report, type EntryFacts, type RuleContext } from "./context.js";

/** The project names an entry sends subscriptions to, as config/expand picks them, and where each is written; patterns are matched when planning. */
function namedProjects({ entry }: EntryFacts): { project: string; path: YamlPath }[] {
  const { project, projects } = entry.fields;
  if (entry.fields.organizationWide === true) return [];
  if (project !== undefined && (entry.written.project !== undefined || entry.written.projects === undefined)) return [{ project, path: ["project"] }];
  return (projects ?? []).flatMap((name, index) => (isProjectPattern(name) ? [] : [{ project: name, path: ["projects", index] }]));
}

/** Online only: every project named (each of a fan-out) is one the organization has and the credential can see. */
export function checkProjectsExist(facts: EntryFacts, context: RuleContext): void {
  const known = context.source.projects;
  if (!known) return;
  const where = context.source.where("default");
  for (const { project, path } of namedProjects(facts)) {
    if (known.has(project)) continue;
    report(
      context,
      facts.entry,
      "error",
      "unknown-project",
      `project "${project}" does not exist${where}, or the credential cannot see it.${suggestion(project, known.names, "projects")}`,
      path,
    );
  }
}
