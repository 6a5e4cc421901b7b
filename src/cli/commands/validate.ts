import { Option, type Command } from "commander";
import { HookopsError } from "../../errors.js";
import { formatGithub, formatJson, formatText, toValidationReport } from "../../config/format.js";
import { hasErrors, loadRepository, sortFindings, type RepositoryLoad } from "../../config/index.js";
import { validateOnline } from "../../engine/online/index.js";
import { shouldUseColor } from "../../report/index.js";

type OutputFormat = "text" | "json" | "github";

interface ValidateOptions {
  config?: string;
  json?: boolean;
  format: OutputFormat;
  online?: boolean;
  org?: string;
  color: boolean;
}

/** Adds the online findings; an offline error stops here, as it would without --online. */
async function withOnlineChecks(load: RepositoryLoad, options: ValidateOptions): Promise<RepositoryLoad> {
  const config = load.config;
  if (config === undefined || hasErrors(load.findings)) return load;
  const online = await validateOnline({ config, subscriptions: load.subscriptions, org: options.org, env: process.env });
  process.stderr.write(
    `Checked online against ${online.organization}: ${online.projects} projects, ${online.publishers} publishers, ${online.consumers} consumers.\n`,
  );
  return { ...load, findings: sortFindings([...load.findings, ...online.findings], load.files) };
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check hookops.yaml and the subscription files: YAML, schema, catalog rules, duplicates, secret references (offline unless --online)")
    .argument("[dir]", "folder holding hookops.yaml", ".")
    .option("--config <path>", "use this hookops.yaml (its folder is the repository root)")
    .option("--json", "print the result as JSON (formatVersion 1)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "github"]).default("text"))
    .option("--online", "also check against the organization's live publisher, consumer and project metadata")
    .option("--org <organization>", "with --online: organization name or URL, or 'emulator' (default: hookops.yaml, then AZURE_DEVOPS_ORG_URL)")
    .option("--no-color", "plain text output (also NO_COLOR)")
    .action(async (dir: string, options: ValidateOptions) => {
      if (options.org !== undefined && !options.online) {
        throw new HookopsError("--org is only used by the online checks; add --online to check against the organization");
      }
      const loadOptions = options.config === undefined ? {} : { configPath: options.config };
      const offline = await loadRepository(dir, loadOptions);
      const load = options.online ? await withOnlineChecks(offline, options) : offline;
      const report = toValidationReport(load);
      const format: OutputFormat = options.json ? "json" : options.format;
      const output = format === "json" ? formatJson(report) : format === "github" ? formatGithub(report) : formatText(report, { color: shouldUseColor(process.stdout, process.env, options.color) });
      process.stdout.write(output);
      process.exitCode = report.valid ? 0 : 1;
    });
}
