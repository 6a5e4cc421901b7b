import { HookopsError } from "../../errors.js";
import { hasErrors, loadRepository, sortFindings, type RepositoryLoad } from "../../config/index.js";
import { validateOnline } from "../../engine/online/index.js";
import { renderFindingsGithub, renderFindingsJson, renderFindingsText, shouldUseColor, toValidationReport } from "../../report/index.js";
import type { CliIO, CommandContext } from "../io.js";

type OutputFormat = "text" | "json" | "github";

export interface ValidateOptions {
  config?: string;
  json?: boolean;
  format: OutputFormat;
  online?: boolean;
  org?: string;
  color: boolean;
}

/** Adds the online findings; an offline error stops here, as it would without --online. */
async function withOnlineChecks(load: RepositoryLoad, options: ValidateOptions, io: CliIO): Promise<RepositoryLoad> {
  const config = load.config;
  if (config === undefined || hasErrors(load.findings)) return load;
  const online = await validateOnline({ config, subscriptions: load.subscriptions, org: options.org, env: io.env });
  io.stderr.write(
    `Checked online against ${online.organization}: ${online.projects} projects, ${online.publishers} publishers, ${online.consumers} consumers.\n`,
  );
  return { ...load, findings: sortFindings([...load.findings, ...online.findings], load.files) };
}

export async function runValidate(dir: string, options: ValidateOptions, { io }: CommandContext): Promise<number> {
  if (options.org !== undefined && !options.online) {
    throw new HookopsError("--org is only used by the online checks; add --online to check against the organization");
  }
  const offline = await loadRepository(dir, { cwd: io.cwd, env: io.env, ...(options.config === undefined ? {} : { configPath: options.config }) });
  const load = options.online ? await withOnlineChecks(offline, options, io) : offline;
  const report = toValidationReport(load);
  const format: OutputFormat = options.json ? "json" : options.format;
  const output =
    format === "json"
      ? renderFindingsJson(report)
      : format === "github"
        ? renderFindingsGithub(report)
        : renderFindingsText(report, { color: shouldUseColor(io.stdout, io.env, options.color) });
  io.stdout.write(output);
  return report.valid ? 0 : 1;
}
