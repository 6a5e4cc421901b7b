/** Projects, connectionData and resource areas: what a client needs around the hooks API. */
import { CORE_VERSIONS, LOCATION_VERSIONS } from "../api-version.js";
import { errors } from "../errors.js";
import { findProject, projectView } from "../state/projects.js";
import { ok, queryValue, type RouteContext, type RouteDefinition } from "./context.js";

const DEFAULT_PAGE_SIZE = 100;
const RELEASE_AREA_ID = "efc2f575-36ef-48e9-b672-0c6fb4a48ac5";
const CORE_AREA_ID = "79134c72-4a58-4b42-976c-04e7115f32bf";

function nonNegativeInteger(context: RouteContext, name: string, fallback: number): number {
  const raw = queryValue(context.query, name);
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw errors.argument(`The value '${raw}' is not valid for ${name}.`);
  return value;
}

function resourceAreas(context: RouteContext) {
  return [
    { id: CORE_AREA_ID, name: "core", locationUrl: context.runtime.urls.url },
    { id: RELEASE_AREA_ID, name: "Release", locationUrl: context.runtime.urls.releaseUrl },
  ];
}

/**
 * connectionData's identity: no displayName or uniqueName, as the service answers. A service principal
 * has the AAD service principal descriptor types.
 */
function identity(context: RouteContext) {
  const { user } = context;
  const servicePrincipal = user.servicePrincipal === true;
  const descriptorType = servicePrincipal ? "Microsoft.VisualStudio.Services.Claims.AadServicePrincipal" : "Microsoft.IdentityModel.Claims.ClaimsIdentity";
  return {
    id: user.id,
    descriptor: `${descriptorType};${user.uniqueName}`,
    subjectDescriptor: `${servicePrincipal ? "aadsp" : "aad"}.${Buffer.from(user.id, "utf8").toString("base64url")}`,
    providerDisplayName: user.displayName,
    isActive: true,
    properties: { Account: { $type: "System.String", $value: user.uniqueName } },
  };
}

export const coreRoutes: RouteDefinition[] = [
  {
    method: "GET",
    pattern: "/_apis/projects",
    versions: CORE_VERSIONS,
    handler: (context) => {
      // The continuation token is the index of the next project, as the service's integer token is.
      const start = nonNegativeInteger(context, "continuationToken", 0) + nonNegativeInteger(context, "$skip", 0);
      const top = nonNegativeInteger(context, "$top", DEFAULT_PAGE_SIZE);
      const page = context.runtime.projects.slice(start, start + top).map((project) => projectView(project, context.runtime.urls.url));
      const next = start + page.length;
      const headers: Record<string, string> = next < context.runtime.projects.length && page.length > 0 ? { "x-ms-continuationtoken": String(next) } : {};
      return ok({ count: page.length, value: page }, headers);
    },
  },
  {
    method: "GET",
    pattern: "/_apis/projects/{projectId}",
    versions: CORE_VERSIONS,
    handler: (context) => {
      const idOrName = context.params.projectId ?? "";
      const project = findProject(idOrName, context.runtime.projects);
      if (!project) throw errors.projectNotFound(idOrName, 404);
      return ok(projectView(project, context.runtime.urls.url));
    },
  },
  {
    method: "GET",
    pattern: "/_apis/connectionData",
    versions: LOCATION_VERSIONS,
    handler: (context) =>
      ok({
        authenticatedUser: identity(context),
        authorizedUser: identity(context),
        instanceId: context.runtime.hostId,
        deploymentId: context.runtime.deploymentId,
        deploymentType: "hosted",
        locationServiceData: {
          serviceOwner: "00025394-6065-48ca-87d9-7f5672854ef7",
          defaultAccessMappingMoniker: "PublicAccessMapping",
          accessMappings: [{ displayName: "Public Access Mapping", moniker: "PublicAccessMapping", accessPoint: context.baseUrl }],
        },
      }),
  },
  {
    method: "GET",
    pattern: "/_apis/resourceAreas",
    versions: CORE_VERSIONS,
    handler: (context) => {
      const areas = resourceAreas(context);
      return ok({ count: areas.length, value: areas });
    },
  },
  {
    method: "GET",
    pattern: "/_apis/resourceAreas/{areaId}",
    versions: CORE_VERSIONS,
    handler: (context) => {
      const wanted = (context.params.areaId ?? "").toLowerCase();
      const area = resourceAreas(context).find((candidate) => candidate.id === wanted || candidate.name.toLowerCase() === wanted);
      if (!area) throw errors.routeNotFound(`/_apis/resourceAreas/${wanted}`);
      return ok(area);
    },
  },
];
