import type { Command } from "commander";
import { formatExportJson, formatExportText, runExport } from "../../export/index.js";
import { addCommonOptions, type CommonOptions } from "../options.js";
import { makeOutput } from "../output.js";

interface ExportCommandOptions extends CommonOptions {
  project?: string;
  out?: string;
  force?: boolean;
  schemaBase?: string;
}

async function runExportCommand(options: ExportCommandOptions): Promise<void> {
  const output = makeOutput(options);
  const cwd = process.cwd();
  const startedAt = Date.now();
  const outcome = await runExport({
    ...(options.out === undefined ? {} : { out: options.out }),
    ...(options.project === undefined ? {} : { project: options.project }),
    ...(options.org === undefined ? {} : { org: options.org }),
    ...(options.config === undefined ? {} : { configPath: options.config }),
    ...(options.schemaBase === undefined ? {} : { schemaBase: options.schemaBase }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.listTimeout === undefined ? {} : { listTimeoutMs: options.listTimeout * 1000 }),
    force: options.force === true,
    env: process.env,
    cwd,
  });
  output.verbose(`read ${outcome.liveCount} live subscriptions and wrote ${outcome.written.length} files in ${Date.now() - startedAt} ms`);
  output.out(options.json ? formatExportJson(outcome, cwd) : formatExportText(outcome, cwd));
}

export function registerExport(program: Command): void {
  const command = program
    .command("export")
    .description("write the live subscriptions as YAML (hooks/<project>.yaml); secrets become ${env:…} placeholders")
    .option("--project <name-or-id>", "export only this project's subscriptions")
    .option("--out <dir>", "folder to write into (default: the folder of --config, else the current directory)")
    .option("--force", "overwrite existing subscription files (an existing hookops.yaml is always kept)")
    .option("--schema-base <dir-or-url>", "where the JSON schemas live, for the editor line at the top of each file");
  addCommonOptions(command).action(runExportCommand);
}
