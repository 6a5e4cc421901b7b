// Emulator throughput: one process drives the emulator over loopback with 32 requests in flight.
// Mix: list ~100 subscriptions, get one by id, create one, delete one created earlier (keeps the list near 100).
// Run after `npm run build`: node bench/emulator.mjs
import { pathToFileURL } from "node:url";
import { Pool } from "undici";
import { startEmulator } from "../lib/emulator/index.js";

const TOTAL_REQUESTS = 5_000;
const IN_FLIGHT = 32;
const SEEDED_SUBSCRIPTIONS = 100;
const TARGET_REQUESTS_PER_SECOND = 2_000;

const body = (n) => ({
  publisherId: "tfs",
  eventType: "build.complete",
  resourceVersion: "1.0",
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  publisherInputs: { buildStatus: "Failed", definitionName: `Service-${n}.CI`, projectId: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51" },
  consumerInputs: { url: `https://hooks.example.com/build/${n}`, basicAuthUsername: "bot", basicAuthPassword: "bench-secret" },
});

function percentile(sorted, fraction) {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))];
}

export async function run() {
  const emulator = await startEmulator({ seed: 1 });
  const seededIds = [];
  for (let i = 0; i < SEEDED_SUBSCRIPTIONS; i++) seededIds.push(emulator.state.insert(body(i)).id);

  const { origin, pathname } = new URL(emulator.url);
  const pool = new Pool(origin, { connections: IN_FLIGHT, pipelining: 1 });
  const headers = { authorization: `Basic ${Buffer.from(`:${emulator.token}`).toString("base64")}`, "content-type": "application/json" };
  const path = (suffix) => `${pathname}/_apis/hooks/subscriptions${suffix}?api-version=7.1`;
  const created = [];
  const latencies = [];
  let listBytes = 0;
  let failures = 0;
  let next = 0;

  async function one(index) {
    const kind = index % 20;
    let request;
    if (kind < 6) request = { method: "GET", path: path("") };
    else if (kind < 14) request = { method: "GET", path: path(`/${seededIds[index % seededIds.length]}`) };
    else if (kind < 17) request = { method: "POST", path: path(""), body: JSON.stringify(body(index)) };
    else {
      const id = created.shift();
      request = id ? { method: "DELETE", path: path(`/${id}`) } : { method: "GET", path: path("") };
    }
    const started = performance.now();
    const response = await pool.request({ ...request, headers });
    let text = "";
    let bytes = 0;
    // Only created ids are needed from the answers; the rest is read as bytes, not decoded.
    if (request.method === "POST") text = await response.body.text();
    else for await (const chunk of response.body) bytes += chunk.length;
    latencies.push(performance.now() - started);
    if (response.statusCode >= 300) failures += 1;
    if (request.method === "POST" && response.statusCode === 200) created.push(JSON.parse(text).id);
    if (request.method === "GET" && request.path === path("")) listBytes = Math.max(listBytes, bytes);
  }

  async function worker() {
    while (next < TOTAL_REQUESTS) await one(next++);
  }

  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.close();
  const counters = emulator.counters();
  await emulator.close();

  if (failures > 0) throw new Error(`${failures} of ${TOTAL_REQUESTS} benchmark requests failed`);
  const served = Object.values(counters).reduce((sum, count) => sum + count, 0);
  if (served !== TOTAL_REQUESTS) throw new Error(`the emulator counted ${served} requests, expected ${TOTAL_REQUESTS}`);
  latencies.sort((a, b) => a - b);
  return [
    {
      name: `emulator throughput (${TOTAL_REQUESTS} mixed requests, ${IN_FLIGHT} in flight)`,
      value: Math.round(TOTAL_REQUESTS / seconds),
      unit: "req/s",
      target: `>= ${TARGET_REQUESTS_PER_SECOND}`,
    },
    { name: "emulator latency p50", value: Number(percentile(latencies, 0.5).toFixed(2)), unit: "ms", target: "-" },
    { name: "emulator latency p95", value: Number(percentile(latencies, 0.95).toFixed(2)), unit: "ms", target: "-" },
    { name: `emulator list response (~${SEEDED_SUBSCRIPTIONS} subscriptions)`, value: Math.round(listBytes / 1024), unit: "KiB", target: "-" },
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const row of await run()) console.log(`${row.name}: ${row.value} ${row.unit} (target ${row.target})`);
}
