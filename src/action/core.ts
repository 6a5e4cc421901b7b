/**
 * The part of @actions/core the Action uses (inputs, log lines, annotations, masks, outputs, job
 * summary, failure), written against one run's ActionIO instead of process.env, process.stdout
 * and process.exitCode, so tests can run the Action in-process, several at once. The formats are
 * @actions/core's: `::command key=value::message` lines and `name<<delimiter` output heredocs.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { appendFileSync, constants, existsSync } from "node:fs";
import { access, appendFile } from "node:fs/promises";
import { EOL } from "node:os";
import { escapeCommandData, escapeCommandProperty } from "../report/findings.js";

type StopSignal = "SIGINT" | "SIGTERM";

/** Where the runner's cancel requests come from (`process` for the bundle). */
interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

/** What one run of the Action reads and writes. */
export interface ActionIO {
  /** The step's environment: INPUT_<NAME>, GITHUB_* (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_API_URL, …), credentials. */
  env: NodeJS.ProcessEnv;
  /** The workspace: base of the `path` input. */
  cwd: string;
  /** The step log; workflow commands go here too. */
  stdout: { write(text: string): unknown };
  signals: SignalSource;
}

interface Run {
  io: ActionIO;
  failed: boolean;
}

const runs = new AsyncLocalStorage<Run>();

function current(): Run {
  const run = runs.getStore();
  if (run === undefined) throw new Error("no Action run in progress: call this inside withActionRun");
  return run;
}

/** Runs `body` as one Action run on `io`; resolves to the exit code (1 once setFailed was called). */
export async function withActionRun(io: ActionIO, body: () => Promise<void>): Promise<number> {
  const run: Run = { io, failed: false };
  await runs.run(run, body);
  return run.failed ? 1 : 0;
}

export function env(): NodeJS.ProcessEnv {
  return current().io.env;
}

export function cwd(): string {
  return current().io.cwd;
}

/** Calls `listener` on the first SIGINT and on the first SIGTERM (a second of either then stops the process as usual); returns the undo. */
export function onceCancelled(listener: () => void): () => void {
  const { signals } = current().io;
  const handlers = (["SIGINT", "SIGTERM"] as const).map((signal) => {
    const handle = () => {
      signals.off(signal, handle);
      listener();
    };
    signals.on(signal, handle);
    return () => signals.off(signal, handle);
  });
  return () => handlers.forEach((remove) => remove());
}

type CommandProperties = Record<string, string | number | undefined>;

function issue(command: string, properties: CommandProperties, message: string): void {
  const pairs = Object.entries(properties)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== "" && entry[1] !== 0)
    .map(([key, value]) => `${key}=${escapeCommandProperty(String(value))}`);
  const head = Object.keys(properties).length > 0 ? ` ${pairs.join(",")}` : "";
  current().io.stdout.write(`::${command}${head}::${escapeCommandData(message)}${EOL}`);
}

/** An input by its action.yml name, trimmed; "" when not given. */
export function getInput(name: string): string {
  return (env()[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

export function info(message: string): void {
  current().io.stdout.write(`${message}${EOL}`);
}

interface AnnotationProperties {
  title?: string;
  file?: string;
  startLine?: number;
  startColumn?: number;
}

function annotation(properties: AnnotationProperties): CommandProperties {
  if (Object.keys(properties).length === 0) return {};
  return { title: properties.title, file: properties.file, line: properties.startLine, col: properties.startColumn };
}

export function error(message: string, properties: AnnotationProperties = {}): void {
  issue("error", annotation(properties), message);
}

export function warning(message: string, properties: AnnotationProperties = {}): void {
  issue("warning", annotation(properties), message);
}

export function notice(message: string, properties: AnnotationProperties = {}): void {
  issue("notice", annotation(properties), message);
}

/** Asks the runner to hide `secret` in every later log line. */
export function setSecret(secret: string): void {
  issue("add-mask", {}, secret);
}

/** Fails the step (exit code 1) with an error annotation. */
export function setFailed(message: string): void {
  current().failed = true;
  error(message);
}

export function setOutput(name: string, value: string): void {
  const file = env().GITHUB_OUTPUT ?? "";
  if (file === "") {
    current().io.stdout.write(EOL);
    issue("set-output", { name }, value);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`);
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error(`Unexpected input: output ${name} contains the delimiter "${delimiter}"`);
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, { encoding: "utf8" });
}

/** Appends Markdown (and a line end) to the job summary file. */
export async function appendSummary(markdown: string): Promise<void> {
  const file = env().GITHUB_STEP_SUMMARY ?? "";
  if (file === "") throw new Error("Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.");
  try {
    await access(file, constants.R_OK | constants.W_OK);
  } catch {
    throw new Error(`Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`);
  }
  await appendFile(file, `${markdown}${EOL}`, { encoding: "utf8" });
}
