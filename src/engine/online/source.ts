import type { SubscriptionHost, TeamProjectReference } from "../../ado/types.js";
import { type Catalog, catalog } from "../../catalog/index.js";
import type { CatalogSource, ProjectList } from "../../config/index.js";
import { liveCatalog } from "./live-catalog.js";
import type { LiveMetadata } from "./metadata.js";

function projectList(projects: readonly TeamProjectReference[]): ProjectList {
  const known = new Set(projects.flatMap((project) => [project.id.toLowerCase(), project.name.toLowerCase()]));
  return {
    has: (nameOrId) =>
      known.has(
        nameOrId
          .trim()
          .replace(/^\{(.*)\}$/, "$1")
          .toLowerCase(),
      ),
    names: projects.map((project) => project.name),
  };
}

/**
 * The organization's live metadata as the source of `validate --online`: each host's catalog and
 * the project list. A host nothing was read from (no subscription goes there) keeps the shipped catalog.
 */
export function liveCatalogSource(metadata: LiveMetadata, options: { organization: string }): CatalogSource {
  const { organization } = options;
  const hosts = new Map<SubscriptionHost, Catalog>();
  for (const host of ["default", "release"] as const) {
    const described = metadata.hosts[host];
    if (described) hosts.set(host, liveCatalog(described, host));
  }
  return {
    at: (host) => hosts.get(host) ?? catalog,
    where: (host) => (host === "release" ? ` on the release host of ${organization}` : ` in ${organization}`),
    live: true,
    projects: projectList(metadata.projects),
  };
}
