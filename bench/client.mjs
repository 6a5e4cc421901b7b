// Lists 10,000 subscriptions through the client against the emulator. Needs `npm run build` first.
// The emulator runs in a worker thread, as a real server would run elsewhere: the figure is what the
// client waits for, without the two sharing one event loop and heap.
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { pathToFileURL } from "node:url";

const SUBSCRIPTIONS = 10_000;
const WARM_UP = 2;
const RUNS = 7;

async function serveEmulator() {
  const { startEmulator } = await import("../lib/emulator/index.js");
  const emulator = await startEmulator({ seed: 1 });
  for (let index = 0; index < SUBSCRIPTIONS; index++) {
    emulator.state.insert({
      publisherId: "tfs",
      eventType: index % 2 === 0 ? "build.complete" : "git.push",
      resourceVersion: "1.0",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      publisherInputs: { projectId: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51" },
      consumerInputs: { url: `https://hooks.example.com/bench/${index}`, basicAuthUsername: "bench", basicAuthPassword: "secret" },
    });
  }
  parentPort.postMessage({ url: emulator.url, token: emulator.token });
  parentPort.once("message", async () => {
    await emulator.close();
    parentPort.close();
  });
}

export async function run() {
  const { AdoClient, patCredential } = await import("../lib/ado/index.js");
  const worker = new Worker(new URL(import.meta.url));
  const { url, token } = await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const client = new AdoClient({ organization: url, credential: patCredential(token) });
  try {
    const timings = [];
    for (let runIndex = 0; runIndex < WARM_UP + RUNS; runIndex++) {
      const started = performance.now();
      const listed = await client.listSubscriptions();
      if (runIndex >= WARM_UP) timings.push(performance.now() - started);
      if (listed.length !== SUBSCRIPTIONS) throw new Error(`listed ${listed.length} subscriptions, expected ${SUBSCRIPTIONS}`);
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)];
    return [
      { name: `client: list ${SUBSCRIPTIONS.toLocaleString("en")} subscriptions (median of ${RUNS})`, value: Math.round(median), unit: "ms", target: "< 300" },
    ];
  } finally {
    await client.close();
    const exited = new Promise((resolve) => worker.once("exit", resolve));
    worker.postMessage("stop");
    await exited;
  }
}

if (!isMainThread) {
  await serveEmulator();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await run()) console.log(`${row.name}: ${row.value} ${row.unit} (target ${row.target} ${row.unit})`);
}
