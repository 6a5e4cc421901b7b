import { createInterface } from "node:readline";
import type { RepositoryLoad } from "../config/index.js";
import type { ListingRecord } from "../ado/index.js";
import { listingLine, renderFindingsText, shouldUseColor, toValidationReport } from "../report/index.js";
import { inertText } from "../util/inert.js";
import type { CliIO } from "./io.js";
import type { CommonOptions } from "./options.js";

/** Where a command writes, and how: color only on a terminal unless told otherwise. */
export interface Output {
  color: boolean;
  /** Color for what goes to stderr (findings): also needs stderr to take it. */
  errColor: boolean;
  /** stdout is a terminal (progress counters are shown then). */
  interactive: boolean;
  out(text: string): void;
  err(text: string): void;
  /** Only with --verbose, to stderr; one line, made inert (it often carries a service's message). */
  verbose(text: string): void;
}

export function makeOutput(options: Pick<CommonOptions, "color" | "verbose">, io: Pick<CliIO, "env" | "stdout" | "stderr">): Output {
  const color = shouldUseColor(io.stdout, io.env, options.color);
  return {
    color,
    errColor: shouldUseColor(io.stderr, io.env, color),
    interactive: io.stdout.isTTY === true,
    out: (text) => io.stdout.write(text),
    err: (text) => io.stderr.write(text),
    verbose: (text) => {
      if (options.verbose) io.stderr.write(`hookops: ${inertText(text)}\n`);
    },
  };
}

/** Validation findings as `validate` prints them (values made inert by renderFindingsText), to stderr (stdout stays the plan or its JSON). */
export function printFindings(load: RepositoryLoad, output: Output): void {
  if (load.findings.length === 0) return;
  output.err(renderFindingsText(toValidationReport(load), { color: output.errColor }));
}

/** Whether both ends are a terminal, so a person can answer a question. */
export function canPrompt(io: Pick<CliIO, "stdin" | "stdout">): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true;
}

/** Asks on the terminal; only the exact answer `yes` approves. Ctrl-C or end of input declines. */
export function askYes(question: string, io: Pick<CliIO, "stdin" | "stdout">): Promise<boolean> {
  return new Promise((resolve) => {
    const reader = createInterface({ input: io.stdin, output: io.stdout, terminal: true });
    let settled = false;
    const finish = (answer: boolean) => {
      if (settled) return;
      settled = true;
      reader.close();
      resolve(answer);
    };
    reader.on("SIGINT", () => {
      io.stdout.write("\n");
      finish(false);
    });
    reader.on("close", () => finish(false));
    reader.question(question, (answer) => finish(answer.trim() === "yes"));
  });
}

/** What every command that reads the organization passes the engine from its flags: where the repo is, whom to ask, how. */
export function connectionOptions(dir: string, options: CommonOptions, io: Pick<CliIO, "cwd" | "env">, output: Output) {
  return {
    dir,
    cwd: io.cwd,
    configPath: options.config,
    org: options.org,
    env: io.env,
    concurrency: options.concurrency,
    listTimeoutMs: options.listTimeout === undefined ? undefined : options.listTimeout * 1000,
    onListing: (record: ListingRecord) => output.verbose(listingLine(record)),
  };
}
