import type { HostedSubscription, TeamProjectReference } from "../ado/types.js";
import type { SubscriptionDefaults } from "../config/types.js";
import { convertSubscription } from "./convert.js";
import { baseNameOf, NameRegistry, slugify } from "./naming.js";
import { isOrganizationWide, safeLabelOf, selectSubscriptions, type SelectOptions } from "./select.js";
import type { ExportFile, ExportFilterNamer, ExportModel, SecretVariable, SkippedSubscription } from "./types.js";

export interface BuildOptions extends SelectOptions {
  /** `defaults` of the hookops.yaml beside the export. */
  defaults?: SubscriptionDefaults;
  /** Names the repository already uses. */
  reservedNames?: readonly string[];
  /** Names for filters holding ids (repositories, pipelines, ...); without it ids are written. */
  filterName?: ExportFilterNamer;
}

/** Case-insensitive first, so "mobile" and "Mobile" sort together; then exact, for a total order. */
export function compareText(a: string, b: string): number {
  const foldedA = a.toLowerCase();
  const foldedB = b.toLowerCase();
  if (foldedA !== foldedB) return foldedA < foldedB ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `hooks/<project-slug>.yaml` for every project of the organization. Computed over all projects,
 * so a project's file is the same whether or not `--project` is used.
 */
export function projectFilePaths(projects: readonly TeamProjectReference[]): Map<string, string> {
  const registry = new NameRegistry();
  const paths = new Map<string, string>();
  for (const project of [...projects].sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))) {
    const slug = registry.claim(slugify(project.name) || slugify(project.id) || "project");
    paths.set(project.id.toLowerCase(), `hooks/${slug}.yaml`);
  }
  return paths;
}

/** Live subscriptions -> the files export writes, the ones it leaves out, and the variables to set. */
export function buildExportModel(live: readonly HostedSubscription[], projects: readonly TeamProjectReference[], options: BuildOptions = {}): ExportModel {
  const selection = selectSubscriptions(live, projects, options);
  const ordered = selection.candidates
    .map((candidate) => ({ ...candidate, base: baseNameOf(candidate.live) }))
    .sort(
      (a, b) =>
        compareText(a.project.name, b.project.name) ||
        compareText(a.live.eventType, b.live.eventType) ||
        compareText(a.base, b.base) ||
        compareText(a.live.createdDate ?? "", b.live.createdDate ?? "") ||
        compareText(a.live.id, b.live.id),
    );
  const registry = new NameRegistry(options.reservedNames);
  const paths = projectFilePaths(projects);
  const files = new Map<string, ExportFile>();
  const nameById = new Map<string, string>();
  const warnings: string[] = [];

  for (const candidate of ordered) {
    const name = registry.claim(candidate.base);
    nameById.set(candidate.live.id, name);
    const converted = convertSubscription(candidate.live, {
      name,
      projectName: candidate.project.name,
      organizationWide: isOrganizationWide(candidate.project),
      ...(options.defaults ? { defaults: options.defaults } : {}),
      ...(options.filterName ? { filterName: options.filterName } : {}),
    });
    warnings.push(...converted.warnings);
    const path = paths.get(candidate.project.id.toLowerCase()) ?? `hooks/${slugify(candidate.project.name)}.yaml`;
    let file = files.get(path);
    if (!file) {
      file = { project: candidate.project, path, subscriptions: [], variables: [] };
      files.set(path, file);
    }
    file.subscriptions.push(converted.subscription);
    for (const variable of converted.variables) file.variables.push({ name: variable.name, subscription: name, input: variable.input, file: path });
  }

  const skipped: SkippedSubscription[] = [...selection.skipped];
  for (const { skipped: duplicate, keptId } of selection.duplicates) {
    const keptName = nameById.get(keptId) ?? keptId;
    skipped.push({
      id: duplicate.live.id,
      label: safeLabelOf(duplicate.live),
      project: duplicate.project.name,
      reason: `a duplicate of "${keptName}" (${keptId}): same project, event, filters and target; plan reports it as a duplicate and prunes it when pruning is enabled`,
    });
  }

  const sortedFiles = [...files.values()].sort((a, b) => compareText(a.project.name, b.project.name));
  for (const file of sortedFiles) {
    file.subscriptions.sort((a, b) => compareText(a.eventType, b.eventType) || compareText(a.name, b.name));
    file.variables.sort((a, b) => compareText(a.name, b.name));
  }
  const variables: SecretVariable[] = sortedFiles.flatMap((file) => file.variables).sort((a, b) => compareText(a.name, b.name));
  skipped.sort((a, b) => compareText(a.project ?? "", b.project ?? "") || compareText(a.label, b.label) || compareText(a.id, b.id));
  return { files: sortedFiles, skipped, variables, warnings };
}
