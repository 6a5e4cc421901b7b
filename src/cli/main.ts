#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { HookopsError } from "../errors.js";
import { inertLines } from "../util/inert.js";
import { registerApply } from "./commands/apply.js";
import { registerEmulator } from "./commands/emulator.js";
import { registerExport } from "./commands/export.js";
import { registerPlan } from "./commands/plan.js";
import { registerValidate } from "./commands/validate.js";

export function buildProgram(): Command {
  const program = new Command("hookops")
    .description("Azure DevOps service hook subscriptions as code")
    .version("0.1.0")
    .showHelpAfterError()
    .exitOverride();
  registerValidate(program);
  registerPlan(program);
  registerApply(program);
  registerExport(program);
  registerEmulator(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 1;
    if (error instanceof HookopsError) {
      process.stderr.write(`Error: ${inertLines(error.message).join("\n")}\n`);
      return error.exitCode;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`hookops: unexpected failure (a bug; please report it):\n${inertLines(detail).join("\n")}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv);
