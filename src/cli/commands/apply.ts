import type { Command } from "commander";
import { HookopsError } from "../../errors.js";

// Placeholder until the apply command lands; replaced by its issue.
export function registerApply(program: Command): void {
  program
    .command("apply")
    .description("apply (not yet available)")
    .action(() => {
      throw new HookopsError("'apply' is not available yet in this build");
    });
}
