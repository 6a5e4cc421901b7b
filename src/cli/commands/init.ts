import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { HookopsError } from "../../errors.js";
import type { CommandContext } from "../io.js";
import { AZURE_PIPELINE, EXAMPLE_SECRETS, GITHUB_WORKFLOW, GITIGNORE, hookopsYaml, SUBSCRIPTION_FILES } from "./init-templates.js";

export interface InitCommandOptions {
  ci?: "github" | "azure-pipelines";
  org?: string;
}

const CI_FILES = { github: [".github/workflows/hookops.yml", GITHUB_WORKFLOW], "azure-pipelines": ["azure-pipelines.yml", AZURE_PIPELINE] } as const;

/** The files init writes, relative to the folder, in the order it reports them. */
function filesOf(options: InitCommandOptions): [string, string][] {
  return [
    ["hookops.yaml", hookopsYaml(options.org)],
    ...Object.entries(SUBSCRIPTION_FILES),
    [".gitignore", GITIGNORE],
    ...(options.ci === undefined ? [] : [[...CI_FILES[options.ci]] as [string, string]]),
  ];
}

/** Writes the file unless something is already there; true when written. */
async function writeNew(target: string, content: string): Promise<boolean> {
  await mkdir(path.dirname(target), { recursive: true });
  try {
    // "wx": an existing file (or anything else at that path) is never replaced.
    await writeFile(target, content, { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === "EEXIST") return false;
    throw error;
  }
}

/** `hookops init [dir]`: scaffolds a hooks repo, never overwriting a file, and says what it wrote and skipped. */
export async function runInit(dir: string, options: InitCommandOptions, { io }: CommandContext): Promise<number> {
  const root = path.resolve(io.cwd, dir);
  const written: string[] = [];
  const skipped: string[] = [];
  for (const [name, content] of filesOf(options)) {
    try {
      (await writeNew(path.join(root, name), content)) ? written.push(name) : skipped.push(name);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new HookopsError(`cannot write ${path.join(dir, name)}${typeof code === "string" ? ` (${code})` : ""}; nothing after it was written`);
    }
  }
  const shown = (name: string) => (dir === "." ? name : path.join(dir, name));
  const lines = [...written.map((name) => `  created ${shown(name)}`), ...skipped.map((name) => `  skipped ${shown(name)} (it exists; left as it is)`)];
  const next = [
    "",
    "Next:",
    `  1. ${options.org === undefined ? `Set your organization in ${shown("hookops.yaml")} and your` : "Set your"} project in the files under ${shown("hooks")}; delete the examples you do not need.`,
    `  2. hookops validate${dir === "." ? "" : ` ${dir}`} — check the files (offline).`,
    `  3. hookops plan${dir === "." ? "" : ` ${dir}`} --org emulator — try the plan against the built-in emulator.`,
    `  The examples read secrets from ${EXAMPLE_SECRETS.join(", ")}.`,
  ];
  if (skipped.includes(".gitignore")) next.push("  Make sure .gitignore lists .hookops/ (the embedded emulator's state).");
  io.stdout.write(`Initialized a hookops repository in ${root}:\n${[...lines, ...next].join("\n")}\n`);
  return 0;
}
