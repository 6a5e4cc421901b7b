import { stat } from "node:fs/promises";
import path from "node:path";
import { readEntries } from "./entries.js";
import { describeSpecialFile, findIncludedFiles } from "./files.js";
import { FindingSink, sortFindings } from "./findings.js";
import { readYamlFile } from "./read.js";
import { buildConfig } from "./repo-config.js";
import { applyRules, type CatalogSource, type ReferencePolicy, shippedCatalog } from "./rules/index.js";
import type { DesiredSubscription, Finding, HookopsConfig, PatternedSubscription } from "./types.js";
import { locateNearest, startOfFile } from "./yaml-location.js";
import { mapBounded } from "../util/concurrency.js";
import { toPosix } from "../util/paths.js";

export { hasErrors, sortFindings, countBySeverity } from "./findings.js";
export { resolveValue } from "./interpolate.js";
export type { CatalogSource, ProjectList } from "./rules/index.js";
export type { DesiredSubscription, Finding, HookopsConfig, PatternedSubscription, ProjectExpansion } from "./types.js";
export { projectMatcher } from "./project-patterns.js";

export const CONFIG_FILE_NAME = "hookops.yaml";

export interface LoadOptions {
  /** hookops.yaml to use instead of `<dir>/hookops.yaml`; its folder becomes the repo root. */
  configPath?: string;
  /** Environment for `${env:}` availability checks (values are never read into findings). */
  env?: NodeJS.ProcessEnv;
  /** Base for relative paths and for the file names in findings. Default process.cwd(). */
  cwd?: string;
  /** "warn" (validate, plan: secrets may be absent) or "require" (apply). Default "warn". */
  references?: ReferencePolicy;
  /** What the catalog rules check against: default the shipped catalog; `validate --online` passes the organization's. */
  catalog?: CatalogSource;
}

export interface RepositoryLoad {
  config?: HookopsConfig;
  subscriptions: DesiredSubscription[];
  /** Declarations whose projects are known only online (patterns, excludeProjects): plan expands them. */
  patterned?: PatternedSubscription[];
  /** Sorted: hookops.yaml first, then by file, line and column. */
  findings: Finding[];
  /** Every file read (hookops.yaml first), as shown in findings. */
  files: string[];
}

/** Files read at once: enough to keep the disk busy, few enough to stay far from the open-file limit. */
const READ_CONCURRENCY = 32;

async function kindOf(target: string): Promise<"file" | "directory" | "other" | "missing"> {
  try {
    const info = await stat(target);
    return info.isFile() ? "file" : info.isDirectory() ? "directory" : "other";
  } catch {
    return "missing";
  }
}

async function missingConfigMessage(configPath: string, shown: string, explicit: boolean): Promise<string> {
  const folder = path.dirname(configPath);
  const folderKind = await kindOf(folder);
  if (folderKind === "missing") return `directory "${toPosix(path.dirname(shown))}" does not exist (looked for ${shown})`;
  if (folderKind !== "directory") return `"${toPosix(path.dirname(shown))}" is not a directory (looked for ${shown})`;
  const targetKind = await kindOf(configPath);
  if (targetKind === "directory") return `${shown} is a directory, not a hookops.yaml file`;
  if (targetKind === "other") return `${shown} is not a regular file (it is ${describeSpecialFile(await stat(configPath))})`;
  if (!explicit && (await kindOf(path.join(folder, "hookops.yml"))) === "file") {
    return `no ${CONFIG_FILE_NAME} found at ${shown}; found hookops.yml — rename it to ${CONFIG_FILE_NAME}`;
  }
  const hint = explicit ? "" : " (create it, or pass --config <path>)";
  return `no ${CONFIG_FILE_NAME} found at ${shown}${hint}`;
}

/**
 * Reads a hooks repository: hookops.yaml, the subscription files it includes, defaults, fan-out
 * and every validation rule. Bad input never throws; it becomes findings with file, line and
 * column. Subscriptions keep their `${env:}`/`${file:}` references unresolved.
 */
export async function loadRepository(dir: string, options: LoadOptions = {}): Promise<RepositoryLoad> {
  const cwd = options.cwd ?? process.cwd();
  const shown = (absolute: string): string => toPosix(path.relative(cwd, absolute)) || ".";
  const sink = new FindingSink();
  const configPath = options.configPath === undefined ? path.resolve(cwd, dir, CONFIG_FILE_NAME) : path.resolve(cwd, options.configPath);
  const configShown = shown(configPath);
  const root = path.dirname(configPath);

  if ((await kindOf(configPath)) !== "file") {
    sink.error("config-not-found", await missingConfigMessage(configPath, configShown, options.configPath !== undefined), startOfFile(configShown));
    return { subscriptions: [], findings: sink.findings, files: [] };
  }
  const configFile = await readYamlFile(configPath, configShown, sink);
  const loaded = buildConfig(configFile, root, configShown, sink);
  const { config } = loaded;
  if (!configFile || configFile.documents.length === 0) {
    // Without a readable hookops.yaml the include patterns are unknown; looking for files would only add noise.
    return { config, subscriptions: [], findings: sortFindings(sink.findings), files: [configShown] };
  }

  const included = await findIncludedFiles(root, config.include, new Set([configPath]));
  for (const patternIndex of included.unmatched) {
    const pattern = config.include[patternIndex] ?? "";
    const writtenIndex = loaded.includeIndexes[patternIndex];
    const location =
      writtenIndex !== undefined && loaded.documentRef ? locateNearest(loaded.documentRef, ["include", writtenIndex], "value") : startOfFile(configShown);
    const which = writtenIndex === undefined ? `the default include pattern "${pattern}"` : `include pattern "${pattern}"`;
    sink.error("include-no-match", `${which} matches no files under ${shown(root)}`, location);
  }
  // Errors, so plan and apply refuse: what an unread path holds would otherwise look deleted.
  for (const problem of included.problems) sink.error(problem.rule, problem.message, startOfFile(shown(problem.absolute)));

  const files = await mapBounded(included.files, READ_CONCURRENCY, (absolute) =>
    readYamlFile(absolute, shown(absolute), sink, toPosix(path.relative(root, absolute))),
  );
  const entries = files.flatMap((file) => (file ? readEntries(file, loaded, sink) : []));
  const expanded = applyRules(entries, {
    sink,
    root,
    env: options.env ?? process.env,
    references: options.references ?? "warn",
    source: options.catalog ?? shippedCatalog,
  });

  const shownFiles = [configShown, ...included.files.map(shown)];
  const patterned = expanded.flatMap((item) => (item.patterns === undefined ? [] : [{ template: item.subscription, ...item.patterns }]));
  return {
    config,
    subscriptions: expanded.flatMap((item) => (item.patterns === undefined ? [item.subscription] : [])),
    ...(patterned.length === 0 ? {} : { patterned }),
    findings: sortFindings(sink.findings, shownFiles),
    files: shownFiles,
  };
}
