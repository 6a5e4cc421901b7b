import { testDeliveries } from "../../engine/test-delivery.js";
import { HookopsError } from "../../errors.js";
import { invalidConfigurationError, renderJsonError, renderTestDeliveryJson, renderTestDeliveryText } from "../../report/index.js";
import type { CommandContext } from "../io.js";
import type { CommonOptions } from "../options.js";
import { connectionOptions, makeOutput, printFindings } from "../output.js";

export interface TestCommandOptions extends CommonOptions {
  all?: boolean;
  /** Seconds to wait for each delivery to complete. */
  timeout: number;
}

/** `test` was given no name and no --all, or both. */
export class TestUsageError extends HookopsError {}

/** `hookops test --all [dir]`: with --all the one argument given is the folder. */
function targetOf(name: string | undefined, dir: string | undefined, all: boolean): { name?: string; dir: string } {
  if (!all) {
    if (name === undefined) throw new TestUsageError("Name the subscription to test (`hookops test <name> [dir]`), or pass --all to test every one.");
    return { name, dir: dir ?? "." };
  }
  if (name !== undefined && dir !== undefined) throw new TestUsageError("--all tests every declared subscription: give it the folder only, not a name.");
  return { dir: name ?? dir ?? "." };
}

export async function runTest(name: string | undefined, dir: string | undefined, options: TestCommandOptions, { io }: CommandContext): Promise<number> {
  const output = makeOutput(options, io);
  const target = targetOf(name, dir, options.all === true);
  const run = await testDeliveries({
    ...connectionOptions(target.dir, options, io, output),
    ...(target.name === undefined ? {} : { name: target.name }),
    all: options.all === true,
    onLoad: (load) => printFindings(load, output),
    timeoutMs: options.timeout * 1000,
  });
  if (run.kind === "invalid") {
    if (options.json) output.out(renderJsonError(invalidConfigurationError(run.load)));
    return 1;
  }
  const { report } = run;
  output.verbose(`sent ${report.results.length} test notifications`);
  output.out(options.json ? renderTestDeliveryJson(report) : renderTestDeliveryText(report, { color: output.color }));
  return report.results.every((result) => result.outcome === "succeeded") ? 0 : 1;
}
