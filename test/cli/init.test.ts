// `hookops init`: a repo that validates, every file only when nothing is there yet.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { repo, runCli } from "./helpers.js";

describe("hookops init", () => {
  it("scaffolds a repo that validates, with one example per common consumer", async () => {
    const root = await repo({});
    const init = await runCli(["init", "hooks-repo", "--ci", "github", "--org", "fabrikam"], { cwd: root });
    expect(init.code).toBe(0);
    expect(init.stdout.replace(root, "<root>")).toMatchInlineSnapshot(`
      "Initialized a hookops repository in <root>/hooks-repo:
        created hooks-repo/hookops.yaml
        created hooks-repo/hooks/webhooks.yaml
        created hooks-repo/hooks/slack.yaml
        created hooks-repo/hooks/teams.yaml
        created hooks-repo/hooks/storage-queue.yaml
        created hooks-repo/hooks/service-bus.yaml
        created hooks-repo/.gitignore
        created hooks-repo/.github/workflows/hookops.yml

      Next:
        1. Set your project in the files under hooks-repo/hooks; delete the examples you do not need.
        2. hookops validate hooks-repo — check the files (offline).
        3. hookops plan hooks-repo --org emulator — try the plan against the built-in emulator.
        The examples read secrets from WEBHOOK_PASSWORD, SLACK_WEBHOOK_URL, TEAMS_WEBHOOK_URL, STORAGE_ACCOUNT_KEY, SERVICE_BUS_CONNECTION_STRING.
      "
    `);
    const dir = path.join(root, "hooks-repo");
    expect(await readFile(path.join(dir, ".gitignore"), "utf8")).toContain(".hookops/");
    expect(parse(await readFile(path.join(dir, "hookops.yaml"), "utf8"))).toMatchObject({ organization: "fabrikam" });
    const consumers = [];
    for (const file of ["webhooks", "slack", "teams", "storage-queue", "service-bus"]) {
      const content = parse(await readFile(path.join(dir, "hooks", `${file}.yaml`), "utf8")) as { subscriptions: { consumerId: string }[] };
      consumers.push(...content.subscriptions.map((subscription) => subscription.consumerId));
    }
    expect(consumers).toEqual(["webHooks", "slack", "teams", "azureStorageQueue", "azureServiceBus"]);
    const workflow = parse(await readFile(path.join(dir, ".github/workflows/hookops.yml"), "utf8")) as { jobs: Record<string, unknown> };
    expect(Object.keys(workflow.jobs)).toEqual(["plan", "apply"]);

    const validate = await runCli(["validate", "hooks-repo", "--json"], { cwd: root });
    expect(validate.code, validate.stdout).toBe(0);
    const report = JSON.parse(validate.stdout) as { valid: boolean; subscriptions: number; findings: { severity: string; rule: string }[] };
    expect(report).toMatchObject({ valid: true, subscriptions: 5 });
    // Only the secrets the examples read from the environment are missing here.
    expect(new Set(report.findings.map((finding) => `${finding.severity} ${finding.rule}`))).toEqual(new Set(["warning unset-reference"]));
  });

  it("writes an Azure Pipelines definition that parses", async () => {
    const root = await repo({});
    expect((await runCli(["init", "--ci", "azure-pipelines"], { cwd: root })).code).toBe(0);
    const pipeline = parse(await readFile(path.join(root, "azure-pipelines.yml"), "utf8")) as { steps: { script?: string }[] };
    expect(pipeline.steps.map((step) => step.script).filter((script) => script !== undefined)).toEqual([
      "npm install --global hookops",
      "hookops validate .",
      "hookops plan . --no-color",
      "hookops apply . --auto-approve --no-color",
    ]);
  });

  it("never overwrites a file, and says what it skipped", async () => {
    const root = await repo({ "hookops.yaml": "organization: mine\n", ".gitignore": "node_modules/\n" });
    const init = await runCli(["init"], { cwd: root });
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("  skipped hookops.yaml (it exists; left as it is)");
    expect(init.stdout).toContain("  skipped .gitignore (it exists; left as it is)");
    expect(init.stdout).toContain("Make sure .gitignore lists .hookops/");
    expect(init.stdout).toContain("  created hooks/slack.yaml");
    expect(await readFile(path.join(root, "hookops.yaml"), "utf8")).toBe("organization: mine\n");
    await writeFile(path.join(root, "hooks/slack.yaml"), "# mine\n");
    const again = await runCli(["init"], { cwd: root });
    expect(again.stdout).not.toContain("created");
    expect(await readFile(path.join(root, "hooks/slack.yaml"), "utf8")).toBe("# mine\n");
  });

  it("refuses an unknown --ci", async () => {
    const root = await repo({});
    const run = await runCli(["init", "--ci", "jenkins"], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("Allowed choices are github, azure-pipelines");
  });
});
