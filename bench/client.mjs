// Lists 10,000 subscriptions through the client against the emulator. Needs `npm run build` first.
import { pathToFileURL } from "node:url";
import { AdoClient, patCredential } from "../lib/ado/index.js";
import { startEmulator } from "../lib/emulator/index.js";

const SUBSCRIPTIONS = 10_000;
const RUNS = 5;

export async function run() {
  const emulator = await startEmulator({ seed: 1 });
  const client = new AdoClient({ organization: emulator.url, credential: patCredential(emulator.token) });
  try {
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
    await client.listSubscriptions({ eventType: "no.such.event" }); // warm up the connection
    const timings = [];
    for (let runIndex = 0; runIndex < RUNS; runIndex++) {
      const started = performance.now();
      const listed = await client.listSubscriptions();
      timings.push(performance.now() - started);
      if (listed.length !== SUBSCRIPTIONS) throw new Error(`listed ${listed.length} subscriptions, expected ${SUBSCRIPTIONS}`);
    }
    timings.sort((a, b) => a - b);
    const median = timings[Math.floor(timings.length / 2)];
    return [{ name: `client: list ${SUBSCRIPTIONS.toLocaleString("en")} subscriptions (median of ${RUNS})`, value: Math.round(median), unit: "ms", target: "< 300" }];
  } finally {
    await client.close();
    await emulator.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const row of await run()) console.log(`${row.name}: ${row.value} ${row.unit} (target ${row.target} ${row.unit})`);
}
