import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: "forks",
    // Concurrent tests (the fault matrix) mostly wait on timers; let enough of them wait at once.
    maxConcurrency: 12,
  },
});
