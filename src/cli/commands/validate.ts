import type { Command } from "commander";
import { HookopsError } from "../../errors.js";

// Placeholder until the validate command lands; replaced by its issue.
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("validate (not yet available)")
    .action(() => {
      throw new HookopsError("'validate' is not available yet in this build");
    });
}
