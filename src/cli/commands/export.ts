import type { Command } from "commander";
import { HookopsError } from "../../errors.js";

// Placeholder until the export command lands; replaced by its issue.
export function registerExport(program: Command): void {
  program
    .command("export")
    .description("export (not yet available)")
    .action(() => {
      throw new HookopsError("'export' is not available yet in this build");
    });
}
