import type { Command } from "commander";
import { HookopsError } from "../../errors.js";

// Placeholder until the plan command lands; replaced by its issue.
export function registerPlan(program: Command): void {
  program
    .command("plan")
    .description("plan (not yet available)")
    .action(() => {
      throw new HookopsError("'plan' is not available yet in this build");
    });
}
