import { afterEach, describe, expect, it } from "vitest";
import { BASE_CONFIG, createdIds, hookops, makeRepo, startOrganization, webhook, type Organization, type Repo } from "./helpers.js";

const SECRET = "Zq9-website-hook-password-e2e";
const PLATFORM_ID = "d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73";
const MOBILE_ID = "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

const ciFailed = (inputs: Record<string, string> = {}) =>
  webhook("website-ci-failed", "https://alerts.example/build", {
    consumerInputs: { url: "https://alerts.example/build", basicAuthUsername: "ado", basicAuthPassword: "${env:WEBSITE_HOOK_PASSWORD}", ...inputs },
  });
const review = (url: string) =>
  webhook("review", url, {
    projects: ["WebSite", "Mobile"],
    project: undefined,
    eventType: "git.pullrequest.created",
    resourceVersion: "1.0-preview.1",
    publisherInputs: {},
  });
const deployments = (url = "https://deploy.example/done", pin: Record<string, string> = {}) =>
  webhook("platform-deployed", url, {
    project: "Platform",
    eventType: "ms.vss-release.deployment-completed-event",
    resourceVersion: "3.0-preview.1",
    publisherInputs: { releaseEnvironmentStatus: "4" },
    ...pin,
  });

describe("plan and apply against an organization", () => {
  it("creates, converges, updates in place and replaces, without ever showing a secret", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [ciFailed(), review("https://review.example/pr"), deployments()]);
    const env = { ...org.env, WEBSITE_HOOK_PASSWORD: SECRET };
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env });
    const outputs: string[] = [];
    const record = async (args: string[]) => {
      const result = await run(args);
      outputs.push(result.stdout, result.stderr);
      return result;
    };

    const plan = await record(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("+ website-ci-failed (WebSite) will be created");
    expect(plan.stdout).toContain("+ consumerInputs.basicAuthPassword = (sensitive value)");
    expect(plan.stdout).toContain("+ review@WebSite (WebSite) will be created");
    expect(plan.stdout).toContain("+ review@Mobile (Mobile) will be created");
    expect(plan.stdout).toContain("Plan: 4 to create, 0 to update, 0 to replace, 0 to delete.");
    expect((await record(["plan"])).code).toBe(0);

    const apply = await record(["apply", "--auto-approve"]);
    expect(apply.stderr).toBe("");
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/^\+ created website-ci-failed \(WebSite\) [0-9a-f-]{36}$/m);
    expect(apply.stdout).toContain("Apply complete: 4 changed, 0 failed, 0 skipped.");
    const { state } = org.emulator;
    const stored = state.subscriptions();
    expect(stored.map((subscription) => subscription.id).sort()).toEqual(createdIds(apply.stdout).sort());
    const byUrl = (url: string) => stored.filter((subscription) => subscription.consumerInputs.url === url);
    expect(byUrl("https://alerts.example/build")[0]?.consumerInputs.basicAuthPassword).toBe(SECRET);
    expect(
      byUrl("https://review.example/pr")
        .map((subscription) => subscription.publisherInputs.projectId)
        .sort(),
    ).toEqual([MOBILE_ID, "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51"].sort());
    expect(byUrl("https://deploy.example/done")[0]).toMatchObject({ host: "release", publisherId: "rm", publisherInputs: { projectId: PLATFORM_ID } });

    const noop = await record(["plan", "--detailed-exitcode"]);
    expect(noop.code).toBe(0);
    expect(noop.stdout).toContain("(4 subscriptions already up to date)");
    expect(noop.stdout.trimEnd().split("\n").at(-1)).toBe("No changes. Live subscriptions match the configuration.");

    // A non-key field: updated in place, and the PUT carries the real password (the emulator rejects the mask).
    // A new url for a subscription pinned by id: replaced, on the release host, new one first.
    const ciId = byUrl("https://alerts.example/build")[0]!.id;
    const deployId = byUrl("https://deploy.example/done")[0]!.id;
    await repo.writeHooks([
      ciFailed({ messagesToSend: "none" }),
      review("https://review.example/pr"),
      deployments("https://deploy.example/v2", { id: deployId }),
    ]);
    const changed = await record(["plan", "--detailed-exitcode"]);
    expect(changed.code).toBe(2);
    expect(changed.stdout).toContain("~ website-ci-failed (WebSite) will be updated in place");
    expect(changed.stdout).toContain("-/+ platform-deployed (Platform) must be replaced");
    expect(changed.stdout).toContain("Plan: 0 to create, 1 to update, 1 to replace, 0 to delete.");
    const second = await record(["apply", "--auto-approve"]);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`^~ updated website-ci-failed \\(WebSite\\) ${ciId}$`, "m"));
    expect(second.stdout).toMatch(new RegExp(`^-/\\+ replaced platform-deployed \\(Platform\\) ${deployId} -> [0-9a-f-]{36}$`, "m"));
    expect(state.get(ciId)?.consumerInputs).toMatchObject({ messagesToSend: "none", basicAuthPassword: SECRET });
    expect(state.get(deployId)).toBeUndefined();
    expect(state.subscriptions().find((subscription) => subscription.consumerInputs.url === "https://deploy.example/v2")).toMatchObject({ host: "release" });
    expect(state.subscriptions()).toHaveLength(4);
    // The pin names the old id: drop it, as export would write the new one.
    await repo.writeHooks([ciFailed({ messagesToSend: "none" }), review("https://review.example/pr"), deployments("https://deploy.example/v2")]);

    const json = await record(["plan", "--json", "--detailed-exitcode"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ formatVersion: 1, changes: [], noop: 4 });
    for (const output of outputs) expect(output).not.toContain(SECRET);
  });

  it("maps enabled: false to disabledByUser and repairs an unhealthy subscription in place", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [webhook("muted", "https://muted.example/hook", { enabled: false }), webhook("busy", "https://busy.example/hook")]);
    const run = (args: string[]) => hookops([...args, "--org", org!.org], { cwd: repo!.dir, env: org!.env });
    expect((await run(["apply", "--auto-approve"])).code).toBe(0);
    const { state } = org.emulator;
    const status = (url: string) => state.subscriptions().find((subscription) => subscription.consumerInputs.url === url);
    expect(status("https://muted.example/hook")?.status).toBe("disabledByUser");
    const busy = status("https://busy.example/hook")!;
    expect(busy.status).toBe("enabled");

    state.setStatus(busy.id, "onProbation", { probationRetries: 2 });
    const plan = await run(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain("~ busy (WebSite) will be repaired");
    expect(plan.stdout).toContain("# repair: onProbation -> enabled (2 probation retries)");
    expect(plan.stdout).toContain("Unhealthy subscriptions (events are being lost):");
    const apply = await run(["apply", "--auto-approve"]);
    expect(apply.code).toBe(0);
    // The service keeps a subscription on probation through a PUT (R6): apply sees that on its GET and replaces it.
    const replaced = new RegExp(`^~ repaired busy \\(WebSite\\) ${busy.id} -> ([0-9a-f-]{36})$`, "m").exec(apply.stdout);
    expect(replaced, apply.stdout).not.toBeNull();
    expect(apply.stdout).toContain("replaced: PUT left it onProbation");
    expect(state.get(busy.id)).toBeUndefined();
    expect(state.get(replaced?.[1] ?? "")?.status).toBe("enabled");
    expect((await run(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});
