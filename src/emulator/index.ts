/** A local emulator of the Azure DevOps service hooks REST API (see docs/emulator.md). */
import type { AddressInfo } from "node:net";
import { HookopsError } from "../errors.js";
import { EmulatorRuntime } from "./runtime.js";
import { createEmulatorServer } from "./server.js";
import { createStateHandle } from "./state/handle.js";
import type { EmulatorHandle, EmulatorOptions } from "./types.js";

export type {
  EmulatorHandle,
  EmulatorOptions,
  EmulatorUser,
  FailNextRule,
  FaultOptions,
  ListDelayOptions,
  StoredSubscription,
  WireSubscription,
} from "./types.js";
export { DEFAULT_SERVICE_PRINCIPAL, DEFAULT_USER } from "./runtime.js";
export { SEEDED_PROJECTS } from "./state/projects.js";
export { EmulatorStateError } from "./state/persistence.js";

export class EmulatorStartError extends HookopsError {}

/** The host part of the URLs the emulator hands out: a wildcard address is reached through loopback. */
function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const runtime = new EmulatorRuntime(options);
  const server = createEmulatorServer(runtime);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error) =>
      reject(new EmulatorStartError(`the emulator cannot listen on ${host}:${options.port ?? 0}: ${error.message}`, { cause: error })),
    );
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${urlHost(host)}:${port}`;
  runtime.urls = { url: `${origin}/${runtime.organization}`, releaseUrl: `${origin}/vsrm/${runtime.organization}` };

  let closing: Promise<void> | undefined;
  const [firstUser] = runtime.users;
  return {
    url: runtime.urls.url,
    releaseUrl: runtime.urls.releaseUrl,
    token: firstUser?.token ?? "",
    state: createStateHandle(runtime),
    setFaults: (faults) => {
      runtime.faults.set(faults);
      runtime.rateLimiter.reset();
    },
    setBehaviour: (options) => runtime.setBehaviour(options),
    addUser: (user) => runtime.addUser(user),
    counters: () => runtime.counters.snapshot(),
    resetCounters: () => runtime.counters.reset(),
    whenIdle: () => runtime.inFlight.whenIdle(),
    close: () => {
      closing ??= (async () => {
        await runtime.deliveries.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}
