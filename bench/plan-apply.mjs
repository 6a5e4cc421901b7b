// plan and apply at scale against the emulator, with the built CLI (lib/). Run `npm run build` first.
//  - plan with N desired and N live subscriptions (N = 1,000 and 10,000): HTTP requests made,
//    wall time of the `hookops plan` process, and its peak resident memory;
//  - apply of 1,000 creates at 20 ms emulator latency with concurrency 16, against the ideal
//    1,000 × 20 ms / 16.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const lib = (...parts) => pathToFileURL(path.join(here, "..", "lib", ...parts)).href;
const CLI = path.join(here, "..", "lib", "cli", "main.js");
const PER_FILE = 100;
const PASSWORD = "bench-password-not-a-secret";
const PROJECTS = [
  ["WebSite", "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51"],
  ["Mobile", "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62"],
  ["Platform", "d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73"],
];

/**
 * Subscription n: a webhook on build.complete (every other one with a password) or, every 4th, a
 * release event. With `urlReference`, the URL is written as an unset `${env:…}` reference, as in a
 * pull request from a fork that gets no secrets: matching then works without the key input.
 */
function subscription(n, urlReference = false) {
  const [project, projectId] = PROJECTS[n % PROJECTS.length];
  if (n % 4 === 3) {
    return {
      yaml: [
        `  - name: deployment-${n}`,
        `    project: ${project}`,
        "    eventType: ms.vss-release.deployment-completed-event",
        '    resourceVersion: "3.0-preview.1"',
        `    publisherInputs: { releaseDefinitionId: "${n}", releaseEnvironmentStatus: "4" }`,
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        `    consumerInputs: { url: "${urlReference ? `\${env:BENCH_URL_${n}}` : `https://hooks.example.com/deploy/${n}`}" }`,
      ],
      body: {
        publisherId: "rm",
        eventType: "ms.vss-release.deployment-completed-event",
        resourceVersion: "3.0-preview.1",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        publisherInputs: { projectId, releaseDefinitionId: String(n), releaseEnvironmentStatus: "4" },
        consumerInputs: { url: `https://hooks.example.com/deploy/${n}` },
      },
      host: "release",
    };
  }
  const secret = n % 2 === 0;
  const inputs = { url: `https://hooks.example.com/build/${n}`, basicAuthUsername: "ado", ...(secret ? { basicAuthPassword: PASSWORD } : {}) };
  return {
    yaml: [
      `  - name: build-failed-${n}`,
      `    project: ${project}`,
      "    eventType: build.complete",
      '    resourceVersion: "1.0"',
      `    publisherInputs: { buildStatus: Failed, definitionName: Definition-${n} }`,
      "    consumerId: webHooks",
      "    consumerActionId: httpRequest",
      "    consumerInputs:",
      `      url: ${urlReference ? `"\${env:BENCH_URL_${n}}"` : `https://hooks.example.com/build/${n}`}`,
      "      basicAuthUsername: ado",
      ...(secret ? ["      basicAuthPassword: ${env:BENCH_HOOK_PASSWORD}"] : []),
    ],
    body: {
      publisherId: "tfs",
      eventType: "build.complete",
      resourceVersion: "1.0",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      publisherInputs: { projectId, buildStatus: "Failed", definitionName: `Definition-${n}` },
      consumerInputs: inputs,
    },
    host: "default",
  };
}

async function generateRepo(count, urlReference = false) {
  const root = await mkdtemp(path.join(tmpdir(), "hookops-bench-plan-"));
  await writeFile(path.join(root, "hookops.yaml"), "include: ['hooks/**/*.yaml']\n");
  await mkdir(path.join(root, "hooks"));
  const writes = [];
  for (let file = 0; file * PER_FILE < count; file += 1) {
    const lines = ["subscriptions:"];
    for (let n = file * PER_FILE; n < Math.min(count, (file + 1) * PER_FILE); n += 1) lines.push(...subscription(n, urlReference).yaml);
    writes.push(writeFile(path.join(root, "hooks", `hooks-${String(file).padStart(3, "0")}.yaml`), `${lines.join("\n")}\n`));
  }
  await Promise.all(writes);
  return root;
}

/** Runs the CLI in a child that reports its own peak RSS when it exits. */
async function planProcess(root, org, token) {
  const wrapper = path.join(root, "measure.mjs");
  await writeFile(
    wrapper,
    `process.on("exit", () => process.stderr.write("\\nMAXRSS_KB " + process.resourceUsage().maxRSS + "\\n"));\nawait import(${JSON.stringify(pathToFileURL(CLI).href)});\n`,
  );
  const started = performance.now();
  const result = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wrapper, "plan", root, "--org", org, "--json"], {
      env: { PATH: process.env.PATH ?? "", AZURE_DEVOPS_TOKEN: token, BENCH_HOOK_PASSWORD: PASSWORD },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  const elapsed = performance.now() - started;
  if (result.code !== 0)
    throw new Error(`hookops plan exited ${result.code}: ${result.stderr.slice(-800)} ${JSON.stringify(JSON.parse(result.stdout).refusals).slice(0, 600)}`);
  const plan = JSON.parse(result.stdout);
  const maxRssKb = Number(/MAXRSS_KB (\d+)/.exec(result.stderr)?.[1] ?? NaN);
  return { elapsed, plan, maxRssMb: maxRssKb / 1024 };
}

export async function measurePlan(count, urlReference = false) {
  const { startEmulator } = await import(lib("emulator", "index.js"));
  const root = await generateRepo(count, urlReference);
  const emulator = await startEmulator({ seed: 1 });
  try {
    for (let n = 0; n < count; n += 1) {
      const { body, host } = subscription(n);
      // Every tenth live subscription drifted, so the plan has updates to compute too.
      const live = n % 10 === 5 && host === "default" ? { ...body, consumerInputs: { ...body.consumerInputs, messagesToSend: "text" } } : body;
      emulator.state.insert(live, { host });
    }
    // Where the time goes: reading and validating the YAML alone, in this process.
    const { loadRepository } = await import(lib("config", "index.js"));
    const loadStarted = performance.now();
    await loadRepository(root, { env: { BENCH_HOOK_PASSWORD: PASSWORD }, cwd: root });
    const loadMs = performance.now() - loadStarted;
    emulator.resetCounters();
    const run = await planProcess(root, emulator.url, emulator.token);
    const requests = Object.values(emulator.counters()).reduce((sum, value) => sum + value, 0);
    if (run.plan.noop + run.plan.changes.length !== count) throw new Error(`plan covered ${run.plan.noop + run.plan.changes.length} of ${count} subscriptions`);
    return { requests, ...run, loadMs, changes: run.plan.changes.length };
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** `hookops apply` in its own process (the service is remote too); the time from "planned" to "finished" is the apply phase. */
async function measureApply(count, latencyMs, concurrency) {
  const { startEmulator } = await import(lib("emulator", "index.js"));
  const root = await generateRepo(count);
  const emulator = await startEmulator({ seed: 2, faults: { latencyMs } });
  try {
    const result = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, "apply", root, "--auto-approve", "--verbose", "--org", emulator.url, "--concurrency", String(concurrency)], {
        env: { PATH: process.env.PATH ?? "", AZURE_DEVOPS_TOKEN: emulator.token, BENCH_HOOK_PASSWORD: PASSWORD },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code) => resolve({ code, stdout, stderr }));
    });
    if (result.code !== 0) throw new Error(`hookops apply exited ${result.code}: ${result.stderr.slice(0, 500)}`);
    const planned = Number(/planned in (\d+) ms/.exec(result.stderr)?.[1]);
    const finished = Number(/apply finished in (\d+) ms/.exec(result.stderr)?.[1]);
    if (!result.stdout.includes(`Apply complete: ${count} changed, 0 failed, 0 skipped.`)) throw new Error("apply did not create every subscription");
    if (emulator.state.subscriptions().length !== count) throw new Error("the emulator does not hold exactly the created subscriptions");
    return { elapsed: finished - planned };
  } finally {
    await emulator.close();
    await rm(root, { recursive: true, force: true });
  }
}

export async function run() {
  const small = await measurePlan(1_000);
  const large = await measurePlan(10_000);
  const unsetSmall = await measurePlan(1_000, true);
  const unsetLarge = await measurePlan(10_000, true);
  const ideal = (1_000 * 20) / 16;
  const apply = await measureApply(1_000, 20, 16);
  return [
    {
      name: "plan 1k/1k: HTTP requests (3 projects)",
      value: small.requests,
      unit: "requests",
      target: "2 per project + a fixed few (<= 12)",
      met: small.requests <= 12,
    },
    { name: "plan 10k/10k: HTTP requests (3 projects)", value: large.requests, unit: "requests", target: "same as 1k", met: large.requests === small.requests },
    { name: "plan 1k/1k: process wall time", value: Math.round(small.elapsed), unit: "ms", target: "-" },
    { name: "plan 10k/10k: process wall time", value: Math.round(large.elapsed), unit: "ms", target: "< 2000 ms" },
    { name: "plan 10k/10k: of which reading + validating the YAML", value: Math.round(large.loadMs), unit: "ms", target: "-" },
    { name: "plan 10k/10k: peak RSS of the process", value: Math.round(large.maxRssMb), unit: "MB", target: "< 300 MB" },
    { name: "plan 10k/10k: changes found (1 in 10 drifted)", value: large.changes, unit: "changes", target: "500" },
    { name: "plan 1k/1k, URL references unset: process wall time", value: Math.round(unsetSmall.elapsed), unit: "ms", target: "-" },
    {
      name: "plan 10k/10k, URL references unset: process wall time",
      value: Math.round(unsetLarge.elapsed),
      unit: "ms",
      target: "linear: < 10 × the 1k figure + 1 s",
      met: unsetLarge.elapsed < 10 * unsetSmall.elapsed + 1000,
    },
    {
      name: "apply 1k creates @20 ms, concurrency 16",
      value: Math.round(apply.elapsed),
      unit: "ms",
      target: `< ${Math.round(ideal * 1.5)} ms (ideal ${Math.round(ideal)})`,
    },
    { name: "apply: ratio to ideal", value: Math.round((apply.elapsed / ideal) * 100) / 100, unit: "x", target: "<= 1.5" },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await run()) console.log(`${row.name}: ${row.value} ${row.unit} (target ${row.target})`);
}
