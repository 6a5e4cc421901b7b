import { runExport } from "../../engine/export.js";
import { renderExportJson, renderExportText } from "../../report/index.js";
import type { CommandContext } from "../io.js";
import type { CommonOptions } from "../options.js";
import { makeOutput } from "../output.js";

export interface ExportCommandOptions extends CommonOptions {
  project?: string;
  out?: string;
  force?: boolean;
  schemaBase?: string;
}

export async function runExportCommand(options: ExportCommandOptions, { io }: CommandContext): Promise<number> {
  const output = makeOutput(options, io);
  const { cwd } = io;
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
    env: io.env,
    cwd,
  });
  output.verbose(`read ${outcome.liveCount} live subscriptions and wrote ${outcome.written.length} files in ${Date.now() - startedAt} ms`);
  output.out(options.json ? renderExportJson(outcome, cwd) : renderExportText(outcome, cwd));
  return 0;
}
