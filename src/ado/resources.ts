import { HookopsError } from "../errors.js";
import { isRecord } from "../util/records.js";
import type { AdoClient } from "./client.js";
import { expectList, route } from "./routes.js";
import type { BuildDefinitionReference, GitRepository, ReleaseDefinition, ReleaseDefinitionEnvironment, SubscriptionHost } from "./types.js";

/** Pages followed before giving up: far beyond any real project, and never an endless loop. */
const MAX_PAGES = 100;

type Query = Record<string, string | undefined>;

/**
 * A project-scoped list (`{base}/{project}/_apis/...`), following `x-ms-continuationtoken` the way
 * the build and release lists page. One request unless the service says there is more.
 */
async function listProjectItems(
  client: AdoClient,
  host: SubscriptionHost,
  projectId: string,
  segments: readonly string[],
  query: Query,
  what: string,
): Promise<unknown[]> {
  const base = `${await client.baseUrl(host)}/${encodeURIComponent(projectId)}`;
  const items: unknown[] = [];
  const seen = new Set<string>();
  let continuationToken: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const url = route(base, segments, client.apiVersion, { ...query, continuationToken });
    const response = await client.transport.send({ method: "GET", url });
    items.push(...expectList<unknown>(response.body, what));
    continuationToken = response.headers["x-ms-continuationtoken"] || undefined;
    if (continuationToken === undefined) return items;
    if (seen.has(continuationToken)) throw new HookopsError(`Listing the ${what} looped: the continuation token "${continuationToken}" came back twice.`);
    seen.add(continuationToken);
  }
  throw new HookopsError(`Listing the ${what} stopped after ${MAX_PAGES} pages; there are more.`);
}

function hasText(value: unknown): value is string {
  return typeof value === "string" && value !== "";
}

function hasNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** Items without an id or a name can be neither looked up nor named; they are left out. */
function repositoryOf(item: unknown): GitRepository[] {
  return isRecord(item) && hasText(item.id) && hasText(item.name) ? [item as unknown as GitRepository] : [];
}

function buildDefinitionOf(item: unknown): BuildDefinitionReference[] {
  return isRecord(item) && hasNumber(item.id) && hasText(item.name) ? [item as unknown as BuildDefinitionReference] : [];
}

function environmentOf(item: unknown): ReleaseDefinitionEnvironment[] {
  return isRecord(item) && hasNumber(item.id) && hasText(item.name)
    ? [{ id: item.id, name: item.name, ...(hasNumber(item.rank) ? { rank: item.rank } : {}) }]
    : [];
}

function releaseDefinitionOf(item: unknown): ReleaseDefinition[] {
  if (!isRecord(item) || !hasNumber(item.id) || !hasText(item.name)) return [];
  const environments = Array.isArray(item.environments) ? item.environments.flatMap(environmentOf) : [];
  return [{ ...(item as unknown as ReleaseDefinition), environments }];
}

/** `GET {project}/_apis/git/repositories`: every Git repository of the project (the list is not paged). */
export async function listRepositories(client: AdoClient, projectId: string): Promise<GitRepository[]> {
  return (await listProjectItems(client, "default", projectId, ["git", "repositories"], {}, "Git repository list")).flatMap(repositoryOf);
}

/** `GET {project}/_apis/build/definitions`: every build definition (classic and YAML pipelines) of the project. */
export async function listBuildDefinitions(client: AdoClient, projectId: string): Promise<BuildDefinitionReference[]> {
  return (await listProjectItems(client, "default", projectId, ["build", "definitions"], {}, "build definition list")).flatMap(buildDefinitionOf);
}

/** `GET {project}/_apis/release/definitions?$expand=environments` on the release host: release pipelines with their stages. */
export async function listReleaseDefinitions(client: AdoClient, projectId: string): Promise<ReleaseDefinition[]> {
  const items = await listProjectItems(client, "release", projectId, ["release", "definitions"], { $expand: "environments" }, "release definition list");
  return items.flatMap(releaseDefinitionOf);
}
