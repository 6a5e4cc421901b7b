// `hookops export` end to end: the built CLI as separate processes, against the embedded emulator
// (`--org emulator`, state in <dir>/.hookops/emulator.json) seeded with hand-made subscriptions.
import { readdir, readFile } from "node:fs/promises";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { hookops, type CliResult } from "./helpers.js";

const SECRETS = {
  webhookPassword: "hunter2-Basic-Auth-Pw",
  storageKey: `${"Zk9vYmFy".repeat(8)}==`,
};

const VARIABLES = {
  HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD: SECRETS.webhookPassword,
  HOOKOPS_WORKITEM_CREATED_AZURESTORAGEQUEUE_FABRIKAMHOOKS_MOBILE_BUGS_ACCOUNT_KEY: SECRETS.storageKey,
};

let dir: string;
let probationId: string;
const outputs: CliResult[] = [];

async function run(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const result = await hookops(args, { cwd: dir, env });
  outputs.push(result);
  return result;
}

interface PlanJson {
  changes: { action: string; liveId?: string; name: string }[];
  noop: number;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "hookops-e2e-export-"));
  // The CLI keeps the emulator's state beside the repository it works on: <out>/.hookops/.
  const emulator = await startEmulator({ statePath: path.join(dir, "repo", ".hookops", "emulator.json") });
  try {
    const [website, mobile, platform] = emulator.state.projects();
    if (!website || !mobile || !platform) throw new Error("the emulator has no projects");
    const { state } = emulator;
    state.insert({
      publisherId: "tfs",
      eventType: "build.complete",
      resourceVersion: "1.0",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      publisherInputs: { projectId: website.id, buildStatus: "Failed", definitionName: "WebSite.CI" },
      consumerInputs: { url: "https://hooks.example.com/ado", basicAuthUsername: "ado", basicAuthPassword: SECRETS.webhookPassword },
    });
    state.insert({
      publisherId: "tfs",
      eventType: "workitem.created",
      resourceVersion: "1.0",
      consumerId: "azureStorageQueue",
      consumerActionId: "enqueue",
      publisherInputs: { projectId: mobile.id, workItemType: "Bug" },
      consumerInputs: { accountName: "fabrikamhooks", accountKey: SECRETS.storageKey, queueName: "mobile-bugs", visiTimeout: "0", ttl: "604800" },
    });
    // Made in the web UI: "[Any]" filters are explicit "" and the payload options say "all".
    state.insert({
      publisherId: "tfs",
      eventType: "git.push",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      publisherInputs: { projectId: website.id, repository: "", branch: "", pushedBy: "" },
      consumerInputs: { url: "https://hooks.example.com/push", resourceDetailsToSend: "all", messagesToSend: "all", detailedMessagesToSend: "all" },
    });
    state.insert({
      publisherId: "tfs",
      eventType: "build.complete",
      resourceVersion: "1.0",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      status: "disabledByUser",
      publisherInputs: { projectId: mobile.id, buildStatus: "Succeeded" },
      consumerInputs: { url: "https://builds.example.com/mobile" },
    });
    const flaky = state.insert({
      publisherId: "tfs",
      eventType: "git.pullrequest.created",
      resourceVersion: "1.0-preview.1",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      publisherInputs: { projectId: platform.id },
      consumerInputs: { url: "https://flaky.example.com/pr" },
    });
    state.setStatus(flaky.id, "onProbation", { probationRetries: 2 });
    probationId = flaky.id;
    state.insert({
      publisherId: "rm",
      eventType: "ms.vss-release.deployment-completed-event",
      resourceVersion: "3.0-preview.1",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      publisherInputs: { projectId: platform.id, releaseEnvironmentStatus: "4" },
      consumerInputs: { url: "https://deploy.example.com/hook" },
    });
  } finally {
    await emulator.close();
  }
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function exportedFiles(): Promise<Record<string, string>> {
  const root = path.join(dir, "repo");
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: Record<string, string> = {};
  for (const entry of entries) {
    if (!entry.isFile() || entry.parentPath.includes(".hookops")) continue;
    const absolute = path.join(entry.parentPath, entry.name);
    files[path.relative(root, absolute).split(path.sep).join("/")] = await readFile(absolute, "utf8");
  }
  return files;
}

describe("hookops export, then validate, plan and apply", () => {
  it("exports every live subscription, release ones included, and lists the variables to set last", async () => {
    const result = await run(["export", "--org", "emulator", "--out", "repo"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Exported 6 subscriptions from emulator into repo:");
    const tail = result.stdout.trimEnd().split("\n").slice(-2);
    expect(tail.map((line) => line.trim().split(/\s+/)[0])).toEqual(Object.keys(VARIABLES).sort());

    const files = await exportedFiles();
    expect(Object.keys(files).sort()).toEqual(["hookops.yaml", "hooks/mobile.yaml", "hooks/platform.yaml", "hooks/website.yaml"]);
    expect(files["hooks/platform.yaml"]).toContain("eventType: ms.vss-release.deployment-completed-event");
    expect(files["hooks/platform.yaml"]).toContain("# Live status was onProbation (unhealthy).");
    expect(files["hooks/mobile.yaml"]).toContain("enabled: false");
    expect(files["hooks/website.yaml"]).not.toMatch(/repository|pushedBy|ToSend/);
    for (const [name, value] of Object.entries(VARIABLES)) {
      expect(Object.values(files).join("\n")).toContain(`\${env:${name}}`);
      expect(Object.values(files).join("\n")).not.toContain(value);
    }
  });

  it("refuses to overwrite the files it wrote without --force", async () => {
    const result = await run(["export", "--org", "emulator", "--out", "repo"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "Error: these files already exist: repo/hooks/mobile.yaml, repo/hooks/platform.yaml, repo/hooks/website.yaml; nothing was written. Pass --force to overwrite, or --out to export elsewhere.\n",
    );
  });

  it("validates without errors (unset variables are warnings)", async () => {
    const result = await run(["validate", "repo"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("0 errors, 2 warnings");
  });

  it("plans no changes except repairing the unhealthy subscription, with or without the variables", async () => {
    for (const env of [{}, VARIABLES]) {
      const result = await run(["plan", "repo", "--json", "--detailed-exitcode"], env);
      expect(result.code).toBe(2);
      const plan = JSON.parse(result.stdout) as PlanJson;
      expect(plan.changes.map((change) => [change.action, change.liveId])).toEqual([["repair", probationId]]);
      expect(plan.noop).toBe(5);
    }
  });

  it("after apply repairs it, plan shows no changes at all", async () => {
    const applied = await run(["apply", "repo", "--auto-approve"], VARIABLES);
    expect(applied.code).toBe(0);
    for (const env of [{}, VARIABLES]) {
      const result = await run(["plan", "repo", "--detailed-exitcode"], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("No changes.");
    }
  });

  it("never printed a secret value", () => {
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      for (const secret of Object.values(SECRETS)) {
        expect(output.stdout).not.toContain(secret);
        expect(output.stderr).not.toContain(secret);
      }
    }
  });
});
