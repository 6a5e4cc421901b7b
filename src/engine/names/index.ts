/**
 * Names instead of ids in filters (repository, pipelineId, releaseDefinitionId,
 * releaseEnvironmentId): plan looks them up after reading the live state, with one list request
 * per kind and project, and export writes names back where they resolve to exactly that id.
 */
import { AdoAuthError, type AdoClient, type LiveSubscription, type TeamProjectReference } from "../../ado/index.js";
import { resolveValue, sortFindings, type RepositoryLoad } from "../../config/index.js";
import { HookopsError } from "../../errors.js";
import { inertText } from "../../util/inert.js";
import type { ExportFilterNamer } from "../../export/types.js";
import type { InvalidRun, ReadRun } from "../plan.js";
import { isIdForm, namingFilters, NOUNS } from "./kinds.js";
import { listsFor, readResourceLists, type LookupFailure, type NeededList } from "./lists.js";
import { neededLists, resolveNames } from "./resolve.js";
import { exportedName } from "./show.js";

export { showResourceNames } from "./show.js";
export type { ResourceLists } from "./lists.js";

/** A list the names needed could not be read: the plan is refused, as for a failed listing. */
export class NameLookupError extends HookopsError {}

const SCOPES: Record<LookupFailure["kind"], string> = {
  repository: '"Code (read)" (vso.code)',
  buildDefinition: '"Build (read)" (vso.build)',
  releaseDefinition: '"Release (read)" (vso.release)',
};

/** Refused access: the hooks scopes do not cover these lists, so say which scope does (or that ids need none). */
function scopeHint(failures: readonly LookupFailure[]): string {
  const refused = [...new Set(failures.filter((failure) => failure.error instanceof AdoAuthError).map((failure) => SCOPES[failure.kind]))];
  if (refused.length === 0) return "";
  return ` Looking names up needs the token to read them too: ${refused.join(", ")}; or write ids, which need no lookup.`;
}

function describeFailure(failure: LookupFailure, projects: readonly TeamProjectReference[]): string {
  const project = projects.find((candidate) => candidate.id.toLowerCase() === failure.projectId)?.name ?? failure.projectId;
  const what = failure.kind === "releaseDefinition" ? "release pipelines" : NOUNS[failure.kind].many;
  return `the ${what} of project "${project}" (${inertText(failure.error.message)})`;
}

/**
 * The run with the names its subscriptions use replaced by ids. A name that does not resolve,
 * or resolves to two things, makes the run invalid (errors at the filter's line; `onLoad` is told
 * them too) and closes the connection. A list that cannot be read throws NameLookupError.
 */
export async function withResolvedNames(run: ReadRun, env: NodeJS.ProcessEnv, onLoad?: (load: RepositoryLoad) => void): Promise<ReadRun | InvalidRun> {
  const { load, connection, live } = run;
  const context = {
    projects: live.projects,
    resolveReference: (value: string) => resolveValue(value, { root: load.config.root, env }).value,
  };
  const needs = neededLists(load.subscriptions, context);
  const { lists, failures } = await readResourceLists(connection.client, needs);
  if (failures.length > 0) {
    const which = failures.map((failure) => describeFailure(failure, live.projects)).join("; ");
    throw new NameLookupError(
      `could not look up the names the subscriptions use: reading ${which} failed; nothing was planned or changed.${scopeHint(failures)}`,
    );
  }
  const resolved = resolveNames(load.subscriptions, lists, context);
  if (resolved.findings.length === 0)
    return needs.length === 0 ? run : { ...run, load: { ...load, subscriptions: resolved.subscriptions, resourceNames: lists } };
  await connection.close();
  // Findings already printed when the repository was read are not repeated.
  onLoad?.({ ...load, findings: sortFindings(resolved.findings, load.files) });
  return { load: { ...load, findings: sortFindings([...load.findings, ...resolved.findings], load.files) } };
}

/** The lists export reads: those of the kinds and projects whose live filters hold ids. */
function exportNeeds(subscriptions: readonly LiveSubscription[]): NeededList[] {
  const needs: NeededList[] = [];
  for (const subscription of subscriptions) {
    const projectId = subscription.publisherInputs.projectId?.trim().toLowerCase() ?? "";
    if (projectId === "") continue;
    for (const { spec, kind } of namingFilters(subscription.eventType)) {
      const value = subscription.publisherInputs[spec.id];
      if (typeof value === "string" && isIdForm(kind, value)) needs.push(listsFor(kind, projectId));
    }
  }
  return needs;
}

/**
 * Reads what export needs to write names for ids. A list that cannot be read only costs names:
 * those ids are written as they are (a warning says so), which plans no changes either.
 */
export async function exportNamer(
  client: AdoClient,
  subscriptions: readonly LiveSubscription[],
  projects: readonly TeamProjectReference[],
): Promise<{ nameOf: ExportFilterNamer; warnings: string[] }> {
  const { lists, failures } = await readResourceLists(client, exportNeeds(subscriptions));
  const warnings = failures.map((failure) => `could not read ${describeFailure(failure, projects)}; their ids are exported as they are, not as names.`);
  const nameOf: ExportFilterNamer = (live, inputId, value) => {
    const projectId = live.publisherInputs.projectId?.trim().toLowerCase() ?? "";
    return projectId === "" ? undefined : exportedName(lists, { projectId, eventType: live.eventType, publisherInputs: live.publisherInputs }, inputId, value);
  };
  return { nameOf, warnings };
}
