import { readStatus, statusExitCode } from "../../engine/status.js";
import { invalidConfigurationError, renderJsonError, renderStatusJson, renderStatusMarkdown, renderStatusText } from "../../report/index.js";
import type { CommandContext } from "../io.js";
import type { CommonOptions, WindowOption } from "../options.js";
import { connectionOptions, makeOutput, printFindings } from "../output.js";

export interface StatusCommandOptions extends CommonOptions {
  all?: boolean;
  since: WindowOption;
  maxFailureRate: number;
  format: "text" | "json" | "markdown";
  detailedExitcode?: boolean;
}

export async function runStatus(dir: string, options: StatusCommandOptions, { io }: CommandContext): Promise<number> {
  const output = makeOutput(options, io);
  const startedAt = Date.now();
  const run = await readStatus({
    ...connectionOptions(dir, options, io, output),
    onLoad: (load) => printFindings(load, output),
    all: options.all === true,
    window: options.since,
    maxFailureRate: options.maxFailureRate,
  });
  if (run.kind === "invalid") {
    if (options.json) output.out(renderJsonError(invalidConfigurationError(run.load)));
    return 1;
  }
  const { report } = run;
  const withHistory = report.subscriptions.filter((row) => row.id !== undefined).length;
  output.verbose(`read ${run.read.live.subscriptions.length} live subscriptions in ${Date.now() - startedAt} ms`);
  const requests = `${run.deliveryRequests} notificationsquery ${run.deliveryRequests === 1 ? "request" : "requests"}`;
  output.verbose(`read the deliveries of ${withHistory} subscriptions since ${report.window.since} with ${requests}`);
  const format = options.json ? "json" : options.format;
  output.out(
    format === "json" ? renderStatusJson(report) : format === "markdown" ? renderStatusMarkdown(report) : renderStatusText(report, { color: output.color }),
  );
  return statusExitCode(report, options.detailedExitcode === true);
}
