// Validates a generated repository of 10,000 subscriptions in 1,000 files with the built
// validator (lib/) and reports the wall time. Run `npm run build` first. A second run gives each
// file an anchor, which sends it through the yaml library instead of the loader's fast path for
// plain YAML, so the slower path stays measured too. Then `hookops validate` runs in a fresh
// process on one 1 MiB file whose subscription has a map of 110,000 keys (each an error), by
// both paths: validation must stay linear in the number of keys (it once took minutes).
import { spawn } from "node:child_process";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const FILES = 1_000;
const PER_FILE = 10;
const TARGET_MS = 2_000;
const PROJECTS = ["WebSite", "Mobile", "Platform"];

function subscriptionYaml(fileIndex, index) {
  const n = fileIndex * PER_FILE + index;
  const project = PROJECTS[n % PROJECTS.length];
  switch (n % 4) {
    case 0:
      return [
        `  - name: build-failed-${n}`,
        `    project: ${project}`,
        "    eventType: build.complete",
        '    resourceVersion: "1.0"',
        `    publisherInputs: { buildStatus: Failed, definitionName: Definition-${n} }`,
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs:",
        `      url: https://hooks.example.com/build/${n}`,
        "      basicAuthUsername: ado",
        "      basicAuthPassword: ${env:BENCH_HOOK_PASSWORD}",
      ].join("\n");
    case 1:
      return [
        `  - name: pr-created-${n}`,
        `    project: ${project}`,
        "    eventType: git.pullrequest.created",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs:",
        `      url: https://hooks.example.com/pr/${n}`,
        "      messagesToSend: none",
      ].join("\n");
    case 2:
      return [
        `  - name: work-item-${n}`,
        `    project: ${project}`,
        "    eventType: workitem.updated",
        '    resourceVersion: "1.0"',
        "    publisherInputs:",
        "      workItemType: Bug",
        "      changedFields: System.State",
        "    consumerId: azureStorageQueue",
        "    consumerActionId: enqueue",
        "    consumerInputs:",
        "      accountName: benchaccount",
        "      accountKey: ${env:BENCH_ACCOUNT_KEY}",
        `      queueName: queue-${n}`,
        "      visiTimeout: 0",
        "      ttl: 604800",
      ].join("\n");
    default:
      return [
        `  - name: deployment-${n}`,
        `    project: ${project}`,
        "    eventType: ms.vss-release.deployment-completed-event",
        '    resourceVersion: "3.0-preview.1"',
        '    publisherInputs: { releaseEnvironmentStatus: "4" }',
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs:",
        `      url: https://hooks.example.com/deploy/${n}`,
      ].join("\n");
  }
}

async function generate(root, { anchored = false } = {}) {
  await writeFile(path.join(root, "hookops.yaml"), "organization: fabrikam\ninclude: ['hooks/**/*.yaml']\ndefaults:\n  enabled: true\n");
  for (let folder = 0; folder < 10; folder += 1) await mkdir(path.join(root, "hooks", `team-${folder}`), { recursive: true });
  const writes = [];
  for (let fileIndex = 0; fileIndex < FILES; fileIndex += 1) {
    const plain = Array.from({ length: PER_FILE }, (_, index) => subscriptionYaml(fileIndex, index)).join("\n");
    const body = anchored ? plain.replace("  - name: ", "  - name: &first ") : plain;
    const file = path.join(root, "hooks", `team-${fileIndex % 10}`, `hooks-${String(fileIndex).padStart(4, "0")}.yaml`);
    writes.push(writeFile(file, `# yaml-language-server: $schema=../../schemas/subscriptions.schema.json\nsubscriptions:\n${body}\n`));
  }
  await Promise.all(writes);
}

async function measure(loadRepository, hasErrors, options) {
  const root = await mkdtemp(path.join(tmpdir(), "hookops-bench-validate-"));
  try {
    await generate(root, options);
    const env = { BENCH_HOOK_PASSWORD: "x", BENCH_ACCOUNT_KEY: "y" };
    const started = performance.now();
    const load = await loadRepository(root, { env, cwd: root });
    const elapsed = performance.now() - started;
    if (hasErrors(load.findings)) throw new Error(`benchmark repository is invalid: ${JSON.stringify(load.findings.slice(0, 3))}`);
    return { elapsed, load };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const BIG_MAP_KEYS = 110_000;
const BIG_MAP_TARGET_MS = 10_000;

/** One subscription whose publisherInputs is a one-line map of BIG_MAP_KEYS unknown filters, just under 1 MiB. */
function bigMapYaml(anchored) {
  const key = (index) =>
    String.fromCharCode(97 + (index % 26)) +
    Math.floor(index / 26)
      .toString(36)
      .padStart(3, "0");
  const inputs = Array.from({ length: BIG_MAP_KEYS }, (_, index) => `${key(index)}: v`).join(", ");
  return [
    "subscriptions:",
    `- name: ${anchored ? "&name " : ""}big`,
    "  project: WebSite",
    "  eventType: build.complete",
    "  consumerId: webHooks",
    "  consumerActionId: httpRequest",
    "  consumerInputs:",
    "    url: https://hooks.example.com/big",
    `  publisherInputs: {${inputs}}`,
    "",
  ].join("\n");
}

/** `hookops validate --json` on the big-map repository in a new process: wall time and finding count. */
async function measureBigMap(cli, anchored) {
  const root = await mkdtemp(path.join(tmpdir(), "hookops-bench-bigmap-"));
  try {
    const text = bigMapYaml(anchored);
    if (Buffer.byteLength(text) > 1024 * 1024) throw new Error("the big-map file must stay under the 1 MiB limit");
    await mkdir(path.join(root, "hooks"));
    await writeFile(path.join(root, "hookops.yaml"), "organization: fabrikam\n");
    await writeFile(path.join(root, "hooks", "big.yaml"), text);
    const started = performance.now();
    const output = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cli, "validate", "--json", root], { stdio: ["ignore", "pipe", "inherit"] });
      const chunks = [];
      child.stdout.on("data", (chunk) => chunks.push(chunk));
      child.on("error", reject);
      child.on("close", () => resolve(Buffer.concat(chunks).toString("utf8")));
    });
    const elapsed = performance.now() - started;
    const report = JSON.parse(output);
    const filters = report.findings.filter((finding) => finding.rule === "unknown-filter").length;
    if (filters !== BIG_MAP_KEYS) throw new Error(`expected ${BIG_MAP_KEYS} unknown-filter findings, got ${filters}`);
    return { elapsed, bytes: Buffer.byteLength(text) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export async function run() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const { loadRepository, hasErrors } = await import(pathToFileURL(path.join(here, "..", "lib", "config", "index.js")).href);
  const { elapsed, load } = await measure(loadRepository, hasErrors);
  const viaYaml = await measure(loadRepository, hasErrors, { anchored: true });
  const cli = path.join(here, "..", "lib", "cli", "main.js");
  const bigMap = await measureBigMap(cli, false);
  const bigMapViaYaml = await measureBigMap(cli, true);
  return [
    { name: "validate 10k subscriptions / 1k files (wall time)", value: Math.round(elapsed), unit: "ms", target: `< ${TARGET_MS} ms` },
    { name: "validate: files read", value: load.files.length, unit: "files", target: `${FILES + 1}` },
    { name: "validate: subscriptions", value: load.subscriptions.length, unit: "subscriptions", target: `${FILES * PER_FILE}` },
    { name: "validate again, every file through the yaml library", value: Math.round(viaYaml.elapsed), unit: "ms", target: `< ${TARGET_MS} ms` },
    {
      name: `validate one ${Math.round(bigMap.bytes / 1024)} KiB file, a ${BIG_MAP_KEYS.toLocaleString("en")}-key map (new process)`,
      value: Math.round(bigMap.elapsed),
      unit: "ms",
      target: `< ${BIG_MAP_TARGET_MS} ms`,
    },
    { name: "the same file through the yaml library (new process)", value: Math.round(bigMapViaYaml.elapsed), unit: "ms", target: `< ${BIG_MAP_TARGET_MS} ms` },
  ];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const row of await run()) console.log(`${row.name}: ${row.value} ${row.unit} (target ${row.target})`);
}
