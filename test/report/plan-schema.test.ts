// schemas/plan.schema.json describes what `plan --json` prints and `plan --out` saves: real plans
// from the emulator, with every kind of change, expansions, unhealthy and unmanaged entries, a
// saved plan and a refused one, must all validate against it.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";
import { repoRoot, runCli } from "../cli/helpers.js";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

async function planValidator() {
  const schema: unknown = JSON.parse(await readFile(path.join(repoRoot, "schemas/plan.schema.json"), "utf8"));
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat("date-time", { type: "string", validate: (value: string) => !Number.isNaN(Date.parse(value)) });
  return ajv.compile(schema as object);
}

const CONFIG = { ...BASE_CONFIG, prune: { enabled: true } };
const declarations = () => [
  webhook("updated", "https://a.example/hook"),
  webhook("replaced", "https://b.example/hook"),
  webhook("repaired", "https://c.example/hook"),
  webhook("deleted", "https://d.example/hook"),
];

describe("plan JSON schema", () => {
  it("validates plan --json and plan --out of every kind of change, with summary counts", async () => {
    const validate = await planValidator();
    org = await startOrganization();
    repo = await makeRepo(CONFIG, declarations());
    const env = org.env;
    const first = await runCli(["plan", repo.dir, "--org", org.org, "--json"], { env });
    expect(first.code).toBe(0);
    const initial: unknown = JSON.parse(first.stdout);
    expect(validate(initial), JSON.stringify(validate.errors)).toBe(true);
    expect(initial).toMatchObject({ summary: { create: 4, update: 0, replace: 0, delete: 0, repair: 0, noop: 0 } });
    expect((await runCli(["apply", repo.dir, "--org", org.org, "--auto-approve"], { env })).code).toBe(0);

    const repaired = org.emulator.state.subscriptions().find((subscription) => subscription.consumerInputs.url === "https://c.example/hook");
    org.emulator.state.setStatus(repaired?.id ?? "", "onProbation", { probationRetries: 3 });
    org.emulator.state.insert(
      {
        ...webhook("hand-made", "https://e.example/hook"),
        publisherId: "tfs",
        publisherInputs: { buildStatus: "Succeeded", projectId: org.emulator.state.projects()[0]?.id ?? "" },
      } as never,
      { createdBy: { id: "00000000-0000-4000-8000-0000000000aa", displayName: "Someone Else" } },
    );
    const idOf = (url: string) => org?.emulator.state.subscriptions().find((subscription) => subscription.consumerInputs.url === url)?.id;
    const [updated, replaced, again] = declarations() as [Record<string, unknown>, Record<string, unknown>, Record<string, unknown>];
    await repo.writeHooks([
      { ...updated, enabled: false },
      { ...replaced, id: idOf("https://b.example/hook"), eventType: "git.push", publisherInputs: {}, resourceVersion: "1.0" },
      again,
      webhook("created", "https://f.example/hook", { project: undefined, projects: ["Web*"] }),
    ]);
    const second = await runCli(["plan", repo.dir, "--org", org.org, "--json", "--out", "plan.json"], { env, cwd: repo.dir });
    expect(second.code, second.stderr).toBe(0);
    const plan = JSON.parse(second.stdout) as Record<string, unknown>;
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
    expect(plan.summary).toEqual({ create: 1, update: 1, replace: 1, delete: 1, repair: 1, noop: 0 });
    expect(plan).toHaveProperty("expansions");
    expect(plan).toHaveProperty("unhealthy.0.status", "onProbation");
    const saved: unknown = JSON.parse(await readFile(path.join(repo.dir, "plan.json"), "utf8"));
    expect(validate(saved), JSON.stringify(validate.errors)).toBe(true);
    expect(saved).toMatchObject({ summary: plan.summary, source: { config: "hookops.yaml" }, digest: expect.stringMatching(/^sha256:/) });

    await repo.writeConfig(BASE_CONFIG);
    const unpruned = JSON.parse((await runCli(["plan", repo.dir, "--org", org.org, "--json"], { env })).stdout) as Record<string, unknown>;
    expect(validate(unpruned), JSON.stringify(validate.errors)).toBe(true);
    expect(unpruned).toHaveProperty("unmanaged.0.name");
  });

  it("validates a refused plan with its error member, and rejects a plan without summary", async () => {
    const validate = await planValidator();
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("ci", "https://ci.example/hook", { publisherInputs: { definitionName: "${env:HOOKOPS_UNSET_FOR_SCHEMA}" } })]);
    const run = await runCli(["plan", repo.dir, "--org", org.org, "--json"], { env: org.env });
    expect(run.code).toBe(1);
    const plan = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
    expect(plan.error).toMatchObject({ kind: "refused" });
    const { summary: _summary, ...withoutSummary } = plan;
    expect(validate(withoutSummary)).toBe(false);
  });
});
