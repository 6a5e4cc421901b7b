import type { Command } from "commander";
import { HookopsError } from "../../errors.js";

// Placeholder until the emulator command lands; replaced by its issue.
export function registerEmulator(program: Command): void {
  program
    .command("emulator")
    .description("emulator (not yet available)")
    .action(() => {
      throw new HookopsError("'emulator' is not available yet in this build");
    });
}
