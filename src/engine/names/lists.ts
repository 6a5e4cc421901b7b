import type { AdoClient, BuildDefinitionReference, GitRepository, ReleaseDefinition } from "../../ado/index.js";
import type { NamedResourceKind } from "../../catalog/index.js";
import { listKindOf, type ListKind, type NamedItem } from "./kinds.js";

/** One list to read: a kind of resource in one project (by id). */
export interface NeededList {
  kind: ListKind;
  projectId: string;
}

/** A list that could not be read, and why (the error carries no credential). */
export interface LookupFailure extends NeededList {
  error: Error;
}

function keyOf(kind: NamedResourceKind | ListKind, projectId: string): string {
  return `${kind} ${projectId.toLowerCase()}`;
}

/** The resources read in one run, by kind and project: each list is read at most once. */
export class ResourceLists {
  private readonly byKey = new Map<string, NamedItem[]>();

  /** Items of a kind in a project; undefined when that list was not read. */
  items(kind: NamedResourceKind, projectId: string): readonly NamedItem[] | undefined {
    return this.byKey.get(keyOf(kind, projectId));
  }

  set(kind: NamedResourceKind, projectId: string, items: NamedItem[]): void {
    this.byKey.set(keyOf(kind, projectId), items);
  }

  addRepositories(projectId: string, repositories: readonly GitRepository[]): void {
    this.set(
      "repository",
      projectId,
      repositories.map((repository) => ({ id: repository.id, name: repository.name })),
    );
  }

  addBuildDefinitions(projectId: string, definitions: readonly BuildDefinitionReference[]): void {
    this.set(
      "buildDefinition",
      projectId,
      definitions.map((definition) => ({ id: String(definition.id), name: definition.name, path: definition.path ?? "\\" })),
    );
  }

  /** Release pipelines and, apart, their stages (stage ids are unique in the project). */
  addReleaseDefinitions(projectId: string, definitions: readonly ReleaseDefinition[]): void {
    this.set(
      "releaseDefinition",
      projectId,
      definitions.map((definition) => ({ id: String(definition.id), name: definition.name, path: definition.path ?? "\\" })),
    );
    this.set(
      "releaseEnvironment",
      projectId,
      definitions.flatMap((definition) =>
        (definition.environments ?? []).map((environment) => ({
          id: String(environment.id),
          name: environment.name,
          parent: { id: String(definition.id), name: definition.name },
        })),
      ),
    );
  }
}

/** Distinct lists, in a stable order. */
export function distinctLists(needs: Iterable<NeededList>): NeededList[] {
  const byKey = new Map<string, NeededList>();
  for (const need of needs) byKey.set(keyOf(need.kind, need.projectId), { kind: need.kind, projectId: need.projectId.toLowerCase() });
  return [...byKey.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, need]) => need);
}

export function listsFor(kind: NamedResourceKind, projectId: string): NeededList {
  return { kind: listKindOf(kind), projectId };
}

async function readOne(client: AdoClient, need: NeededList, into: ResourceLists): Promise<void> {
  switch (need.kind) {
    case "repository":
      into.addRepositories(need.projectId, await client.listRepositories(need.projectId));
      return;
    case "buildDefinition":
      into.addBuildDefinitions(need.projectId, await client.listBuildDefinitions(need.projectId));
      return;
    case "releaseDefinition":
      into.addReleaseDefinitions(need.projectId, await client.listReleaseDefinitions(need.projectId));
      return;
  }
}

/**
 * Reads each needed list once, all at once (the client's concurrency limit paces them). A list
 * that fails is reported, not thrown: plan refuses on it, export keeps ids.
 */
export async function readResourceLists(client: AdoClient, needs: Iterable<NeededList>): Promise<{ lists: ResourceLists; failures: LookupFailure[] }> {
  const lists = new ResourceLists();
  const failures: LookupFailure[] = [];
  await Promise.all(
    distinctLists(needs).map(async (need) => {
      try {
        await readOne(client, need, lists);
      } catch (error) {
        failures.push({ ...need, error: error instanceof Error ? error : new Error(String(error)) });
      }
    }),
  );
  failures.sort((a, b) => a.kind.localeCompare(b.kind) || a.projectId.localeCompare(b.projectId));
  return { lists, failures };
}
