// Cold starts of the built CLI (lib/), each a fresh process: `--version`, `--help` and `validate` of a
// one-file repository, against `node -e 0` on the same machine. Median of 7 after one warm-up run
// (which only warms the file system cache). Needs `npm run build` first.
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const CLI = path.join(here, "..", "lib", "cli", "main.js");
const RUNS = 7;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(args, cwd) {
  const samples = [];
  for (let run = 0; run <= RUNS; run++) {
    const startedAt = performance.now();
    const result = spawnSync(process.execPath, args, { cwd, stdio: "pipe", env: { PATH: process.env.PATH ?? "" } });
    const elapsed = performance.now() - startedAt;
    if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
    if (run > 0) samples.push(elapsed);
  }
  return median(samples);
}

export async function run() {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-bench-startup-"));
  try {
    await mkdir(path.join(dir, "hooks"));
    await writeFile(path.join(dir, "hookops.yaml"), "organization: fabrikam\n");
    await writeFile(
      path.join(dir, "hooks", "one.yaml"),
      [
        "subscriptions:",
        "  - name: ci-failed",
        "    project: WebSite",
        "    eventType: build.complete",
        '    publisherInputs: { buildStatus: "Failed" }',
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: https://hooks.example.com/ci }",
        "",
      ].join("\n"),
    );
    const node = time(["-e", "0"], dir);
    const version = time([CLI, "--version"], dir);
    const help = time([CLI, "--help"], dir);
    const validate = time([CLI, "validate"], dir);
    return [
      { name: "cold start: node -e 0 (baseline)", value: Math.round(node), unit: "ms", target: "-" },
      {
        name: "cold start: hookops --version",
        value: Math.round(version),
        unit: "ms",
        target: `<= ${Math.round(node * 1.5)} ms (1.5 × node -e 0)`,
        met: version <= node * 1.5,
      },
      {
        name: "cold start: hookops --help",
        value: Math.round(help),
        unit: "ms",
        target: `<= ${Math.round(node * 1.5)} ms (1.5 × node -e 0)`,
        met: help <= node * 1.5,
      },
      { name: "cold start: hookops validate, a one-file repository", value: Math.round(validate), unit: "ms", target: "-" },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
