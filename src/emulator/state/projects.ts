import type { TeamProjectReference } from "../../ado/types.js";

export interface SeededProject {
  id: string;
  name: string;
  description: string;
  revision: number;
}

/** The organization's projects; their GUIDs never change so configs and tests can name them. */
export const SEEDED_PROJECTS: readonly SeededProject[] = [
  { id: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51", name: "WebSite", description: "Public web site", revision: 11 },
  { id: "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62", name: "Mobile", description: "Mobile apps", revision: 12 },
  { id: "d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73", name: "Platform", description: "Shared services", revision: 13 },
];

const LAST_UPDATE_TIME = "2024-01-15T09:30:00.000Z";

export function projectView(project: SeededProject, baseUrl: string): TeamProjectReference {
  return {
    id: project.id,
    name: project.name,
    description: project.description,
    url: `${baseUrl}/_apis/projects/${project.id}`,
    state: "wellFormed",
    revision: project.revision,
    visibility: "private",
    lastUpdateTime: LAST_UPDATE_TIME,
  };
}

/**
 * The seeded projects and `extra` more (Project-001, …) with GUIDs that depend only on their
 * number, so benchmarks can model organizations of many projects.
 */
export function organizationProjects(extra = 0): SeededProject[] {
  const generated = Array.from({ length: Math.max(0, Math.floor(extra)) }, (_, index) => {
    const number = index + 1;
    return {
      id: `e0000000-0000-4000-8000-${number.toString(16).padStart(12, "0")}`,
      name: `Project-${String(number).padStart(3, "0")}`,
      description: "Generated",
      revision: 100 + number,
    };
  });
  return [...SEEDED_PROJECTS, ...generated];
}

/** A project by GUID or by name, both case-insensitive. */
export function findProject(idOrName: string, projects: readonly SeededProject[] = SEEDED_PROJECTS): SeededProject | undefined {
  const wanted = idOrName.toLowerCase();
  return projects.find((project) => project.id === wanted || project.name.toLowerCase() === wanted);
}

/** Characters the service refuses in a project name; `*` and `?` among them, which keeps hookops' project patterns unambiguous. */
const FORBIDDEN_IN_NAME = /[\\/:*?"'<>;#${},+=[\]|\u0000-\u001f]/u;

/** Why a project name would be refused (the naming rules of Azure DevOps projects), or undefined. */
export function projectNameProblem(name: string): string | undefined {
  if (name.trim() === "" || name.length > 64) return "A project name must have 1 to 64 characters.";
  if (FORBIDDEN_IN_NAME.test(name)) return `The project name "${name}" contains a character that is not allowed.`;
  if (name.startsWith("_") || name.startsWith(".") || name.endsWith(".")) return `The project name "${name}" may not start with "_" or "." or end with ".".`;
  return undefined;
}

/** Adds a project (the list is the runtime's, shared by every route); the caller checks name and id first. */
export function addProject(projects: SeededProject[], project: { id: string; name: string }): SeededProject {
  const revision = Math.max(0, ...projects.map((existing) => existing.revision)) + 1;
  const added: SeededProject = { id: project.id.toLowerCase(), name: project.name, description: "Created through /_emulator/projects", revision };
  projects.push(added);
  return added;
}

/** Removes a project by GUID or name; false when there is none. Its subscriptions stay, as a test may want to look at them. */
export function removeProject(projects: SeededProject[], idOrName: string): boolean {
  const found = findProject(idOrName, projects);
  if (found === undefined) return false;
  projects.splice(projects.indexOf(found), 1);
  return true;
}
