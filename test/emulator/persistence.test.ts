import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveSubscription } from "../../src/ado/types.js";
import { EmulatorStateError, startEmulator } from "../../src/emulator/index.js";
import { HOOKOPS_GITIGNORE, StateFile } from "../../src/emulator/state/persistence.js";
import { apiClient, webHookBody } from "./helpers.js";

describe("state file", () => {
  let directory: string;
  let statePath: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "hookops-emulator-"));
    statePath = join(directory, "nested", "emulator.json");
  });
  afterEach(() => rmSync(directory, { recursive: true, force: true }));

  it("carries subscriptions, secrets and status over to the next emulator with the same path", async () => {
    const first = await startEmulator({ statePath });
    const created = (await apiClient(first).post("/_apis/hooks/subscriptions", webHookBody())).json<LiveSubscription>();
    first.state.setStatus(created.id, "onProbation", { probationRetries: 2 });
    await first.close();

    const second = await startEmulator({ statePath });
    try {
      const read = (await apiClient(second).get(`/_apis/hooks/subscriptions/${created.id}`)).json<LiveSubscription>();
      expect(read.url).toBe(`${second.url}/_apis/hooks/subscriptions/${created.id}`);
      expect(read.status).toBe("onProbation");
      expect(read.probationRetries).toBe(2);
      expect(read.publisherInputs.tfsSubscriptionId).toBe(created.publisherInputs.tfsSubscriptionId);
      expect(read.consumerInputs.basicAuthPassword).toBe("********");
      expect(second.state.get(created.id)?.consumerInputs.basicAuthPassword).toBe("s3cret-value");
    } finally {
      await second.close();
    }
  });

  it("lets two running emulators see each other's writes", async () => {
    const writer = await startEmulator({ statePath });
    const reader = await startEmulator({ statePath });
    try {
      const created = (await apiClient(writer).post("/_apis/hooks/subscriptions", webHookBody())).json<LiveSubscription>();
      const listed = (await apiClient(reader).get("/_apis/hooks/subscriptions")).json<{ value: LiveSubscription[] }>();
      expect(listed.value.map((subscription) => subscription.id)).toEqual([created.id]);
      expect((await apiClient(reader).delete(`/_apis/hooks/subscriptions/${created.id}`)).status).toBe(204);
      expect(writer.state.subscriptions()).toEqual([]);
    } finally {
      await Promise.all([writer.close(), reader.close()]);
    }
  });

  it("writes whole files through a temporary file, readable only by the owner", async () => {
    const emulator = await startEmulator({ statePath });
    try {
      const api = apiClient(emulator);
      for (let i = 0; i < 5; i++) await api.post("/_apis/hooks/subscriptions", webHookBody());
      const saved = JSON.parse(readFileSync(statePath, "utf8")) as { formatVersion: number; subscriptions: unknown[] };
      expect(saved.formatVersion).toBe(1);
      expect(saved.subscriptions).toHaveLength(5);
      expect(readdirSync(join(directory, "nested"))).toEqual(["emulator.json"]);
      if (process.platform !== "win32") expect(statSync(statePath).mode & 0o777).toBe(0o600);
    } finally {
      await emulator.close();
    }
  });

  it("refuses to start on a file it cannot read as state, saying how to recover", async () => {
    writeFileSync(join(directory, "broken.json"), "{ not json");
    await expect(startEmulator({ statePath: join(directory, "broken.json") })).rejects.toThrow(EmulatorStateError);
    await expect(startEmulator({ statePath: join(directory, "broken.json") })).rejects.toThrow(/delete it to start afresh/);
  });

  it("draws the same ids for the same seed, skipping ids the file already holds", async () => {
    const first = await startEmulator({ statePath, seed: 3 });
    const firstId = first.state.insert(webHookBody()).id;
    await first.close();
    const second = await startEmulator({ statePath, seed: 3 });
    try {
      const secondId = second.state.insert(webHookBody()).id;
      expect(secondId).not.toBe(firstId);
      expect(second.state.subscriptions().map((subscription) => subscription.id)).toEqual([firstId, secondId]);
    } finally {
      await second.close();
    }
    const fresh = await startEmulator({ seed: 3 });
    try {
      expect(fresh.state.insert(webHookBody()).id).toBe(firstId);
    } finally {
      await fresh.close();
    }
  });
});

describe("the .hookops folder", () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "hookops-repo-"));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("gets a .gitignore ignoring everything when hookops creates it", async () => {
    const emulator = await startEmulator({ statePath: join(root, ".hookops", "emulator.json") });
    try {
      await apiClient(emulator).post("/_apis/hooks/subscriptions", webHookBody());
    } finally {
      await emulator.close();
    }
    expect(readdirSync(join(root, ".hookops")).sort()).toEqual([".gitignore", "emulator.json"]);
    expect(readFileSync(join(root, ".hookops", ".gitignore"), "utf8")).toBe(HOOKOPS_GITIGNORE);
    expect(HOOKOPS_GITIGNORE.split("\n").filter((line) => line !== "" && !line.startsWith("#"))).toEqual(["*"]);
  });

  it("gets one when it is found without, and an existing one is kept as it is", async () => {
    mkdirSync(join(root, ".hookops"));
    const statePath = join(root, ".hookops", "emulator.json");
    const first = new StateFile(statePath);
    first.save({ formatVersion: 1, organization: "fabrikam", subscriptions: [], notifications: [], nextNotificationId: 1, diagnostics: {} });
    expect(readFileSync(join(root, ".hookops", ".gitignore"), "utf8")).toBe(HOOKOPS_GITIGNORE);

    rmSync(join(root, ".hookops", ".gitignore"));
    new StateFile(statePath).load();
    expect(existsSync(join(root, ".hookops", ".gitignore"))).toBe(true);

    writeFileSync(join(root, ".hookops", ".gitignore"), "emulator.json\n");
    first.save({ formatVersion: 1, organization: "fabrikam", subscriptions: [], notifications: [], nextNotificationId: 2, diagnostics: {} });
    expect(readFileSync(join(root, ".hookops", ".gitignore"), "utf8")).toBe("emulator.json\n");
  });

  it("is the only folder that gets one: a --state file elsewhere gets nothing beside it", async () => {
    const emulator = await startEmulator({ statePath: join(root, "state", "emulator.json") });
    try {
      await apiClient(emulator).post("/_apis/hooks/subscriptions", webHookBody());
    } finally {
      await emulator.close();
    }
    expect(readdirSync(join(root, "state"))).toEqual(["emulator.json"]);
    expect(existsSync(join(root, ".gitignore"))).toBe(false);
  });
});
