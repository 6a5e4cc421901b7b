import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rename, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_CONFIG, hookops, makeRepo, webhook, type Repo } from "../e2e/helpers.js";

// The CLI end to end (in-process): the point of these errors is that plan and apply refuse.
let repo: Repo | undefined;
let outside: string | undefined;
afterEach(async () => {
  await repo?.cleanup();
  if (outside) await rm(outside, { recursive: true, force: true });
  repo = undefined;
  outside = undefined;
});

describe("with prune on, a folder hookops cannot read never deletes what it declares", () => {
  it("validate, plan and apply exit 1; nothing is deleted; once readable again the plan is empty", async () => {
    repo = await makeRepo({ ...BASE_CONFIG, prune: { enabled: true, scope: { projects: ["WebSite"], createdBy: "self" } } }, [
      webhook("kept", "https://kept.example/hook"),
    ]);
    await mkdir(path.join(repo.dir, "hooks", "team"));
    await repo.writeHooks([webhook("team", "https://team.example/hook")], "team/team.yaml");
    const run = (args: string[]) => hookops([...args, "--org", "emulator", "--no-color"], { cwd: repo!.dir });

    const created = await run(["apply", "--auto-approve"]);
    expect(created.code).toBe(0);

    // The team folder moves out of the repo and a link to it takes its place.
    outside = await mkdtemp(path.join(tmpdir(), "hookops-outside-"));
    await rename(path.join(repo.dir, "hooks", "team"), path.join(outside, "team"));
    await symlink(path.join(outside, "team"), path.join(repo.dir, "hooks", "team"));
    const finding = 'hooks/team:1:1: error symlink-outside-root: "hooks/team" is a symlink to a path outside the repository root';

    const validate = await hookops(["validate", "--no-color"], { cwd: repo.dir });
    expect(validate.code).toBe(1);
    expect(validate.stdout).toContain(finding);

    const plan = await run(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(`${plan.stdout}${plan.stderr}`).toContain(finding);
    expect(`${plan.stdout}${plan.stderr}`).not.toMatch(/- delete|will be deleted/i);

    const apply = await run(["apply", "--auto-approve"]);
    expect(apply.code).toBe(1);

    // A FIFO where a file is expected refuses the same way.
    await rm(path.join(repo.dir, "hooks", "team"));
    await rename(path.join(outside, "team"), path.join(repo.dir, "hooks", "team"));
    execFileSync("mkfifo", [path.join(repo.dir, "hooks", "team", "pipe.yaml")]);
    const fifo = await run(["apply", "--auto-approve"]);
    expect(fifo.code).toBe(1);
    expect(fifo.stdout + fifo.stderr).toContain('"hooks/team/pipe.yaml" cannot be read: it is a FIFO, not a regular file');

    await rm(path.join(repo.dir, "hooks", "team", "pipe.yaml"));
    const after = await run(["plan", "--detailed-exitcode"]);
    expect(after.stdout).toContain("No changes");
    expect(after.code).toBe(0);
  });
});
