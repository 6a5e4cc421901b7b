import type { FieldChange, Plan, PlannedChange } from "../../reconcile/types.js";
import { isIdForm, matchName, namingKind, qualifiedName, type NamedItem } from "./kinds.js";
import type { ResourceLists } from "./lists.js";

const FILTER_PREFIX = "publisherInputs.";

function byId(items: readonly NamedItem[], id: string): NamedItem | undefined {
  const wanted = id.trim().toLowerCase();
  return items.find((item) => item.id.toLowerCase() === wanted);
}

function withName(items: readonly NamedItem[], value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const item = byId(items, value);
  if (item === undefined) return value;
  // A pipeline in a folder is shown with it: two in different folders may share a name.
  const name = item.path !== undefined && item.path.replace(/\\+$/, "") !== "" ? qualifiedName(item) : item.name;
  return `${name} (id ${value})`;
}

function namedField(change: PlannedChange, field: FieldChange, lists: ResourceLists): FieldChange {
  if (field.sensitive || change.projectId === undefined || !field.field.startsWith(FILTER_PREFIX)) return field;
  const kind = namingKind(change.eventType, field.field.slice(FILTER_PREFIX.length));
  const items = kind === undefined ? undefined : lists.items(kind, change.projectId);
  if (items === undefined) return field;
  const before = withName(items, field.before);
  const after = withName(items, field.after);
  return { ...field, ...(before === undefined ? {} : { before }), ...(after === undefined ? {} : { after }) };
}

/**
 * Shows `WebSite (id 6b1e…)` where a change's filter holds the id of something this run looked up,
 * so a reviewer reads names; the body keeps the ids apply sends. Only lists already read are used.
 */
export function showResourceNames(plan: Plan, lists: ResourceLists | undefined): Plan {
  if (lists === undefined) return plan;
  const changes = plan.changes.map((change) => ({ ...change, fields: change.fields.map((field) => namedField(change, field, lists)) }));
  return { ...plan, changes };
}

/** What export needs to know of a live subscription to name its filters. */
export interface NamingSubject {
  projectId: string;
  eventType: string;
  publisherInputs: Record<string, string>;
}

/**
 * The name to write for a filter's id: only one that plan resolves back to exactly this id
 * (folder and name where the plain name is shared), so an exported file plans no changes.
 */
export function exportedName(lists: ResourceLists, subject: NamingSubject, inputId: string, value: string): string | undefined {
  const kind = namingKind(subject.eventType, inputId);
  if (kind === undefined || !isIdForm(kind, value)) return undefined;
  const all = lists.items(kind, subject.projectId);
  const item = all === undefined ? undefined : byId(all, value);
  if (all === undefined || item === undefined) return undefined;
  const definition = kind === "releaseEnvironment" ? (subject.publisherInputs.releaseDefinitionId ?? "").trim() : "";
  const scope = definition === "" ? all : all.filter((candidate) => candidate.parent?.id === definition);
  const candidates = item.path === undefined ? [item.name] : [item.name, qualifiedName(item)];
  return candidates.find((candidate) => {
    if (candidate !== candidate.trim() || candidate.includes("${") || isIdForm(kind, candidate)) return false;
    const found = matchName(scope, candidate);
    return found.length === 1 && found[0]?.id === item.id;
  });
}
