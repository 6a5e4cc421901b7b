// The fault matrix of the test suite (test/safety/fault-matrix.test.ts), run on its own: every fault
// kind on every request kind, once and persistent, each ending in the right live state or a clean
// refusal. Prints its totals beside the performance figures.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, "..");

export async function run() {
  const folder = await mkdtemp(path.join(tmpdir(), "hookops-bench-matrix-"));
  const out = path.join(folder, "totals.json");
  try {
    const started = performance.now();
    const code = await new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(root, "node_modules", "vitest", "vitest.mjs"), "run", "test/safety/fault-matrix.test.ts", "--reporter=dot"],
        {
          cwd: root,
          env: { ...process.env, HOOKOPS_MATRIX_OUT: out },
          stdio: ["ignore", "ignore", "inherit"],
        },
      );
      child.on("error", reject);
      child.on("close", resolve);
    });
    const elapsed = performance.now() - started;
    const totals = JSON.parse(await readFile(out, "utf8"));
    return [
      { name: "fault matrix: scenarios (11 faults × 6 requests × once/persistent)", value: totals.scenarios, unit: "scenarios", target: "132" },
      {
        name: "fault matrix: converged within two applies",
        value: totals.converged,
        unit: "scenarios",
        target: "all",
        met: totals.converged === totals.scenarios,
      },
      { name: "fault matrix: faulty run refused cleanly (nothing changed)", value: totals.refusedCleanly, unit: "scenarios", target: "-" },
      { name: "fault matrix: duplicates", value: totals.duplicates, unit: "subscriptions", target: "0" },
      { name: "fault matrix: unintended deletes", value: totals.unintendedDeletes, unit: "subscriptions", target: "0" },
      { name: "fault matrix: outputs holding the secret", value: totals.leaks, unit: "outputs", target: "0" },
      { name: "fault matrix: wall time (vitest run)", value: Math.round(elapsed), unit: "ms", target: "-" },
      { name: "fault matrix: vitest exit code", value: code, unit: "", target: "0" },
    ];
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
