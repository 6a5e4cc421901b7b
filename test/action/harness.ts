// Runs the Action the way the Actions runner starts a `node24` action: inputs as INPUT_<NAME>
// variables (hyphens kept), GITHUB_* variables, an event payload file, and files for the job
// summary and the step outputs. runAction runs it in this process (src/action/run.ts);
// runBundle runs the committed bundle (dist/index.js) as a separate process.
import { spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runAction as runActionInProcess } from "../../src/action/run.js";

export const BUNDLE = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
/** The Node binary that runs the bundle: the one running the tests (CI runs them under Node 24 too), or HOOKOPS_TEST_NODE. */
export const NODE = process.env.HOOKOPS_TEST_NODE ?? process.execPath;
const RUN_TIMEOUT_MS = 60_000;

export interface Workspace {
  dir: string;
  write(relative: string, text: string): Promise<void>;
  remove(relative: string): Promise<void>;
  cleanup(): Promise<void>;
}

export async function makeWorkspace(files: Record<string, string>): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-action-"));
  const write = async (relative: string, text: string): Promise<void> => {
    const target = path.join(dir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, text);
  };
  for (const [relative, text] of Object.entries(files)) await write(relative, text);
  return {
    dir,
    write,
    remove: (relative) => rm(path.join(dir, relative), { force: true }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface PullRequestEvent {
  number: number;
  /** owner/name of the head branch's repository; another name makes it a pull request from a fork. */
  headRepo?: string;
}

export interface RunOptions {
  workspace: Workspace;
  /** Action inputs by their action.yml names, e.g. { command: "plan", "github-token": "…" }. */
  inputs: Record<string, string>;
  eventName: string;
  pullRequest?: PullRequestEvent;
  githubApiUrl?: string;
  /** Extra variables (secrets the hooks reference, ACTIONS_ID_TOKEN_REQUEST_URL, …). */
  env?: Record<string, string>;
  /** Sees the output so far as it arrives, e.g. to signal the run the way the runner cancels one. */
  onStdout?: (stdoutSoFar: string, run: Signallable) => void;
}

/** The step being run: the runner sends SIGINT (then SIGTERM) to cancel it. */
export interface Signallable {
  signal(name: "SIGINT" | "SIGTERM"): void;
}

export interface Annotation {
  kind: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
  annotations: Annotation[];
  /** Everything the run wrote that a person could see. */
  everything: string;
}

export const REPOSITORY = "fabrikam/hooks";
export const RUN_ID = "4242";
export const RUN_URL = `https://github.com/${REPOSITORY}/actions/runs/${RUN_ID}`;

function eventPayload(options: RunOptions): unknown {
  const [owner, name] = REPOSITORY.split("/");
  const repository = { name, full_name: REPOSITORY, owner: { login: owner } };
  if (options.pullRequest === undefined) return { repository, ref: "refs/heads/main" };
  const headRepo = options.pullRequest.headRepo ?? REPOSITORY;
  return {
    action: "synchronize",
    number: options.pullRequest.number,
    pull_request: {
      number: options.pullRequest.number,
      head: { ref: "feature", sha: "a".repeat(40), repo: { full_name: headRepo, name: headRepo.split("/")[1], owner: { login: headRepo.split("/")[0] } } },
      base: { ref: "main", sha: "b".repeat(40), repo: repository },
    },
    repository,
  };
}

/** GITHUB_OUTPUT in both of the runner's formats: `name<<DELIMITER` heredocs and `name=value` lines. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] !== undefined && heredoc[2] !== undefined) {
      const end = lines.indexOf(heredoc[2], index + 1);
      if (end < 0) throw new Error(`unterminated output ${heredoc[1]}`);
      outputs[heredoc[1]] = lines.slice(index + 1, end).join("\n");
      index = end;
    } else if (line.includes("=")) {
      outputs[line.slice(0, line.indexOf("="))] = line.slice(line.indexOf("=") + 1);
    }
  }
  return outputs;
}

/** `::error file=a.yaml,line=3,col=5,title=x::message` workflow commands, unescaped. */
export function parseAnnotations(stdout: string): Annotation[] {
  const unescapeValue = (text: string): string =>
    text.replace(/%0A/g, "\n").replace(/%0D/g, "\r").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
  return stdout
    .split("\n")
    .map((line) => /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({
      kind: match[1] ?? "",
      properties: Object.fromEntries(
        (match[2] ?? "")
          .split(",")
          .filter((pair) => pair.includes("="))
          .map((pair) => [pair.slice(0, pair.indexOf("=")), unescapeValue(pair.slice(pair.indexOf("=") + 1))]),
      ),
      message: unescapeValue(match[3] ?? ""),
    }));
}

interface Prepared {
  env: Record<string, string>;
  summaryPath: string;
  outputPath: string;
}

/** The event file, the empty summary and output files, and the step's whole environment, in a scratch folder. */
async function prepare(options: RunOptions, scratch: string): Promise<Prepared> {
  const eventPath = path.join(scratch, "event.json");
  const summaryPath = path.join(scratch, "summary.md");
  const outputPath = path.join(scratch, "output.txt");
  await writeFile(eventPath, JSON.stringify(eventPayload(options)));
  await writeFile(summaryPath, "");
  await writeFile(outputPath, "");
  const inputs = Object.fromEntries(Object.entries(options.inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value]));
  // A clean environment: only what a runner would set, so nothing from the test machine leaks in.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: scratch,
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_WORKSPACE: options.workspace.dir,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_RUN_ID: RUN_ID,
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: options.githubApiUrl ?? "http://127.0.0.1:9",
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_SHA: "a".repeat(40),
    ...inputs,
    ...options.env,
  };
  return { env, summaryPath, outputPath };
}

async function collect(prepared: Prepared, exitCode: number | null, stdout: string, stderr: string): Promise<ActionRun> {
  const summary = await readFile(prepared.summaryPath, "utf8");
  const outputText = await readFile(prepared.outputPath, "utf8");
  return {
    exitCode,
    stdout,
    stderr,
    summary,
    outputs: parseOutputFile(outputText),
    annotations: parseAnnotations(stdout),
    everything: [stdout, stderr, summary, outputText].join("\n"),
  };
}

async function inScratch<T>(use: (scratch: string) => Promise<T>): Promise<T> {
  const scratch = await mkdtemp(path.join(tmpdir(), "hookops-runner-"));
  try {
    return await use(scratch);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The Action in this process: what the bundle's entry runs, with the step's environment and streams injected. */
export function runAction(options: RunOptions): Promise<ActionRun> {
  return inScratch(async (scratch) => {
    const prepared = await prepare(options, scratch);
    const signals = new EventEmitter();
    const control: Signallable = { signal: (name) => setImmediate(() => signals.emit(name)) };
    let stdout = "";
    const write = (text: string): boolean => {
      stdout += text;
      options.onStdout?.(stdout, control);
      return true;
    };
    const exitCode = await runActionInProcess({ env: prepared.env, cwd: options.workspace.dir, stdout: { write }, signals });
    return collect(prepared, exitCode, stdout, "");
  });
}

/** The committed bundle (dist/index.js) as a separate process, as the runner starts it. */
export function runBundle(options: RunOptions): Promise<ActionRun> {
  return inScratch(async (scratch) => {
    const prepared = await prepare(options, scratch);
    const child = spawn(NODE, [BUNDLE], { cwd: options.workspace.dir, env: prepared.env, stdio: ["ignore", "pipe", "pipe"] });
    const control: Signallable = { signal: (name) => child.kill(name) };
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(stdout, control);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("close", (code) => resolve(code));
    }).finally(() => clearTimeout(timer));
    return collect(prepared, exitCode, stdout, stderr);
  });
}

/**
 * The runner hides a value once `::add-mask::` names it; that command line is the one place a
 * secret may appear. Returns the secrets found anywhere else.
 */
export function leakedSecrets(text: string, secrets: readonly string[]): string[] {
  const visible = text
    .split("\n")
    .filter((line) => !line.startsWith("::add-mask::"))
    .join("\n");
  return secrets.filter((secret) => visible.includes(secret));
}
