/** Control routes that add and remove projects, so a test can see what a plan does with a project created after the first apply. */
import { errors, ServiceError } from "../errors.js";
import { guidFromName } from "../random.js";
import { addProject, findProject, projectNameProblem, projectView, removeProject } from "../state/projects.js";
import { isObject } from "../subscriptions/validate.js";
import type { RouteDefinition } from "./context.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The service's answer to a project name or id that is taken. */
function projectExists(what: string): ServiceError {
  return new ServiceError(
    409,
    "ProjectAlreadyExistsException",
    "Microsoft.TeamFoundation.Core.WebApi.ProjectAlreadyExistsException, Microsoft.TeamFoundation.Core.WebApi",
    `TF200019: The following project already exists: ${what}.`,
  );
}

function parseProject(body: unknown): { name: string; id?: string } {
  if (!isObject(body)) throw errors.nullBody("project");
  const { name, id } = body;
  if (typeof name !== "string") throw errors.argument("name is required and must be a string.");
  const problem = projectNameProblem(name);
  if (problem !== undefined) throw errors.argument(problem);
  if (id === undefined || id === null) return { name };
  if (typeof id !== "string" || !GUID.test(id)) throw errors.argument("id must be a GUID.");
  return { name, id };
}

export const controlProjectRoutes: RouteDefinition[] = [
  {
    method: "POST",
    pattern: "/_emulator/projects",
    handler: async (context) => {
      const { runtime } = context;
      const wanted = parseProject(await context.readJson("project"));
      if (findProject(wanted.name, runtime.projects) !== undefined) throw projectExists(wanted.name);
      // Without an id the GUID follows from the name, so a test's expectations do not depend on the run.
      const id = wanted.id ?? guidFromName(`hookops-emulator/project/${wanted.name.toLowerCase()}`);
      if (findProject(id, runtime.projects) !== undefined) throw projectExists(id);
      const project = addProject(runtime.projects, { id, name: wanted.name });
      return { status: 201, body: projectView(project, runtime.urls.url) };
    },
  },
  {
    method: "DELETE",
    pattern: "/_emulator/projects/{projectId}",
    handler: (context) => {
      const idOrName = context.params.projectId ?? "";
      if (!removeProject(context.runtime.projects, idOrName)) throw errors.projectNotFound(idOrName, 404);
      return { status: 204 };
    },
  },
];
