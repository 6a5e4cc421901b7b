import { HookopsError } from "../../errors.js";
import { hasErrors, loadRepository, type LoadOptions, type RepositoryLoad } from "../../config/index.js";
import {
  invalidConfigurationError,
  renderFindingsGithub,
  renderFindingsJson,
  renderFindingsText,
  shouldUseColor,
  toValidationReport,
} from "../../report/index.js";
import type { CliIO, CommandContext } from "../io.js";

type OutputFormat = "text" | "json" | "github";

export interface ValidateOptions {
  config?: string;
  json?: boolean;
  format: OutputFormat;
  online?: boolean;
  org?: string;
  color: boolean;
  verbose?: boolean;
}

/**
 * The same rules again, against the organization's live metadata instead of the shipped catalog.
 * An offline error stops before anything is contacted; the offline pass also says what to read.
 */
async function validateOnline(dir: string, offline: RepositoryLoad, loadOptions: LoadOptions, options: ValidateOptions, io: CliIO): Promise<RepositoryLoad> {
  const config = offline.config;
  if (config === undefined || hasErrors(offline.findings)) return offline;
  // Loaded only here, so plain validate never loads the client (undici) or the connection code.
  const { readLiveCatalog } = await import("../../engine/online/index.js");
  const templates = (offline.patterned ?? []).map((patterned) => patterned.template);
  const live = await readLiveCatalog({ config, subscriptions: [...offline.subscriptions, ...templates], org: options.org, env: io.env });
  io.stderr.write(`Checked online against ${live.organization}: ${live.projects} projects, ${live.publishers} publishers, ${live.consumers} consumers.\n`);
  return loadRepository(dir, { ...loadOptions, catalog: live.source });
}

export async function runValidate(dir: string, options: ValidateOptions, { io }: CommandContext): Promise<number> {
  if (options.org !== undefined && !options.online) {
    throw new HookopsError("--org is only used by the online checks; add --online to check against the organization");
  }
  const loadOptions: LoadOptions = { cwd: io.cwd, env: io.env, ...(options.config === undefined ? {} : { configPath: options.config }) };
  const startedAt = Date.now();
  const offline = await loadRepository(dir, loadOptions);
  const load = options.online ? await validateOnline(dir, offline, loadOptions, options, io) : offline;
  const report = toValidationReport(load);
  if (options.verbose) {
    io.stderr.write(`hookops: read ${report.files} files and ${report.subscriptions} subscriptions in ${Date.now() - startedAt} ms\n`);
  }
  const format: OutputFormat = options.json ? "json" : options.format;
  const output =
    format === "json"
      ? renderFindingsJson(report.valid ? report : { ...report, error: { kind: "configuration", message: invalidConfigurationError(load).message } })
      : format === "github"
        ? renderFindingsGithub(report)
        : renderFindingsText(report, { color: shouldUseColor(io.stdout, io.env, options.color) });
  io.stdout.write(output);
  return report.valid ? 0 : 1;
}
