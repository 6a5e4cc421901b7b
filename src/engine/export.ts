import { stat } from "node:fs/promises";
import path from "node:path";
import type { AdoCredential } from "../ado/index.js";
import { CONFIG_FILE_NAME } from "../config/index.js";
import { HookopsError } from "../errors.js";
import { readExistingRepository } from "../export/existing.js";
import { keptDeclarations, pendingFiles, unreadFileWarnings, type ExportTarget } from "../export/files.js";
import { buildExportModel } from "../export/model.js";
import type { ExportOutcome } from "../export/types.js";
import { writeFiles } from "../export/write.js";
import { inertText } from "../util/inert.js";
import { isFile, toPosix } from "../util/paths.js";
import { chooseOrganization, openConnection } from "./connect.js";
import { readLiveState, type LiveState } from "./live.js";
import { exportNamer } from "./names/index.js";
import { listTimeoutMs } from "./plan.js";

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

function failuresMessage(live: LiveState): string {
  const hosts = live.failures.map(
    (failure) => `${failure.host === "release" ? "the release-management host" : "the organization host"} (${inertText(failure.error.message)})`,
  );
  return `could not list the subscriptions of ${hosts.join(" and ")}; nothing was written, so no subscription goes missing from the export`;
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
  if (explicitConfig !== undefined && !isFile(explicitConfig)) {
    throw new ExportConfigNotFoundError(`no hookops.yaml at ${shown(explicitConfig)} (--config names an existing file; leave it out to create one)`);
  }
  const outDir = path.resolve(cwd, options.out ?? (explicitConfig === undefined ? "." : path.dirname(explicitConfig)));
  if (options.out !== undefined && (await isNonFolder(outDir))) {
    throw new ExportConfigNotFoundError(
      `--out ${shown(outDir)} is a file, not a folder: export writes a hooks repository (hookops.yaml and hooks/) into a folder`,
    );
  }
  const configPath = explicitConfig ?? path.join(outDir, CONFIG_FILE_NAME);
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
  let naming: Awaited<ReturnType<typeof exportNamer>> | undefined;
  try {
    // --project reads that project only; without it the organization-wide list is the scope.
    live = await readLiveState(connection.client, {
      ...(options.project === undefined ? {} : { projects: [options.project] }),
      listTimeoutMs: listTimeoutMs(options),
    });
    if (live.complete) naming = await exportNamer(connection.client, live.subscriptions, live.projects);
  } finally {
    await connection.close();
  }
  if (!live.complete) throw new IncompleteListingError(failuresMessage(live));

  const managed = keptDeclarations(existing, live.projects, outDir, options.project, options.env, shown);
  const model = buildExportModel(live.subscriptions, live.projects, {
    ...(options.project === undefined ? {} : { project: options.project }),
    ...(existing ? { protect: existing.config.protect } : {}),
    ...(existing?.config.defaults ? { defaults: existing.config.defaults } : {}),
    ...(managed ? { managed, reservedNames: managed.names } : {}),
    ...(naming ? { filterName: naming.nameOf } : {}),
  });

  const target: ExportTarget = {
    organization,
    outDir,
    configPath,
    writeRootConfig: explicitConfig === undefined,
    ...(options.schemaBase === undefined ? {} : { schemaBase: options.schemaBase }),
  };
  const warnings = [...model.warnings, ...(naming?.warnings ?? [])];
  if (existing?.configHasErrors) warnings.push(`${shown(configPath)} has errors (run \`hookops validate\`); export used what it could read from it.`);
  if (existing) warnings.push(...unreadFileWarnings(model, existing, target, shown));
  const written = await writeFiles(outDir, pendingFiles(model, target), { force: options.force === true, shown });
  return { organization, outDir, liveCount: live.subscriptions.length, model, written, warnings };
}
