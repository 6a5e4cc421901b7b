// `hookops status` at 1,000 declared subscriptions, each with deliveries in its history: HTTP requests
// made and wall time of the process (the built CLI, lib/), against the emulator in this process and
// a web hook endpoint on 127.0.0.1 that fails every 7th subscription's deliveries.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const lib = (...parts) => pathToFileURL(path.join(here, "..", "lib", ...parts)).href;
const CLI = path.join(here, "..", "lib", "cli", "main.js");
const COUNT = 1_000;
const EVENTS = 3;
const WEBSITE = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";

async function startEndpoint() {
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => response.writeHead(/\/hook\/\d*0$/.test(request.url ?? "") ? 500 : 200).end("ok"));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function control(emulator, route, body) {
  const response = await fetch(`${new URL(emulator.url).origin}/_emulator/${route}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Basic ${Buffer.from(`:${emulator.token}`).toString("base64")}` },
    body: JSON.stringify(body),
  });
  if (response.status !== 200) throw new Error(`${route} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

function runStatus(root, emulator) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "status", root, "--org", emulator.url, "--json"], {
      env: { PATH: process.env.PATH ?? "", AZURE_DEVOPS_TOKEN: emulator.token },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

export async function run() {
  const { startEmulator } = await import(lib("emulator", "index.js"));
  const endpoint = await startEndpoint();
  const emulator = await startEmulator({ seed: 3 });
  const root = await mkdtemp(path.join(tmpdir(), "hookops-bench-status-"));
  try {
    const lines = ["subscriptions:"];
    for (let n = 0; n < COUNT; n += 1) {
      const url = `${endpoint.url}/hook/${n}`;
      lines.push(
        `  - name: build-${n}`,
        "    project: WebSite",
        "    eventType: build.complete",
        '    resourceVersion: "1.0"',
        `    publisherInputs: { buildStatus: Failed, definitionName: Definition-${n} }`,
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    allowInsecureUrl: true",
        `    consumerInputs: { url: "${url}" }`,
      );
      emulator.state.insert({
        publisherId: "tfs",
        eventType: "build.complete",
        resourceVersion: "1.0",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        publisherInputs: { projectId: WEBSITE, buildStatus: "Failed", definitionName: `Definition-${n}` },
        consumerInputs: { url },
      });
    }
    await writeFile(path.join(root, "hookops.yaml"), "include: ['hooks/*.yaml']\n");
    await mkdir(path.join(root, "hooks"));
    await writeFile(path.join(root, "hooks", "builds.yaml"), `${lines.join("\n")}\n`);
    // Every subscription hears each event of its own definition; every 10th endpoint fails (probation).
    for (let event = 0; event < EVENTS; event += 1) {
      await Promise.all(
        Array.from({ length: COUNT }, (_, n) =>
          control(emulator, "events?wait=true", {
            publisherId: "tfs",
            eventType: "build.complete",
            projectId: WEBSITE,
            publisherInputs: { buildStatus: "Failed", definitionName: `Definition-${n}` },
          }),
        ),
      );
    }
    emulator.resetCounters();
    const started = performance.now();
    const result = await runStatus(root, emulator);
    const elapsed = performance.now() - started;
    if (result.code !== 0) throw new Error(`hookops status exited ${result.code}: ${result.stderr.slice(-600)}`);
    const report = JSON.parse(result.stdout);
    if (report.subscriptions.length !== COUNT) throw new Error(`status showed ${report.subscriptions.length} of ${COUNT} subscriptions`);
    const counters = emulator.counters();
    const requests = Object.values(counters).reduce((sum, value) => sum + value, 0);
    const queries = counters["POST /_apis/hooks/notificationsquery"] ?? 0;
    return [
      {
        name: `status 1k subscriptions (${EVENTS} events each, 1 in 10 failing): HTTP requests`,
        value: requests,
        unit: "requests",
        target: "reads of plan + 1 query per 50 (<= 30)",
        met: requests <= 30,
      },
      { name: "status 1k: of which notificationsquery", value: queries, unit: "requests", target: "20" },
      { name: "status 1k: process wall time", value: Math.round(elapsed), unit: "ms", target: "< 3000 ms" },
      { name: "status 1k: unhealthy found", value: report.summary.unhealthy, unit: "subscriptions", target: "100" },
    ];
  } finally {
    await emulator.close();
    await endpoint.close();
    await rm(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await run()) console.log(`${row.name}: ${row.value} ${row.unit} (target ${row.target})`);
}
