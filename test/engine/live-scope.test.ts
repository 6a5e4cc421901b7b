// Reading at the size of real organizations (REAL-SERVICE.md R1): plan lists the managed projects
// with subscriptionsquery, and the organization-wide list only where the scope is the whole org.
import { afterEach, describe, expect, it } from "vitest";
import { applyRepository } from "../../src/engine/apply.js";
import { isPlanRun, planRepository } from "../../src/engine/plan.js";
import { IncompleteListingError, runExport } from "../../src/engine/export.js";
import { webhookBody } from "../apply/helpers.js";
import { BASE_CONFIG, makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";

const PLATFORM = "d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73";
const MOBILE = "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62";

/** The webhook the e2e helper declares (build.complete, Failed), live in this project. */
const body = (projectId: string, url: string) => webhookBody(url, { publisherInputs: { projectId, buildStatus: "Failed" }, consumerInputs: { url } });

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

const listingRequests = (counters: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(counters)
      .filter(([route]) => route.includes("/hooks/subscriptions"))
      .sort(([a], [b]) => a.localeCompare(b)),
  );

describe("reading live state by project", () => {
  it("queries each managed project once per host and never lists the whole organization", async () => {
    org = await startOrganization();
    org.emulator.state.insert(body(MOBILE, "https://mobile.example.com/hook"));
    repo = await makeRepo(BASE_CONFIG, [
      webhook("site", "https://site.example.com/hook"),
      webhook("platform", "https://platform.example.com/hook", { project: "Platform" }),
    ]);
    org.emulator.resetCounters();
    const run = await planRepository({ dir: repo.dir, org: org.org, env: org.env });
    if (!isPlanRun(run)) throw new Error("expected a plan");
    await run.connection.close();
    expect(listingRequests(org.emulator.counters())).toEqual({
      "POST /_apis/hooks/subscriptionsquery": 2,
      "POST /vsrm/_apis/hooks/subscriptionsquery": 2,
    });
    expect(run.live.listings.map((listing) => [listing.host, listing.projectName, listing.count]).sort()).toEqual([
      ["default", "Platform", 0],
      ["default", "WebSite", 0],
      ["release", "Platform", 0],
      ["release", "WebSite", 0],
    ]);
    // Mobile is not managed: its subscription is neither read nor listed as unmanaged.
    expect(run.live.subscriptions).toEqual([]);
    expect(run.plan.changes.map((change) => change.action)).toEqual(["create", "create"]);
  });

  it("plans against a 10,000-subscription organization whose full list answers too slowly", async () => {
    // 1 ms per subscription: the organization-wide list would hold its headers for 10 s.
    org = await startOrganization({ faults: { listDelay: { msPerItem: 1 } } });
    for (let index = 0; index < 10_000; index++) org.emulator.state.insert(body(PLATFORM, `https://platform.example.com/hook/${index}`));
    const existing = org.emulator.state.insert(body("b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51", "https://site.example.com/hook"));
    repo = await makeRepo(BASE_CONFIG, [
      webhook("site", "https://site.example.com/hook"),
      webhook("new", "https://site.example.com/new", { publisherInputs: { buildStatus: "Succeeded" } }),
    ]);

    const startedAt = Date.now();
    const run = await planRepository({ dir: repo.dir, org: org.org, env: org.env, listTimeoutMs: 2000 });
    if (!isPlanRun(run)) throw new Error("expected a plan");
    await run.connection.close();
    expect(Date.now() - startedAt).toBeLessThan(5000);
    expect(run.plan.refusals).toEqual([]);
    expect(run.live.subscriptions.map((subscription) => subscription.id)).toEqual([existing.id]);
    expect(run.plan.changes.map((change) => [change.action, change.name])).toEqual([["create", "new"]]);

    // Export reads the whole organization: with the same timeout the slow list is refused, not taken
    // for empty, and not asked again (that would only repeat the wait).
    const exportStartedAt = Date.now();
    await expect(runExport({ org: org.org, env: org.env, out: `${repo.dir}/export`, listTimeoutMs: 2000, force: true })).rejects.toThrow(
      IncompleteListingError,
    );
    expect(Date.now() - exportStartedAt).toBeLessThan(6000);
  }, 60_000);

  it("finds a pinned subscription that lives outside the managed projects with one GET", async () => {
    org = await startOrganization();
    const elsewhere = org.emulator.state.insert(body(MOBILE, "https://site.example.com/hook"));
    repo = await makeRepo(BASE_CONFIG, [webhook("site", "https://site.example.com/hook", { id: elsewhere.id })]);
    org.emulator.resetCounters();
    const run = await planRepository({ dir: repo.dir, org: org.org, env: org.env });
    if (!isPlanRun(run)) throw new Error("expected a plan");
    await run.connection.close();
    expect(org.emulator.counters()["GET /_apis/hooks/subscriptions/{subscriptionId}"]).toBe(1);
    // Moving it needs a replace, which the delete rule decides about; what matters is that it is not created twice.
    expect(run.plan.changes.filter((change) => change.action === "create")).toEqual([]);
    expect(run.live.subscriptions.map((subscription) => subscription.id)).toContain(elsewhere.id);
  });

  it("refuses rather than re-creates a pinned subscription whose GET failed", async () => {
    org = await startOrganization();
    const elsewhere = org.emulator.state.insert(body(MOBILE, "https://site.example.com/hook"));
    repo = await makeRepo(BASE_CONFIG, [webhook("site", "https://site.example.com/hook", { id: elsewhere.id })]);
    org.emulator.setFaults({ failNext: [{ status: 503, count: 1000, route: "GET /_apis/hooks/subscriptions/{subscriptionId}" }] });
    const run = await applyRepository({ dir: repo.dir, org: org.org, env: org.env, transport: { retry: { maxRetries: 0 } } });
    expect(run.kind).toBe("refused");
    if (run.kind !== "refused") return;
    expect(run.reasons.join("\n")).toContain(`reading pinned subscription ${elsewhere.id} failed`);
    expect(org.emulator.state.subscriptions().map((subscription) => subscription.id)).toEqual([elsewhere.id]);
  });

  it("withholds only the changes of a project whose query failed, and converges once it answers", async () => {
    org = await startOrganization();
    repo = await makeRepo(BASE_CONFIG, [
      webhook("site", "https://site.example.com/hook"),
      webhook("platform", "https://platform.example.com/hook", { project: "Platform" }),
    ]);
    // Every query answers 503: Platform and WebSite both stay unread, so nothing is created.
    org.emulator.setFaults({ failNext: [{ status: 503, count: 1000, route: "POST /_apis/hooks/subscriptionsquery" }] });
    const refused = await applyRepository({ dir: repo.dir, org: org.org, env: org.env, transport: { retry: { maxRetries: 0 } } });
    expect(refused.kind).toBe("refused");
    if (refused.kind !== "refused") return;
    expect(refused.reasons.join("\n")).toMatch(/project (WebSite|Platform) on the default host/);
    expect(org.emulator.state.subscriptions()).toEqual([]);

    org.emulator.setFaults({});
    const applied = await applyRepository({ dir: repo.dir, org: org.org, env: org.env });
    expect(applied.kind).toBe("applied");
    expect(
      org.emulator.state
        .subscriptions()
        .map((subscription) => subscription.consumerInputs.url)
        .sort(),
    ).toEqual(["https://platform.example.com/hook", "https://site.example.com/hook"]);
  });
});

describe("the api-version from hookops.yaml", () => {
  it("is the one every call sends: a version the server does not have is refused with the one to set", async () => {
    org = await startOrganization();
    repo = await makeRepo({ ...BASE_CONFIG, apiVersion: "9.1" }, [webhook("site", "https://site.example.com/hook")]);
    await expect(planRepository({ dir: repo.dir, org: org.org, env: org.env })).rejects.toThrow(/set `apiVersion: "7\.\d"` in hookops\.yaml/);
    await repo.writeConfig({ ...BASE_CONFIG, apiVersion: "6.0" });
    const run = await planRepository({ dir: repo.dir, org: org.org, env: org.env });
    if (!isPlanRun(run)) throw new Error("expected a plan");
    await run.connection.close();
    expect(run.connection.client.apiVersion).toBe("6.0");
    expect(run.plan.changes.map((change) => change.action)).toEqual(["create"]);
  });
});
