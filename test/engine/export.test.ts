import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { ExportConfigNotFoundError, IncompleteListingError, runExport } from "../../src/engine/export.js";
import { ExistingFilesError } from "../../src/export/index.js";
import { schemaRef } from "../../src/export/schema-ref.js";
import { isPlanRun, planRepository } from "../../src/engine/plan.js";
import { tempDir } from "../export/helpers.js";

/** Seeds `<dir>/.hookops/emulator.json`, the state `--org emulator` runs on. */
async function seedEmulatorState(dir: string, seed: (emulator: EmulatorHandle) => void): Promise<void> {
  const emulator = await startEmulator({ statePath: path.join(dir, ".hookops", "emulator.json") });
  try {
    seed(emulator);
  } finally {
    await emulator.close();
  }
}

function seedTwoProjects(emulator: EmulatorHandle): void {
  const [website, mobile] = emulator.state.projects();
  if (!website || !mobile) throw new Error("the emulator has no projects");
  emulator.state.insert({
    publisherId: "tfs",
    eventType: "git.push",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    publisherInputs: { projectId: website.id },
    consumerInputs: { url: "https://hooks.example.com/push" },
  });
  emulator.state.insert({
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    publisherInputs: { projectId: mobile.id, buildStatus: "Failed" },
    consumerInputs: { url: "https://hooks.example.com/build", basicAuthUsername: "ado", basicAuthPassword: "s3cr3t-pa55" },
  });
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.parentPath.includes(".hookops"))
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

describe("runExport against the embedded emulator", () => {
  it("writes one file per project and a hookops.yaml, then refuses to overwrite without --force", async () => {
    const dir = await tempDir();
    await seedEmulatorState(dir, seedTwoProjects);
    const first = await runExport({ org: "emulator", out: dir, env: {}, cwd: dir });
    expect(first.written).toEqual([
      { path: "hooks/mobile.yaml", action: "created" },
      { path: "hooks/website.yaml", action: "created" },
      { path: "hookops.yaml", action: "created" },
    ]);
    expect(await readFile(path.join(dir, "hookops.yaml"), "utf8")).toMatchInlineSnapshot(`
      "# Written by \`hookops export\`. Pruning is off until \`prune.enabled: true\`: plan and apply create and update, never delete.

      organization: emulator
      include:
        - hooks/**/*.yaml
      "
    `);
    const mobile = await readFile(path.join(dir, "hooks/mobile.yaml"), "utf8");
    expect(mobile).not.toContain("s3cr3t-pa55");
    expect(mobile).toContain("basicAuthPassword: ${env:HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD}");

    await writeFile(path.join(dir, "hooks/mobile.yaml"), "# edited by hand\n");
    const again = runExport({ org: "emulator", out: dir, env: {}, cwd: dir });
    await expect(again).rejects.toThrow(ExistingFilesError);
    await expect(again).rejects.toThrow(
      "these files already exist: hooks/mobile.yaml, hooks/website.yaml; nothing was written. Pass --force to overwrite, or --out to export elsewhere.",
    );
    expect(await readFile(path.join(dir, "hooks/mobile.yaml"), "utf8")).toBe("# edited by hand\n");

    await writeFile(path.join(dir, "hookops.yaml"), "organization: emulator\n# mine\n");
    const forced = await runExport({ org: "emulator", out: dir, env: {}, cwd: dir, force: true });
    expect(forced.written.map((file) => `${file.action} ${file.path}`)).toEqual([
      "overwritten hooks/mobile.yaml",
      "overwritten hooks/website.yaml",
      "kept hookops.yaml",
    ]);
    expect(await readFile(path.join(dir, "hooks/mobile.yaml"), "utf8")).toBe(mobile);
    expect(await readFile(path.join(dir, "hookops.yaml"), "utf8")).toBe("organization: emulator\n# mine\n");
    expect(await listFiles(dir)).toEqual(["hookops.yaml", "hooks/mobile.yaml", "hooks/website.yaml"]);
  });

  it("--project writes only that project's file", async () => {
    const dir = await tempDir();
    await seedEmulatorState(dir, seedTwoProjects);
    const outcome = await runExport({ org: "emulator", out: dir, project: "WebSite", env: {}, cwd: dir });
    expect(outcome.written.map((file) => file.path)).toEqual(["hooks/website.yaml", "hookops.yaml"]);
    expect(outcome.model.variables).toEqual([]);
  });

  it("in an existing repository: leaves out what its files already declare, avoids their names, honours defaults and warns about include", async () => {
    const dir = await tempDir();
    await seedEmulatorState(dir, seedTwoProjects);
    await mkdir(path.join(dir, "subscriptions"), { recursive: true });
    await writeFile(
      path.join(dir, "hookops.yaml"),
      'organization: emulator\ninclude: ["subscriptions/*.yaml"]\ndefaults:\n  consumerInputs:\n    messagesToSend: none\n',
    );
    await writeFile(
      path.join(dir, "subscriptions/pushes.yaml"),
      [
        "subscriptions:",
        "  - name: website-pushes",
        "    project: website",
        "    eventType: git.push",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: 'https://HOOKS.example.com/push' }",
        "  - name: build-complete-webhooks-hooks-example-com",
        "    project: Platform",
        "    eventType: build.complete",
        "    consumerId: webHooks",
        "    consumerActionId: httpRequest",
        "    consumerInputs: { url: 'https://elsewhere.example.com/' }",
        "",
      ].join("\n"),
    );
    const outcome = await runExport({ out: dir, env: {}, cwd: dir });
    expect(outcome.organization).toBe("emulator");
    expect(outcome.model.skipped.map((skipped) => skipped.reason)).toEqual(['already declared as "website-pushes" in subscriptions/pushes.yaml']);
    const [file] = outcome.model.files;
    expect(file?.subscriptions.map((subscription) => [subscription.name, subscription.consumerInputs.messagesToSend])).toEqual([
      ["build-complete-webhooks-hooks-example-com-2", null],
    ]);
    expect(outcome.warnings).toEqual(["hooks/mobile.yaml is not matched by `include` in hookops.yaml; add it, or plan will not read it."]);
    expect(outcome.written.map((written) => `${written.action} ${written.path}`)).toEqual(["created hooks/mobile.yaml", "kept hookops.yaml"]);
  });

  it("--config must name an existing file", async () => {
    const dir = await tempDir();
    await expect(runExport({ org: "emulator", configPath: "missing/hookops.yaml", env: {}, cwd: dir })).rejects.toThrow(ExportConfigNotFoundError);
  });
});

describe("runExport against an organization URL", () => {
  it("writes nothing when a host cannot be listed, so no subscription silently goes missing", async () => {
    const emulator = await startEmulator();
    onTestFinished(() => emulator.close());
    emulator.setFaults({ failNext: [{ status: 500, count: 50, route: "GET /vsrm/_apis/hooks/subscriptions" }] });
    const dir = await tempDir();
    const attempt = runExport({ org: emulator.url, out: dir, env: { AZURE_DEVOPS_TOKEN: emulator.token }, cwd: dir });
    await expect(attempt).rejects.toThrow(IncompleteListingError);
    await expect(attempt).rejects.toThrow(/could not list the subscriptions of the release-management host/);
    expect(await listFiles(dir)).toEqual([]);
  });
});

describe("the schema line", () => {
  it("points at hookops's schemas when they live inside the output folder or its Git work tree, at a given URL, or nowhere", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "node_modules/hookops/schemas"), { recursive: true });
    await writeFile(path.join(dir, "node_modules/hookops/schemas/subscriptions.schema.json"), "{}");
    expect(schemaRef(path.join(dir, "hooks/website.yaml"), dir, "subscriptions")).toBe("../node_modules/hookops/schemas/subscriptions.schema.json");
    expect(schemaRef(path.join(dir, "hookops.yaml"), dir, "hookops", "https://example.com/hookops/schemas/")).toBe(
      "https://example.com/hookops/schemas/hookops.schema.json",
    );
    const elsewhere = await tempDir();
    expect(schemaRef(path.join(elsewhere, "hookops.yaml"), elsewhere, "hookops")).toBeUndefined();
    expect(schemaRef(path.resolve("examples/exported/hooks/website.yaml"), path.resolve("examples/exported"), "subscriptions")).toBe(
      "../../../schemas/subscriptions.schema.json",
    );
  });
});

describe("organization-wide subscriptions in an export", () => {
  it("are written to their own file with organizationWide: true, and plan then finds nothing to change", async () => {
    const dir = await tempDir();
    await seedEmulatorState(dir, (emulator) => {
      seedTwoProjects(emulator);
      emulator.state.insert({
        publisherId: "tfs",
        eventType: "workitem.updated",
        resourceVersion: "1.0",
        consumerId: "webHooks",
        consumerActionId: "httpRequest",
        publisherInputs: {},
        consumerInputs: { url: "https://org.example.com/work-items" },
      });
    });
    const exported = await runExport({ org: "emulator", out: dir, env: {}, cwd: dir });
    expect(exported.written.map((file) => file.path)).toContain("hooks/organization-wide.yaml");
    const text = await readFile(path.join(dir, "hooks", "organization-wide.yaml"), "utf8");
    expect(text).toContain("organizationWide: true");
    expect(text).not.toContain("project:");
    const run = await planRepository({
      dir,
      cwd: dir,
      org: "emulator",
      env: { HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD: "s3cr3t-pa55" },
    });
    if (!isPlanRun(run)) throw new Error(`the exported repository is invalid: ${JSON.stringify(run.load.findings)}`);
    onTestFinished(() => run.connection.close());
    expect(run.plan.changes.map((change) => `${change.action} ${change.name}`)).toEqual([]);
    expect(run.plan.refusals).toEqual([]);
  });
});
