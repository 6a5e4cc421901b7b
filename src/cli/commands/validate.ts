import { Option, type Command } from "commander";
import { HookopsError } from "../../errors.js";
import { formatGithub, formatJson, formatText, toValidationReport } from "../../config/format.js";
import { loadRepository } from "../../config/index.js";
import { shouldUseColor } from "../../report/index.js";

type OutputFormat = "text" | "json" | "github";

interface ValidateOptions {
  config?: string;
  json?: boolean;
  format: OutputFormat;
  online?: boolean;
  color: boolean;
}

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check hookops.yaml and the subscription files offline: YAML, schema, catalog rules, duplicates, secret references")
    .argument("[dir]", "folder holding hookops.yaml", ".")
    .option("--config <path>", "use this hookops.yaml (its folder is the repository root)")
    .option("--json", "print the result as JSON (formatVersion 1)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "github"]).default("text"))
    .option("--online", "also check against the organization's live publisher and consumer metadata")
    .option("--no-color", "plain text output (also NO_COLOR)")
    .action(async (dir: string, options: ValidateOptions) => {
      if (options.online) {
        throw new HookopsError(
          "validate --online needs a connection to Azure DevOps, and this build has no Azure DevOps client yet; run `hookops validate` without --online for the offline checks",
        );
      }
      const loadOptions = options.config === undefined ? {} : { configPath: options.config };
      const report = toValidationReport(await loadRepository(dir, loadOptions));
      const format: OutputFormat = options.json ? "json" : options.format;
      const output = format === "json" ? formatJson(report) : format === "github" ? formatGithub(report) : formatText(report, { color: shouldUseColor(process.stdout, process.env, options.color) });
      process.stdout.write(output);
      process.exitCode = report.valid ? 0 : 1;
    });
}
