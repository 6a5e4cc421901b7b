// action.yml and the example workflows agree with each other and with what the bundle reads.
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const ROOT = new URL("../../", import.meta.url);

interface ActionMetadata {
  runs: { using: string; main: string };
  branding: { icon: string; color: string };
  inputs: Record<string, { description?: string; default?: string }>;
  outputs: Record<string, { description?: string }>;
}

interface WorkflowStep {
  uses?: string;
  id?: string;
  with?: Record<string, unknown>;
  run?: string;
  if?: string;
}

interface WorkflowJob {
  permissions?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress"?: boolean };
  steps: WorkflowStep[];
  if?: string;
}

interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, WorkflowJob>;
}

async function yamlFile<T>(relative: string): Promise<T> {
  return parse(await readFile(new URL(relative, ROOT), "utf8")) as T;
}

const metadata = await yamlFile<ActionMetadata>("action.yml");

describe("action.yml", () => {
  it("runs the committed bundle on node24, with the inputs and outputs the product lists, each described", () => {
    expect(metadata.runs).toEqual({ using: "node24", main: "dist/index.js" });
    expect(metadata.branding.icon).not.toBe("");
    expect(Object.keys(metadata.inputs).sort()).toEqual(
      [
        "all",
        "azure-client-id",
        "azure-tenant-id",
        "command",
        "comment",
        "detailed-exitcode",
        "github-token",
        "issue",
        "max-failure-rate",
        "organization",
        "path",
        "since",
        "token",
      ].sort(),
    );
    expect(Object.keys(metadata.outputs).sort()).toEqual(["creates", "deletes", "failing", "has-changes", "plan-json", "unhealthy", "updates"]);
    for (const entry of [...Object.values(metadata.inputs), ...Object.values(metadata.outputs)]) expect(entry.description?.length).toBeGreaterThan(10);
  });
});

describe("example workflows", () => {
  const hookopsSteps = (workflow: Workflow): WorkflowStep[] =>
    Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.uses?.startsWith("hookops/hookops@") === true));

  it.each(["examples/workflows/hookops.yml", "examples/workflows/drift.yml"])("%s uses only inputs and outputs action.yml declares", async (file) => {
    const workflow = await yamlFile<Workflow>(file);
    const steps = hookopsSteps(workflow);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) for (const input of Object.keys(step.with ?? {})) expect(Object.keys(metadata.inputs)).toContain(input);
    const text = await readFile(new URL(file, ROOT), "utf8");
    for (const [, output] of text.matchAll(/steps\.\w+\.outputs\.([\w-]+)/g)) expect(Object.keys(metadata.outputs)).toContain(output);
  });

  it("plans on pull requests and applies on main with least permissions, one apply per organization at a time", async () => {
    const workflow = await yamlFile<Workflow>("examples/workflows/hookops.yml");
    expect(Object.keys(workflow.on).sort()).toEqual(["pull_request", "push", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({});
    const { plan, apply } = workflow.jobs;
    expect(plan?.permissions).toEqual({ contents: "read", "pull-requests": "write", "id-token": "write" });
    expect(apply?.permissions).toEqual({ contents: "read", "id-token": "write" });
    expect(apply?.concurrency).toEqual({ group: "hookops-apply-${{ vars.AZURE_DEVOPS_ORG || github.repository }}", "cancel-in-progress": false });
    expect(hookopsSteps(workflow).map((step) => [step.with?.command, step.with?.["azure-client-id"], step.with?.["azure-tenant-id"]])).toEqual([
      ["plan", "${{ vars.AZURE_CLIENT_ID }}", "${{ vars.AZURE_TENANT_ID }}"],
      ["apply", "${{ vars.AZURE_CLIENT_ID }}", "${{ vars.AZURE_TENANT_ID }}"],
    ]);
  });

  it("the drift check runs status on a schedule, keeps one issue and fails on drift or unhealthy hooks", async () => {
    const workflow = await yamlFile<Workflow>("examples/workflows/drift.yml");
    expect(Object.keys(workflow.on)).toContain("schedule");
    expect(workflow.permissions).toMatchObject({ issues: "write" });
    expect(hookopsSteps(workflow)[0]?.with).toMatchObject({ command: "status", issue: true, "detailed-exitcode": true });
  });
});
