import { stat } from "node:fs/promises";
import path from "node:path";
import type { AdoCredential } from "../ado/index.js";
import { chooseOrganization, openConnection } from "../engine/connect.js";
import { readLiveState, type LiveState } from "../engine/live.js";
import { listTimeoutMs } from "../engine/plan.js";
import { HookopsError } from "../errors.js";
import { inertText } from "../util/inert.js";
import { isIncluded, ManagedIndex, readExistingRepository, type ExistingRepository } from "./existing.js";
import { buildExportModel, projectFilePaths } from "./model.js";
import { renderRootConfig, renderSubscriptionFile } from "./render.js";
import { schemaRef } from "./schema-ref.js";
import { ProjectIndex } from "../reconcile/ownership.js";
import { resolveProjectFilter } from "./select.js";
import type { ExportModel } from "./types.js";
import { writeFiles, type PendingFile, type WrittenFile } from "./write.js";

export const ROOT_CONFIG_FILE = "hookops.yaml";

export class ExportConfigNotFoundError extends HookopsError {}
export class IncompleteListingError extends HookopsError {}

export interface ExportOptions {
  /** Output folder; default the folder of `configPath`, else the current directory. */
  out?: string;
  /** `--project`: name or id. */
  project?: string;
  org?: string;
  /** `--config`: an existing hookops.yaml to read organization, defaults and protect from. */
  configPath?: string;
  force?: boolean;
  /** Folder or URL holding the JSON schemas, for the editor comment. */
  schemaBase?: string;
  env: NodeJS.ProcessEnv;
  cwd?: string;
  credential?: AdoCredential;
  concurrency?: number;
  /** How long to wait for one subscription listing, in ms. */
  listTimeoutMs?: number;
}

export interface ExportOutcome {
  /** As written to hookops.yaml: what the user named (or "emulator"). */
  organization: string;
  outDir: string;
  /** Live subscriptions read, before any was left out. */
  liveCount: number;
  model: ExportModel;
  written: WrittenFile[];
  warnings: string[];
}

async function isFile(target: string): Promise<boolean> {
  try {
    return (await stat(target)).isFile();
  } catch {
    return false;
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join("/");
}

function failuresMessage(live: LiveState): string {
  const hosts = live.failures.map((failure) => `${failure.host === "release" ? "the release-management host" : "the organization host"} (${inertText(failure.error.message)})`);
  return `could not list the subscriptions of ${hosts.join(" and ")}; nothing was written, so no subscription goes missing from the export`;
}

/** Declared subscriptions export does not replace: those outside the files it is about to (re)write. */
function managedIndex(existing: ExistingRepository | undefined, live: LiveState, outDir: string, project: string | undefined, env: NodeJS.ProcessEnv, shown: (absolute: string) => string): ManagedIndex | undefined {
  if (!existing) return undefined;
  const paths = projectFilePaths(live.projects);
  const inScope = project === undefined ? live.projects : [resolveProjectFilter(new ProjectIndex(live.projects), live.projects, project)];
  const replaced = new Set(inScope.map((candidate) => path.join(outDir, paths.get(candidate.id.toLowerCase()) ?? "")));
  const kept = existing.declared.filter((declared) => !replaced.has(declared.file));
  return new ManagedIndex(kept, live.projects, { root: existing.config.root, env, shownFile: shown });
}

async function isNonFolder(target: string): Promise<boolean> {
  try {
    return !(await stat(target)).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the live subscriptions and writes them as a hooks repository (see docs/export.md). */
export async function runExport(options: ExportOptions): Promise<ExportOutcome> {
  const cwd = options.cwd ?? process.cwd();
  const shown = (absolute: string): string => toPosix(path.relative(cwd, absolute)) || ".";
  const explicitConfig = options.configPath === undefined ? undefined : path.resolve(cwd, options.configPath);
  if (explicitConfig !== undefined && !(await isFile(explicitConfig))) {
    throw new ExportConfigNotFoundError(`no hookops.yaml at ${shown(explicitConfig)} (--config names an existing file; leave it out to create one)`);
  }
  const outDir = path.resolve(cwd, options.out ?? (explicitConfig === undefined ? "." : path.dirname(explicitConfig)));
  if (options.out !== undefined && (await isNonFolder(outDir))) {
    throw new ExportConfigNotFoundError(`--out ${shown(outDir)} is a file, not a folder: export writes a hooks repository (hookops.yaml and hooks/) into a folder`);
  }
  const configPath = explicitConfig ?? path.join(outDir, ROOT_CONFIG_FILE);
  const existing = await readExistingRepository(configPath, options.env, cwd);
  const organization = chooseOrganization({ org: options.org, config: existing?.config, env: options.env });

  const connection = await openConnection({
    org: options.org,
    ...(existing ? { config: existing.config } : {}),
    root: existing?.config.root ?? outDir,
    env: options.env,
    credential: options.credential,
    concurrency: options.concurrency,
  });
  let live: LiveState;
  try {
    // --project reads that project only; without it the organization-wide list is the scope.
    live = await readLiveState(connection.client, {
      ...(options.project === undefined ? {} : { projects: [options.project] }),
      listTimeoutMs: listTimeoutMs(options),
    });
  } finally {
    await connection.close();
  }
  if (!live.complete) throw new IncompleteListingError(failuresMessage(live));

  const managed = managedIndex(existing, live, outDir, options.project, options.env, shown);
  const model = buildExportModel(live.subscriptions, live.projects, {
    ...(options.project === undefined ? {} : { project: options.project }),
    ...(existing ? { protect: existing.config.protect } : {}),
    ...(existing?.config.defaults ? { defaults: existing.config.defaults } : {}),
    ...(managed ? { managed, reservedNames: managed.names } : {}),
  });

  const warnings = [...model.warnings];
  if (existing?.configHasErrors) warnings.push(`${shown(configPath)} has errors (run \`hookops validate\`); export used what it could read from it.`);
  const pending: PendingFile[] = model.files.map((file) => {
    const absolute = path.join(outDir, file.path);
    const ref = schemaRef(absolute, outDir, "subscriptions", options.schemaBase);
    return { path: file.path, content: renderSubscriptionFile(file, { organization, ...(ref === undefined ? {} : { schemaRef: ref }) }), createOnly: false };
  });
  if (explicitConfig === undefined) {
    const ref = schemaRef(configPath, outDir, "hookops", options.schemaBase);
    pending.push({ path: ROOT_CONFIG_FILE, content: renderRootConfig({ organization, ...(ref === undefined ? {} : { schemaRef: ref }) }), createOnly: true });
  }
  if (existing) {
    for (const file of model.files) {
      const relative = toPosix(path.relative(existing.config.root, path.join(outDir, file.path)));
      if (!isIncluded(relative, existing.config.include)) warnings.push(`${shown(path.join(outDir, file.path))} is not matched by \`include\` in ${shown(configPath)}; add it, or plan will not read it.`);
    }
  }
  const written = await writeFiles(outDir, pending, { force: options.force === true, shown });
  return { organization, outDir, liveCount: live.subscriptions.length, model, written, warnings };
}
