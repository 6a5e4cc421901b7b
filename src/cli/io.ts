/** What one CLI run reads and writes: the real process for the bin, fakes for in-process tests. */

export type TextOutput = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
type TextInput = NodeJS.ReadableStream & { isTTY?: boolean };

/** The exit code after a second Ctrl-C stopped apply at once; the bin then exits without waiting for work in flight. */
export const STOPPED_AT_ONCE = 130;

export type StopSignal = "SIGINT" | "SIGTERM";

/** Where Ctrl-C and termination requests come from (`process` for the bin). */
export interface SignalSource {
  on(signal: StopSignal, listener: () => void): unknown;
  off(signal: StopSignal, listener: () => void): unknown;
}

export interface CliIO {
  env: NodeJS.ProcessEnv;
  /** Base of every relative path given on the command line. */
  cwd: string;
  stdin: TextInput;
  stdout: TextOutput;
  stderr: TextOutput;
  signals: SignalSource;
}

/** What a command's action gets besides its arguments. */
export interface CommandContext {
  io: CliIO;
  /** Ends the run at once with this exit code (a second Ctrl-C); work in flight is abandoned. */
  stopNow(code: number): void;
}
