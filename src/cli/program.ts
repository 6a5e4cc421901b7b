import { readFileSync } from "node:fs";
import { Argument, Command, Option } from "commander";
import type { ApplyCommandOptions } from "./commands/apply.js";
import type { CatalogCommandOptions } from "./commands/catalog.js";
import type { EmulatorCommandOptions } from "./commands/emulator.js";
import type { ExportCommandOptions } from "./commands/export.js";
import type { PlanCommandOptions } from "./commands/plan.js";
import type { StatusCommandOptions } from "./commands/status.js";
import type { TestCommandOptions } from "./commands/test.js";
import type { ValidateOptions } from "./commands/validate.js";
import type { InitCommandOptions } from "./commands/init.js";
import { addExamples } from "./help-examples.js";
import type { CommandContext, TextOutput } from "./io.js";
import { addCommonOptions, addPlanShapingOptions, DEFAULT_STATUS_WINDOW, parseFailureRate, parseTimeoutSeconds, parseWindow } from "./options.js";

/** The exit code a command's action settled on (0 unless it says otherwise). */
export interface RunState {
  exitCode: number;
}

function helpWidth(stream: TextOutput): number {
  return stream.isTTY === true && stream.columns !== undefined ? stream.columns : 80;
}

/** The version in package.json (one level above src/ and lib/), read once when asked. */
function packageVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = typeof manifest === "object" && manifest !== null && "version" in manifest ? manifest.version : undefined;
  return typeof version === "string" ? version : "unknown";
}

/**
 * Every command with its flags. Each command's module (and what it needs: the engine, undici,
 * ajv, yaml) is imported only when that command runs, so `--version` and `--help` start fast.
 */
export function buildProgram(context: CommandContext, state: RunState): Command {
  const { io } = context;
  const program = new Command("hookops")
    .description("Azure DevOps service hook subscriptions as code")
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => helpWidth(io.stdout),
      getErrHelpWidth: () => helpWidth(io.stderr),
      // The help text has no colors of its own.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    });

  program
    .command("validate")
    .description("check hookops.yaml and the subscription files: YAML, schema, catalog rules, duplicates, secret references (offline unless --online)")
    .argument("[dir]", "folder holding hookops.yaml", ".")
    .option("--config <path>", "use this hookops.yaml (its folder is the repository root)")
    .option("--json", "print the result as JSON (formatVersion 1)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "github"]).default("text"))
    .option("--online", "also check against the organization's live publisher, consumer and project metadata")
    .option("--org <organization>", "with --online: organization name or URL, or 'emulator' (default: hookops.yaml, then AZURE_DEVOPS_ORG_URL)")
    .option("--no-color", "plain text output (also NO_COLOR)")
    .option("--verbose", "print what was read, with timings, to stderr")
    .action(async (dir: string, options: ValidateOptions) => {
      const { runValidate } = await import("./commands/validate.js");
      state.exitCode = await runValidate(dir, options, context);
    });

  const plan = program
    .command("plan")
    .description("compare the configuration with the live subscriptions and show what apply would change")
    .argument("[dir]", "folder holding hookops.yaml", ".")
    .option("--out <file>", "also save the plan as JSON, for `hookops apply <file>`")
    .option("--detailed-exitcode", "exit 2 when there are changes (0: none, 1: error)")
    .option("--comment", "in an Azure Pipelines pull request build: post the plan on the pull request, set its status, write the build summary");
  addPlanShapingOptions(plan);
  addCommonOptions(plan).action(async (dir: string, options: PlanCommandOptions) => {
    const { runPlan } = await import("./commands/plan.js");
    state.exitCode = await runPlan(dir, options, context);
  });

  const apply = program
    .command("apply")
    .description("apply the plan: create, update and delete live subscriptions (asks for confirmation on a terminal)")
    .argument("[target]", "folder holding hookops.yaml, or a plan saved by `hookops plan --out`", ".")
    .option("--auto-approve", "apply without asking for confirmation")
    .option("--detailed-exitcode", "accepted for symmetry with plan; apply exits 0 when everything was applied, 1 otherwise");
  addPlanShapingOptions(apply);
  addCommonOptions(apply).action(async (target: string, options: ApplyCommandOptions) => {
    const { runApply } = await import("./commands/apply.js");
    state.exitCode = await runApply(target, options, context);
  });

  const exportCommand = program
    .command("export")
    .description("write the live subscriptions as YAML (hooks/<project>.yaml); secrets become ${env:…} placeholders")
    .option("--project <name-or-id>", "export only this project's subscriptions")
    .option("--out <dir>", "folder to write into (default: the folder of --config, else the current directory)")
    .option("--force", "overwrite existing subscription files (an existing hookops.yaml is always kept)")
    .option("--schema-base <dir-or-url>", "where the JSON schemas live, for the editor line at the top of each file");
  addCommonOptions(exportCommand).action(async (options: ExportCommandOptions) => {
    const { runExportCommand } = await import("./commands/export.js");
    state.exitCode = await runExportCommand(options, context);
  });

  const status = program
    .command("status")
    .description("show the live status and recent deliveries of the declared subscriptions (changes nothing)")
    .argument("[dir]", "folder holding hookops.yaml", ".")
    .option("--all", "also show the live subscriptions of the managed projects that no file declares")
    .addOption(
      new Option("--since <window>", "count deliveries over this window: a number and m, h or d").argParser(parseWindow).default(DEFAULT_STATUS_WINDOW, "24h"),
    )
    .addOption(
      new Option("--max-failure-rate <percent>", "unhealthy above this percentage of failed deliveries in the window")
        .argParser(parseFailureRate)
        .default(0, "0: any failure"),
    )
    .addOption(new Option("--format <format>", "output format").choices(["text", "json", "markdown"]).default("text"))
    .option("--detailed-exitcode", "exit 2 when a subscription is unhealthy (0: all healthy, 1: error)");
  addCommonOptions(status).action(async (dir: string, options: StatusCommandOptions) => {
    const { runStatus } = await import("./commands/status.js");
    state.exitCode = await runStatus(dir, options, context);
  });

  const test = program
    .command("test")
    .description("send a test delivery of a declared subscription (nothing is created) and show how its endpoint answered")
    .argument("[name]", "the declared subscription; a fanned-out name without @project tests each project's")
    .argument("[dir]", 'folder holding hookops.yaml (default: ".")')
    .option("--all", "test every declared subscription")
    .option("--timeout <seconds>", "how long to wait for each delivery to complete", parseTimeoutSeconds, 30);
  addCommonOptions(test).action(async (name: string | undefined, dir: string | undefined, options: TestCommandOptions) => {
    const { runTest } = await import("./commands/test.js");
    state.exitCode = await runTest(name, dir, options, context);
  });

  program
    .command("catalog")
    .description("list the events and consumers hookops knows, or show one event type, consumer or consumer/action with its inputs and an example")
    .argument("[name]", "an event type (build.complete), a consumer (slack) or consumer/action (webHooks/httpRequest)")
    .option("--json", "print it as JSON (formatVersion 1)")
    .option("--no-color", "accepted like the other commands; the catalog has no colors")
    .action(async (name: string | undefined, options: CatalogCommandOptions) => {
      const { runCatalog } = await import("./commands/catalog.js");
      state.exitCode = runCatalog(name, options, context);
    });

  program
    .command("emulator")
    .description("serve the local Azure DevOps service hooks emulator until Ctrl+C")
    .option("--port <port>", "port to listen on (0 picks a free one)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--state <file>", "keep the emulator's subscriptions in this JSON file")
    .option("--token <token>", "token the emulator accepts (default: $HOOKOPS_EMULATOR_TOKEN, else 'emulator')")
    .option("--quiet", "do not print a line per request")
    .option("--service-principal", "the token is a service principal's: what it creates reads back with createdBy null")
    .option("--list-delay-per-item <ms>", "answer the subscription list and query this many ms per subscription, before the headers")
    .option("--list-delay-per-kib <ms>", "answer the subscription list and query this many ms per KiB of body, before the headers")
    .option("--put-clears-probation", "a PUT with status enabled also ends probation (the service keeps it)")
    .option("--list-unlisted-events", "list subscriptions to event types the service never lists")
    .option("--masked-echo <mode>", "a PUT sending ******** for a secret: keep (while its inputs are unchanged) or reject", "keep")
    .action(async (options: EmulatorCommandOptions) => {
      const { runEmulator } = await import("./commands/emulator.js");
      state.exitCode = await runEmulator(options, context);
    });

  program
    .command("init")
    .description("start a hooks repo: hookops.yaml, an example subscription per common consumer, .gitignore (never overwrites a file)")
    .argument("[dir]", "folder to create it in", ".")
    .addOption(new Option("--ci <provider>", "also write a CI definition that validates, plans and applies").choices(["github", "azure-pipelines"]))
    .option("--org <organization>", "organization name or URL to write into hookops.yaml (default: a placeholder to edit)")
    .action(async (dir: string, options: InitCommandOptions) => {
      const { runInit } = await import("./commands/init.js");
      state.exitCode = await runInit(dir, options, context);
    });

  program
    .command("completion")
    .description("print a shell completion script for hookops' commands and flags")
    .addArgument(new Argument("<shell>", "the shell to complete in").choices(["bash", "zsh", "fish"]))
    .action(async (shell: "bash" | "zsh" | "fish") => {
      const { runCompletion } = await import("./commands/completion.js");
      state.exitCode = runCompletion(shell, program, context);
    });

  addExamples(program);
  return program;
}
