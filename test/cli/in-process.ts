// Runs the CLI in this process through runCli: the same program the bin runs, with the
// environment, working folder, streams and signals injected instead of the real process's.
import { EventEmitter } from "node:events";
import { PassThrough, Writable } from "node:stream";
import { runCli } from "../../src/cli/run.js";
import type { CliIO, TextOutput } from "../../src/cli/io.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessOptions {
  cwd: string;
  /** The whole environment: nothing from the test process's leaks in. */
  env?: NodeJS.ProcessEnv;
  /** Typed into stdin, which then ends. */
  input?: string;
  /** stdin and stdout are a terminal (a prompt may ask; progress counters show). */
  terminal?: boolean;
  /** Emit "SIGINT" or "SIGTERM" on it to signal the run. */
  signals?: EventEmitter;
  /** Sees stdout so far after every write. */
  onStdout?: (stdoutSoFar: string) => void;
}

/** A stream that keeps what is written as text. */
export function textSink(onWrite?: (soFar: string) => void): { stream: TextOutput; text: () => string } {
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += chunk.toString();
      onWrite?.(text);
      callback();
    },
  });
  return { stream, text: () => text };
}

/** A started run: what it printed so far, and its exit code once it ends. */
export interface StartedCli {
  stdout(): string;
  stderr(): string;
  signals: EventEmitter;
  exited: Promise<number>;
}

export function startHookopsInProcess(args: string[], options: InProcessOptions): StartedCli {
  const stdout = textSink(options.onStdout);
  const stderr = textSink();
  const stdin = new PassThrough();
  stdin.end(options.input ?? "");
  if (options.terminal) {
    Object.assign(stdin, { isTTY: true });
    Object.assign(stdout.stream, { isTTY: true, columns: 100 });
  }
  const signals = options.signals ?? new EventEmitter();
  const io: CliIO = { env: { PATH: process.env.PATH ?? "", ...options.env }, cwd: options.cwd, stdin, stdout: stdout.stream, stderr: stderr.stream, signals };
  return { stdout: stdout.text, stderr: stderr.text, signals, exited: runCli(args, io) };
}

/** Runs `hookops <args>` to completion in this process. */
export async function hookopsInProcess(args: string[], options: InProcessOptions): Promise<CliResult> {
  const run = startHookopsInProcess(args, options);
  const code = await run.exited;
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}
