/** Project resources that subscription filters name: Git repositories, build definitions, release definitions. */
import type { VersionPolicy } from "../api-version.js";
import { errors } from "../errors.js";
import { findProject, projectView, type SeededProject } from "../state/projects.js";
import { projectResources } from "../state/resources.js";
import type { HostKind } from "../types.js";
import { ok, queryValue, type RouteContext, type RouteDefinition, type RouteResponse } from "./context.js";

/** Git, build and release all answer up to 7.2, 7.1 being the last released version. */
const RESOURCE_VERSIONS: VersionPolicy = { min: "1.0", max: "7.2", released: "7.1" };
const CREATED_DATE = "2024-01-15T09:30:00.000Z";

/** The project named in the path, on the one host that serves the route (the other has no such API). */
function projectFrom(context: RouteContext, host: HostKind, path: string): SeededProject {
  if (context.host !== host) throw errors.routeNotFound(path);
  const idOrName = context.params.project ?? "";
  const project = findProject(idOrName, context.runtime.projects);
  if (!project) throw errors.projectNotFound(idOrName, 404);
  return project;
}

function whole(context: RouteContext, name: string): number | undefined {
  const raw = queryValue(context.query, name);
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw errors.argument(`The value '${raw}' is not valid for ${name}.`);
  return value;
}

/** `$top` pages the build and release lists; the continuation token is the index of the next item. */
function paged<T>(context: RouteContext, items: readonly T[]): RouteResponse {
  const start = whole(context, "continuationToken") ?? 0;
  const top = whole(context, "$top") ?? items.length;
  const page = items.slice(start, start + top);
  const next = start + page.length;
  const headers: Record<string, string> = next < items.length && page.length > 0 ? { "x-ms-continuationtoken": String(next) } : {};
  return ok({ count: page.length, value: page }, headers);
}

/** `name` filters build definitions by name, case-insensitively, with `*` as a wildcard. */
function nameFilter(context: RouteContext): (name: string) => boolean {
  const wanted = queryValue(context.query, "name");
  if (wanted === undefined || wanted === "") return () => true;
  const pattern = new RegExp(`^${wanted.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i");
  return (name) => pattern.test(name);
}

const REPOSITORIES = "/{project}/_apis/git/repositories";
const BUILD_DEFINITIONS = "/{project}/_apis/build/definitions";
const RELEASE_DEFINITIONS = "/{project}/_apis/release/definitions";

export const resourceRoutes: RouteDefinition[] = [
  {
    method: "GET",
    pattern: REPOSITORIES,
    versions: RESOURCE_VERSIONS,
    handler: (context) => {
      const project = projectFrom(context, "default", REPOSITORIES);
      const base = context.baseUrl;
      const repositories = projectResources(project).repositories.map((repository) => ({
        id: repository.id,
        name: repository.name,
        url: `${base}/${project.id}/_apis/git/repositories/${repository.id}`,
        project: projectView(project, context.runtime.urls.url),
        defaultBranch: "refs/heads/main",
        remoteUrl: `${base}/${encodeURIComponent(project.name)}/_git/${encodeURIComponent(repository.name)}`,
        webUrl: `${base}/${encodeURIComponent(project.name)}/_git/${encodeURIComponent(repository.name)}`,
        isDisabled: false,
        isInMaintenance: false,
      }));
      // The service answers the whole list at once.
      return ok({ count: repositories.length, value: repositories });
    },
  },
  {
    method: "GET",
    pattern: BUILD_DEFINITIONS,
    versions: RESOURCE_VERSIONS,
    handler: (context) => {
      const project = projectFrom(context, "default", BUILD_DEFINITIONS);
      const matches = nameFilter(context);
      const definitions = projectResources(project)
        .buildDefinitions.filter((definition) => matches(definition.name))
        .map((definition) => ({
          id: definition.id,
          name: definition.name,
          url: `${context.baseUrl}/${project.id}/_apis/build/Definitions/${definition.id}?revision=${definition.revision}`,
          uri: `vstfs:///Build/Definition/${definition.id}`,
          path: definition.path,
          type: "build",
          queueStatus: "enabled",
          revision: definition.revision,
          createdDate: CREATED_DATE,
          project: projectView(project, context.runtime.urls.url),
        }));
      return paged(context, definitions);
    },
  },
  {
    method: "GET",
    pattern: RELEASE_DEFINITIONS,
    versions: RESOURCE_VERSIONS,
    handler: (context) => {
      const project = projectFrom(context, "release", RELEASE_DEFINITIONS);
      const expand = (queryValue(context.query, "$expand") ?? "").toLowerCase().split(/\s*,\s*/);
      const withEnvironments = expand.includes("environments");
      const definitions = projectResources(project).releaseDefinitions.map((definition) => ({
        id: definition.id,
        name: definition.name,
        path: definition.path,
        url: `${context.baseUrl}/${project.id}/_apis/Release/definitions/${definition.id}`,
        revision: definition.revision,
        source: "userInterface",
        isDeleted: false,
        projectReference: null,
        ...(withEnvironments ? { environments: definition.environments.map(({ id, name, rank }) => ({ id, name, rank })) } : {}),
      }));
      return paged(context, definitions);
    },
  },
];
