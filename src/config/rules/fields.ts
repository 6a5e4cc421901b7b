import { report, type EntryFacts, type RuleContext } from "./context.js";

const REQUIRED = ["eventType", "consumerId", "consumerActionId"] as const;

/** After defaults: event, consumer, action and a project are needed; project and projects exclude each other. */
export function checkRequiredFields({ entry }: EntryFacts, context: RuleContext): void {
  const name = entry.fields.name === undefined ? "subscription" : `subscription "${entry.fields.name}"`;
  for (const key of REQUIRED) {
    // A key written with the wrong type, or misspelled, was already reported by the schema.
    if (entry.fields[key] === undefined && ![...entry.present].some((written) => written.toLowerCase() === key.toLowerCase())) {
      report(context, entry, "error", "missing-field", `${name} is missing "${key}" (set it here or in defaults)`, []);
    }
  }
  const namesProject = entry.fields.project !== undefined || entry.fields.projects !== undefined || entry.fields.organizationWide === true;
  if (!namesProject && !entry.present.has("project") && !entry.present.has("projects")) {
    report(context, entry, "error", "missing-field", `${name} is missing "project" (or "projects" to fan out)`, []);
  }
  if (entry.present.has("project") && entry.present.has("projects")) {
    report(context, entry, "error", "project-conflict", `use either "project" or "projects", not both`, ["projects"], "key");
  }
  const projects = entry.fields.projects;
  if (entry.written.id !== undefined && projects !== undefined && projects.length > 1) {
    report(
      context,
      entry,
      "error",
      "id-with-fan-out",
      `"id" pins one live subscription, so it cannot be combined with "projects" (${projects.length} projects)`,
      ["id"],
    );
  }
}
