// `hookops completion bash|zsh|fish` and the examples at the end of every command's --help.
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repo, runCli } from "./helpers.js";

const COMMANDS = ["validate", "plan", "apply", "export", "status", "test", "catalog", "emulator", "init", "completion"];

/** The commands `hookops --help` lists. */
async function listedCommands(): Promise<string[]> {
  const help = await runCli(["--help"]);
  const section = help.stdout.slice(help.stdout.indexOf("Commands:"));
  return [...section.matchAll(/^ {2}([a-z]+)\b/gm)].map((match) => match[1] ?? "").filter((name) => name !== "help");
}

describe("hookops completion", () => {
  it("knows the same commands as --help", async () => {
    expect((await listedCommands()).sort()).toEqual([...COMMANDS].sort());
  });

  for (const shell of ["bash", "zsh", "fish"]) {
    it(`${shell}: names every command, its flags and the values of flags with choices`, async () => {
      const run = await runCli(["completion", shell]);
      expect(run.code).toBe(0);
      for (const command of await listedCommands()) expect(run.stdout, command).toContain(command);
      for (const flag of ["auto-approve", "detailed-exitcode", "max-failure-rate", "list-timeout", "ci"]) expect(run.stdout, flag).toContain(flag);
      expect(run.stdout).toContain("text json github");
      expect(run.stdout).toContain("github azure-pipelines");
      expect(run.stdout).toContain("bash zsh fish");
    });
  }

  it("bash: the script is valid bash and completes commands, flags and choices", async () => {
    const script = (await runCli(["completion", "bash"])).stdout;
    const root = await repo({});
    const file = path.join(root, "completion.bash");
    await writeFile(file, script);
    const complete = async (words: string[]) => {
      const body = `source ${JSON.stringify(file)}; COMP_WORDS=(${words.map((word) => JSON.stringify(word)).join(" ")}); COMP_CWORD=${words.length - 1}; _hookops; echo "\${COMPREPLY[*]}"`;
      const { stdout } = await promisify(execFile)("bash", ["-c", body], { cwd: root });
      return stdout.trim();
    };
    expect(await complete(["hookops", "pl"])).toBe("plan");
    expect(await complete(["hookops", "apply", "--auto"])).toBe("--auto-approve");
    expect(await complete(["hookops", "status", "--format", "m"])).toBe("markdown");
    expect(await complete(["hookops", "completion", "z"])).toBe("zsh");
  });

  it("refuses a shell it has no script for", async () => {
    const run = await runCli(["completion", "powershell"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Allowed choices are bash, zsh, fish");
  });
});

describe("--help examples", () => {
  it("every command's help ends with examples", async () => {
    for (const command of COMMANDS) {
      const help = await runCli([command, "--help"]);
      expect(help.code, command).toBe(0);
      const examples = help.stdout.slice(help.stdout.indexOf("\nExamples:\n  $ "));
      expect(examples, command).toContain(`hookops ${command}`);
    }
    expect((await runCli(["plan", "--help"])).stdout).toContain("  $ hookops plan --out plan.json       save the plan, to apply exactly it later");
  });

  it("validate takes --verbose, like the other commands", async () => {
    const run = await runCli(["validate", "examples/basic", "--verbose"], { env: { WEBSITE_HOOK_PASSWORD: "x" } });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^hookops: read 4 files and \d+ subscriptions in \d+ ms\n/);
  });
});
