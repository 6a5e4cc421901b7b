import path from "node:path";
import { DEFAULT_SERVICE_PRINCIPAL, DEFAULT_USER, startEmulator, type FaultOptions, type ListDelayOptions } from "../../emulator/index.js";
import { HookopsError } from "../../errors.js";
import type { CommandContext, SignalSource, StopSignal } from "../io.js";

export interface EmulatorCommandOptions {
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

function waitForStopSignal(signals: SignalSource): Promise<StopSignal> {
  return new Promise((resolve) => {
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    const stop = (signal: StopSignal) => {
      signals.off("SIGINT", onInt);
      signals.off("SIGTERM", onTerm);
      resolve(signal);
    };
    signals.on("SIGINT", onInt);
    signals.on("SIGTERM", onTerm);
  });
}

/** `hookops emulator`: serves until SIGINT or SIGTERM. */
export async function runEmulator(options: EmulatorCommandOptions, { io }: CommandContext): Promise<number> {
  const token = options.token || io.env.HOOKOPS_EMULATOR_TOKEN || DEFAULT_USER.token;
  const identity = options.servicePrincipal ? DEFAULT_SERVICE_PRINCIPAL : DEFAULT_USER;
  const handle = await startEmulator({
    host: options.host,
    port: parsePort(options.port),
    ...(options.state ? { statePath: path.resolve(io.cwd, options.state) } : {}),
    // One identity that accepts the token both as a PAT (Basic) and as a bearer token.
    users: [
      { ...identity, token, kind: "pat" },
      { ...identity, token, kind: "bearer" },
    ],
    faults: faultsFrom(options),
    maskedEchoMode: maskedEchoMode(options.maskedEcho),
    putClearsProbation: options.putClearsProbation === true,
    listUnlistedEvents: options.listUnlistedEvents === true,
    ...(options.quiet ? {} : { log: (line: string) => io.stdout.write(`${line}\n`) }),
  });
  io.stdout.write(
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
  const signal = await waitForStopSignal(io.signals);
  await handle.close();
  io.stdout.write(`emulator stopped (${signal})\n`);
  return 0;
}
