// Plan against a large organization at 1, 10 and 100 managed projects (REAL-SERVICE.md R1).
// The emulator holds 10,300 subscriptions over 103 projects and answers lists in time proportional
// to their size (1 ms per subscription, as a real organization's unpaged list takes a minute for
// ~60k): the organization-wide list then takes ~10 s, while plan queries only what it manages.
// Needs `npm run build` first.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

const PER_PROJECT = 100;
const EXTRA_PROJECTS = 100;
const MS_PER_ITEM = 1;

function body(projectId, index) {
  return {
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    publisherInputs: { projectId, buildStatus: "Failed" },
    consumerInputs: { url: `https://hooks.example.com/${projectId}/${index}` },
  };
}

async function repoFor(projects) {
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-bench-projects-"));
  await mkdir(path.join(dir, "hooks"));
  await writeFile(path.join(dir, "hookops.yaml"), "organization: fabrikam\n");
  const lines = ["subscriptions:"];
  for (const project of projects) {
    // The first subscription of each project is declared, so each plan has real matching to do.
    lines.push(
      `  - name: ci-${project.name}`,
      `    project: ${project.name}`,
      "    eventType: build.complete",
      '    resourceVersion: "1.0"',
      '    publisherInputs: { buildStatus: "Failed" }',
      "    consumerId: webHooks",
      "    consumerActionId: httpRequest",
      `    consumerInputs: { url: "https://hooks.example.com/${project.id}/0" }`,
    );
  }
  await writeFile(path.join(dir, "hooks", "hooks.yaml"), `${lines.join("\n")}\n`);
  return dir;
}

export async function run() {
  const { startEmulator } = await import("../lib/emulator/index.js");
  const { planRepository, isPlanRun } = await import("../lib/engine/plan.js");
  const { AdoClient, patCredential } = await import("../lib/ado/index.js");
  const emulator = await startEmulator({ seed: 1, extraProjects: EXTRA_PROJECTS, faults: { listDelay: { msPerItem: MS_PER_ITEM } } });
  const rows = [];
  try {
    const projects = emulator.state.projects();
    for (const project of projects) for (let index = 0; index < PER_PROJECT; index++) emulator.state.insert(body(project.id, index));
    const total = projects.length * PER_PROJECT;

    for (const count of [1, 10, 100]) {
      const dir = await repoFor(projects.slice(0, count));
      try {
        emulator.resetCounters();
        const startedAt = performance.now();
        const planned = await planRepository({ dir, org: emulator.url, env: { AZURE_DEVOPS_TOKEN: emulator.token } });
        const ms = performance.now() - startedAt;
        if (!isPlanRun(planned)) throw new Error("the benchmark repository did not load");
        await planned.connection.close();
        if (planned.plan.refusals.length > 0 || planned.plan.changes.length > 0) throw new Error(`unexpected plan: ${JSON.stringify(planned.plan.refusals)}`);
        const requests = Object.values(emulator.counters()).reduce((sum, value) => sum + value, 0);
        rows.push({
          name: `plan, ${count} managed ${count === 1 ? "project" : "projects"} of ${projects.length} (${total} subscriptions)`,
          value: Math.round(ms),
          unit: "ms",
          target: "-",
        });
        rows.push({
          name: "  HTTP requests of that plan",
          value: requests,
          unit: "requests",
          target: "2 per project (one per host) + a fixed few (<= 6)",
          met: requests <= 2 * count + 6,
        });
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }

    // What reading the organization-wide list would cost instead, per host.
    const client = new AdoClient({ organization: emulator.url, credential: patCredential(emulator.token, "bench"), headersTimeoutMs: 120_000 });
    const startedAt = performance.now();
    const all = await client.listSubscriptions({}, { headersTimeoutMs: 120_000 });
    rows.push({
      name: `organization-wide list of ${all.length} subscriptions (one host), for comparison`,
      value: Math.round(performance.now() - startedAt),
      unit: "ms",
      target: "-",
    });
    await client.close();
  } finally {
    await emulator.close();
  }
  return rows;
}
