import { catalog } from "../catalog/index.js";
import type { ConsumerActionSpec } from "../catalog/types.js";
import { isLatestResourceVersion } from "../compare/index.js";
import { locateField, type Entry } from "./entries.js";
import { presentInputs } from "./fields.js";
import { RESERVED_PUBLISHER_INPUTS } from "./key.js";
import { projectSelectorsOf } from "./project-patterns.js";
import type { DesiredSubscription, ProjectSelector, SourceLocation } from "./types.js";

/**
 * One desired subscription and the entry it came from (`projectIndex` set after fan-out). With
 * `patterns`, the subscription is the template of copies plan makes once it knows the projects.
 */
export interface Expanded {
  subscription: DesiredSubscription;
  entry: Entry;
  projectIndex?: number;
  patterns?: { include: ProjectSelector[]; exclude: ProjectSelector[] };
}

/**
 * The resourceVersion a subscription sends: none for "latest" (the same as none), and one from
 * defaults only where the action may choose it (the service refuses it elsewhere).
 */
function sentResourceVersion(entry: Entry, action: ConsumerActionSpec | undefined): string | undefined {
  const version = entry.fields.resourceVersion;
  if (version === undefined || isLatestResourceVersion(version)) return undefined;
  if (entry.written.resourceVersion === undefined && action?.allowResourceVersionOverride !== true) return undefined;
  return version;
}

/** Consumer inputs as sent: the service refuses blank ones, so they are left out. */
function sentConsumerInputs(entry: Entry): Record<string, string> {
  return Object.fromEntries(Object.entries(presentInputs(entry.fields.consumerInputs)).filter(([, value]) => value.trim() !== ""));
}

/** Where each filter that may name a resource (a repository, a pipeline, ...) is written; only those, so locating stays cheap. */
function nameSources(entry: Entry, eventType: string, publisherInputs: Record<string, string>): Record<string, SourceLocation> | undefined {
  const filters = catalog.eventType(eventType)?.eventType.filters ?? [];
  let sources: Record<string, SourceLocation> | undefined;
  for (const spec of filters) {
    if (spec.names === undefined || (publisherInputs[spec.id] ?? "").trim() === "") continue;
    sources ??= {};
    sources[spec.id] = locateField(entry, ["publisherInputs", spec.id]);
  }
  return sources;
}

/**
 * Entry → desired subscriptions: one per project for `projects:` (named `<name>@<project>`),
 * one for `project:` or `organizationWide: true`, or a template for plan to expand when
 * `projects` holds a pattern or `excludeProjects` is set. Returns nothing when a required field
 * is missing (already reported).
 */
export function expandEntry(entry: Entry, publisherId: string | undefined, action?: ConsumerActionSpec): Expanded[] {
  const { name, eventType, consumerId, consumerActionId } = entry.fields;
  if (name === undefined || eventType === undefined || consumerId === undefined || consumerActionId === undefined || publisherId === undefined) return [];
  const publisherInputs = presentInputs(entry.fields.publisherInputs);
  for (const key of RESERVED_PUBLISHER_INPUTS) delete publisherInputs[key];
  const base = {
    publisherId,
    eventType,
    publisherInputs,
    consumerId,
    consumerActionId,
    consumerInputs: sentConsumerInputs(entry),
    enabled: entry.fields.enabled ?? true,
    source: entry.source,
  };
  const optional: Partial<DesiredSubscription> = {};
  const resourceVersion = sentResourceVersion(entry, action);
  if (resourceVersion !== undefined) optional.resourceVersion = resourceVersion;
  if (entry.fields.id !== undefined) optional.id = entry.fields.id;
  if (entry.fields.allowInsecureUrl !== undefined) optional.allowInsecureUrl = entry.fields.allowInsecureUrl;
  if (entry.fields.allowUnlistedEvent !== undefined) optional.allowUnlistedEvent = entry.fields.allowUnlistedEvent;
  const inputSources = nameSources(entry, eventType, publisherInputs);
  if (inputSources !== undefined) optional.inputSources = inputSources;

  if (entry.fields.organizationWide === true) return [{ entry, subscription: { name, project: "", organizationWide: true, ...base, ...optional } }];
  // A single `project` written on the entry wins over fan-out (both together is an error anyway).
  if (entry.fields.project !== undefined && (entry.written.project !== undefined || entry.written.projects === undefined)) {
    const projectSource = locateField(entry, ["project"]);
    return [{ entry, subscription: { name, project: entry.fields.project, ...base, ...optional, projectSource } }];
  }
  const patterns = projectSelectorsOf(entry);
  if (patterns !== undefined) return [{ entry, patterns, subscription: { name, project: "", ...base, ...optional } }];
  const projects = entry.fields.projects ?? [];
  return projects.map((project, projectIndex) => ({
    entry,
    projectIndex,
    subscription: {
      name: `${name}@${project}`,
      project,
      ...base,
      publisherInputs: { ...publisherInputs },
      consumerInputs: { ...base.consumerInputs },
      ...optional,
      projectSource: locateField(entry, ["projects", projectIndex]),
    },
  }));
}
