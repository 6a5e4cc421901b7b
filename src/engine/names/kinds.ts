import { catalog, type InputSpec, type NamedResourceKind } from "../../catalog/index.js";

/** What one request lists: release stages come with their release pipelines. */
export type ListKind = "repository" | "buildDefinition" | "releaseDefinition";

export function listKindOf(kind: NamedResourceKind): ListKind {
  return kind === "releaseEnvironment" ? "releaseDefinition" : kind;
}

/** A resource a filter can name: its id as the filter holds it (text), its name, and where it sits. */
export interface NamedItem {
  id: string;
  name: string;
  /** Folder of a pipeline or release pipeline (`\` is the root); absent for repositories and stages. */
  path?: string;
  /** A stage's release pipeline. */
  parent?: { id: string; name: string };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHOLE_NUMBER = /^\d+$/;

/**
 * Whether a written value is an id rather than a name: a GUID for repositories, a whole number
 * for pipelines, release pipelines and stages. A resource whose name has that form is written by its id.
 */
export function isIdForm(kind: NamedResourceKind, value: string): boolean {
  return kind === "repository" ? GUID.test(value.trim()) : WHOLE_NUMBER.test(value.trim());
}

export const NOUNS: Record<NamedResourceKind, { one: string; many: string }> = {
  repository: { one: "Git repository", many: "Git repositories" },
  buildDefinition: { one: "pipeline", many: "pipelines" },
  releaseDefinition: { one: "release pipeline", many: "release pipelines" },
  releaseEnvironment: { one: "release stage", many: "release stages" },
};

/** The filters of an event that may name a resource, with the kind each names. */
export function namingFilters(eventType: string): { spec: InputSpec; kind: NamedResourceKind }[] {
  const filters = catalog.eventType(eventType)?.eventType.filters ?? [];
  return filters.flatMap((spec) => (spec.names === undefined ? [] : [{ spec, kind: spec.names }]));
}

/** The kind of resource one filter of an event names, if any. */
export function namingKind(eventType: string, inputId: string): NamedResourceKind | undefined {
  return namingFilters(eventType).find((filter) => filter.spec.id === inputId)?.kind;
}

/** `\Services\Deploy`: a definition's folder and name, the form that tells same-named definitions apart. */
export function qualifiedName(item: NamedItem): string {
  const folder = (item.path ?? "").replace(/\\+$/, "");
  return `${folder === "" || folder.startsWith("\\") ? folder : `\\${folder}`}\\${item.name}`;
}

function folded(text: string): string {
  return text.trim().toLowerCase();
}

/**
 * The items a written name stands for: by name, case-insensitively (as the service treats names);
 * a name with a `\` is a folder path and is matched against the folder and name together.
 */
export function matchName(items: readonly NamedItem[], written: string): NamedItem[] {
  const wanted = folded(written);
  if (wanted.includes("\\")) {
    const path = wanted.startsWith("\\") ? wanted : `\\${wanted}`;
    return items.filter((item) => item.path !== undefined && folded(qualifiedName(item)) === path);
  }
  return items.filter((item) => folded(item.name) === wanted);
}
