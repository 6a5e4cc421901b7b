import type { Command } from "commander";
import { DEFAULT_USER, startEmulator } from "../../emulator/index.js";
import { HookopsError } from "../../errors.js";

interface EmulatorCommandOptions {
  port: string;
  host: string;
  state?: string;
  token?: string;
  quiet?: boolean;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new HookopsError(`--port must be a number from 0 to 65535, not '${text}'`);
  return port;
}

function waitForStopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export function registerEmulator(program: Command): void {
  program
    .command("emulator")
    .description("serve the local Azure DevOps service hooks emulator until Ctrl+C")
    .option("--port <port>", "port to listen on (0 picks a free one)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--state <file>", "keep the emulator's subscriptions in this JSON file")
    .option("--token <token>", "token the emulator accepts (default: $HOOKOPS_EMULATOR_TOKEN, else 'emulator')")
    .option("--quiet", "do not print a line per request")
    .action(async (options: EmulatorCommandOptions) => {
      const token = options.token || process.env.HOOKOPS_EMULATOR_TOKEN || DEFAULT_USER.token;
      const handle = await startEmulator({
        host: options.host,
        port: parsePort(options.port),
        ...(options.state ? { statePath: options.state } : {}),
        // One identity that accepts the token both as a PAT (Basic) and as a bearer token.
        users: [
          { ...DEFAULT_USER, token, kind: "pat" },
          { ...DEFAULT_USER, token, kind: "bearer" },
        ],
        ...(options.quiet ? {} : { log: (line: string) => process.stdout.write(`${line}\n`) }),
      });
      process.stdout.write(
        [
          "hookops emulator: Azure DevOps service hooks API",
          `  organization URL  ${handle.url}`,
          `  release URL       ${handle.releaseUrl}`,
          // The emulator's own demo token, shown so a person can call it; never a user credential.
          `  token             ${token}  (Basic auth with any user name, or Bearer)`,
          `  state             ${options.state ?? "in memory"}`,
          "Stop with Ctrl+C.",
          "",
        ].join("\n"),
      );
      const signal = await waitForStopSignal();
      await handle.close();
      process.stdout.write(`emulator stopped (${signal})\n`);
    });
}
