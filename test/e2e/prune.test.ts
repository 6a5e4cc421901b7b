import { afterEach, describe, expect, it } from "vitest";
import type { SubscriptionBody } from "../../src/ado/index.js";
import { DEFAULT_USER, SEEDED_PROJECTS } from "../../src/emulator/index.js";
import { BASE_CONFIG, hookops, makeRepo, startOrganization, webhook, type Organization, type Repo } from "./helpers.js";

const [WEBSITE, MOBILE] = SEEDED_PROJECTS;
const SOMEONE_ELSE = { id: "0e7a5c1d-5555-4a4a-9b9b-000000000042", displayName: "Someone Else", uniqueName: "someone@fabrikam.example" };

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

function handMade(url: string, projectId = WEBSITE!.id): SubscriptionBody {
  return {
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    publisherInputs: { projectId, buildStatus: "Failed" },
    consumerInputs: { url },
  };
}

describe("pruning", () => {
  it("deletes only inside the scope, never protected or others' subscriptions, and not past maxDeletes without --allow-deletes", async () => {
    org = await startOrganization();
    const { state } = org.emulator;
    const stale1 = state.insert(handMade("https://old.example/one"), { createdBy: DEFAULT_USER });
    const stale2 = state.insert(handMade("https://old.example/two"), { createdBy: DEFAULT_USER });
    const others = state.insert(handMade("https://others.example/hook"), { createdBy: SOMEONE_ELSE });
    const otherProject = state.insert(handMade("https://old.example/mobile", MOBILE!.id), { createdBy: DEFAULT_USER });
    const guarded = state.insert(handMade("https://protected.example/hook"), { createdBy: DEFAULT_USER });
    repo = await makeRepo(
      {
        ...BASE_CONFIG,
        prune: { enabled: true, scope: { projects: ["WebSite"], createdBy: "self" }, maxDeletes: 1 },
        protect: [{ url: "https://protected.example/*" }],
      },
      [webhook("kept", "https://kept.example/hook")],
    );
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });

    const plan = await run(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stdout).toContain("Apply will refuse this plan:");
    expect(plan.stdout).toMatch(/maxDeletes/);

    const refused = await run(["apply", "--auto-approve"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: the plan is refused, so nothing was changed:\n {2}- /);
    expect(refused.stderr).not.toMatch(/^\s+at /m);
    expect(state.subscriptions()).toHaveLength(5);

    const allowed = await run(["plan", "--allow-deletes", "2", "--detailed-exitcode"]);
    expect(allowed.code).toBe(2);
    expect(allowed.stdout).toContain("Plan: 1 to create, 0 to update, 0 to replace, 2 to delete.");
    expect(allowed.stdout).toContain("- build.complete -> webHooks (old.example) (WebSite) will be deleted");

    const apply = await run(["apply", "--auto-approve", "--allow-deletes", "2"]);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toContain(`- deleted build.complete -> webHooks (old.example) (WebSite) ${stale1.id}`);
    expect(apply.stdout).toContain(`- deleted build.complete -> webHooks (old.example) (WebSite) ${stale2.id}`);
    // Deletes come last.
    expect(apply.stdout.indexOf("+ created kept")).toBeLessThan(apply.stdout.indexOf("- deleted"));
    const remaining = state.subscriptions().map((subscription) => subscription.id);
    expect(remaining).toEqual(expect.arrayContaining([others.id, otherProject.id, guarded.id]));
    expect(remaining).not.toContain(stale1.id);
    expect(remaining).not.toContain(stale2.id);
    expect(remaining).toHaveLength(4);

    const after = await run(["plan", "--detailed-exitcode"]);
    expect(after.code).toBe(0);
    expect(after.stdout).toContain("No changes.");
  });
});
