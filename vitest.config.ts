import { defineConfig } from "vitest/config";

/**
 * Test files that need a module graph of their own: those that replace a module with vi.mock, and
 * those that sign in with a managed identity (msal-node keeps the endpoint it first saw in a static).
 */
const OWN_MODULES = ["test/config/files.test.ts", "test/ado/entra.test.ts", "test/ado/entra-failures.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // Two files at once, also on two cores (the default leaves one core to vitest itself); more
    // makes the timing-sensitive tests (parallel requests, latency) compete for the CPU.
    maxWorkers: 2,
    // Concurrent tests (the fault matrix) mostly wait on timers; let enough of them wait at once.
    maxConcurrency: 12,
    projects: [
      {
        extends: true,
        // The files of a worker share one process and its loaded modules: nothing in src keeps
        // state between runs (the CLI and the Action run on injected IO), and importing the
        // sources once instead of per file halves the suite's time.
        test: { name: "shared", include: ["test/**/*.test.ts"], exclude: OWN_MODULES, isolate: false },
      },
      { extends: true, test: { name: "isolated", include: OWN_MODULES, isolate: true } },
    ],
  },
});
