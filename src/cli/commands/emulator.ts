import type { Command } from "commander";
import { DEFAULT_SERVICE_PRINCIPAL, DEFAULT_USER, type FaultOptions, type ListDelayOptions, startEmulator } from "../../emulator/index.js";
import { HookopsError } from "../../errors.js";

interface EmulatorCommandOptions {
  port: string;
  host: string;
  state?: string;
  token?: string;
  quiet?: boolean;
  servicePrincipal?: boolean;
  listDelayPerItem?: string;
  listDelayPerKib?: string;
  putClearsProbation?: boolean;
  listUnlistedEvents?: boolean;
  maskedEcho?: string;
}

function parseMilliseconds(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > 60_000) throw new HookopsError(`${flag} must be a number of milliseconds from 0 to 60000, not '${text}'`);
  return value;
}

function faultsFrom(options: EmulatorCommandOptions): FaultOptions {
  const msPerItem = parseMilliseconds(options.listDelayPerItem, "--list-delay-per-item");
  const msPerKiB = parseMilliseconds(options.listDelayPerKib, "--list-delay-per-kib");
  if (msPerItem === undefined && msPerKiB === undefined) return {};
  const listDelay: ListDelayOptions = {};
  if (msPerItem !== undefined) listDelay.msPerItem = msPerItem;
  if (msPerKiB !== undefined) listDelay.msPerKiB = msPerKiB;
  return { listDelay };
}

function maskedEchoMode(text: string | undefined): "keep" | "reject" {
  if (text === undefined || text === "keep" || text === "reject") return text ?? "keep";
  throw new HookopsError(`--masked-echo must be keep or reject, not '${text}'`);
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
    .option("--service-principal", "the token is a service principal's: what it creates reads back with createdBy null")
    .option("--list-delay-per-item <ms>", "answer the subscription list and query this many ms per subscription, before the headers")
    .option("--list-delay-per-kib <ms>", "answer the subscription list and query this many ms per KiB of body, before the headers")
    .option("--put-clears-probation", "a PUT with status enabled also ends probation (the service keeps it)")
    .option("--list-unlisted-events", "list subscriptions to event types the service never lists")
    .option("--masked-echo <mode>", "a PUT sending ******** for a secret: keep (while its inputs are unchanged) or reject", "keep")
    .action(async (options: EmulatorCommandOptions) => {
      const token = options.token || process.env.HOOKOPS_EMULATOR_TOKEN || DEFAULT_USER.token;
      const identity = options.servicePrincipal ? DEFAULT_SERVICE_PRINCIPAL : DEFAULT_USER;
      const handle = await startEmulator({
        host: options.host,
        port: parsePort(options.port),
        ...(options.state ? { statePath: options.state } : {}),
        // One identity that accepts the token both as a PAT (Basic) and as a bearer token.
        users: [
          { ...identity, token, kind: "pat" },
          { ...identity, token, kind: "bearer" },
        ],
        faults: faultsFrom(options),
        maskedEchoMode: maskedEchoMode(options.maskedEcho),
        putClearsProbation: options.putClearsProbation === true,
        listUnlistedEvents: options.listUnlistedEvents === true,
        ...(options.quiet ? {} : { log: (line: string) => process.stdout.write(`${line}\n`) }),
      });
      process.stdout.write(
        [
          "hookops emulator: Azure DevOps service hooks API",
          `  organization URL  ${handle.url}`,
          `  release URL       ${handle.releaseUrl}`,
          // The emulator's own demo token, shown so a person can call it; never a user credential.
          `  token             ${token}  (Basic auth with any user name, or Bearer)${options.servicePrincipal ? ", a service principal" : ""}`,
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
