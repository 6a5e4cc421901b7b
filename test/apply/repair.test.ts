import { afterEach, describe, expect, it } from "vitest";
import type { ApplyReport, ExecuteOptions } from "../../src/apply/index.js";
import type { PlannedChange } from "../../src/reconcile/index.js";
import { applyChanges, plannedChange, startHarness, webhookBody, resolverFor, type Harness } from "./helpers.js";

// R6: a PUT with status enabled re-enables a disabled subscription, but an onProbation one stays on
// probation, although the PUT's own answer may say "enabled". The emulator plays that by default
// (putClearsProbation: false); the proxy-based tests play it whatever the emulator does.

const GET_ONE = "GET /_apis/hooks/subscriptions/{subscriptionId}";
const POST = "POST /_apis/hooks/subscriptions";
const DELETE = "DELETE /_apis/hooks/subscriptions/{subscriptionId}";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

function options(h: Harness): ExecuteOptions {
  return {
    client: h.client,
    desired: [],
    resolve: resolverFor({}),
    existingIds: new Set(h.emulator.state.subscriptions().map((subscription) => subscription.id)),
  };
}

/** A live subscription in `status`, and the repair the planner would make of it. */
function unhealthy(h: Harness, status: "onProbation" | "disabledBySystem", mayRecreate: boolean) {
  const live = h.emulator.state.insert(webhookBody("https://p.example/hook"));
  h.emulator.state.setStatus(live.id, status, status === "onProbation" ? { probationRetries: 2 } : {});
  const change = plannedChange("repair", "probation", { liveId: live.id, body: webhookBody("https://p.example/hook"), mayRecreate, liveStatus: status });
  return { live, change };
}

function stored(h: Harness): [string, string | undefined][] {
  return h.emulator.state.subscriptions().map((subscription) => [subscription.id, subscription.status]);
}

async function repairOnce(h: Harness, change: PlannedChange): Promise<ApplyReport["results"][number]> {
  const report = await applyChanges([change], options(h));
  return report.results[0]!;
}

describe("repair of an unhealthy subscription", () => {
  it("re-enables a disabledBySystem subscription in place: PUT, then a GET that confirms it", async () => {
    harness = await startHarness({ proxy: true });
    const { live, change } = unhealthy(harness, "disabledBySystem", true);
    const result = await repairOnce(harness, change);
    expect(result).toMatchObject({ outcome: "succeeded", liveId: live.id, notes: ["repaired by PUT: the service reports it enabled"] });
    expect(harness.proxy?.arrived.map((line) => line.replace(live.id, "{id}"))).toEqual([
      "PUT /fabrikam/_apis/hooks/subscriptions/{id}",
      "GET /fabrikam/_apis/hooks/subscriptions/{id}",
    ]);
    expect(stored(harness)).toEqual([[live.id, "enabled"]]);
  });

  it("replaces an onProbation subscription the PUT left on probation, although the PUT answered enabled", async () => {
    const putAnswers: unknown[] = [];
    harness = await startHarness({
      putClearsProbation: false,
      rewrite: (method, _path, body) => {
        if (method === "PUT") putAnswers.push((body as { status?: unknown }).status);
        return body;
      },
    });
    const { live, change } = unhealthy(harness, "onProbation", true);
    const result = await repairOnce(harness, change);
    expect(putAnswers).toEqual(["enabled"]);
    expect(result.outcome).toBe("succeeded");
    expect(result.liveId).not.toBe(live.id);
    expect(result.notes).toEqual(["replaced: PUT left it onProbation"]);
    expect(stored(harness)).toEqual([[result.liveId, "enabled"]]);
    expect(harness.emulator.counters()[POST]).toBe(1);
  });

  it("trusts the GET, not the PUT's answer: with a service that clears probation on PUT, the PUT is enough", async () => {
    harness = await startHarness({ putClearsProbation: true });
    const { live, change } = unhealthy(harness, "onProbation", true);
    const result = await repairOnce(harness, change);
    expect(result).toMatchObject({ outcome: "succeeded", liveId: live.id, notes: ["repaired by PUT: the service reports it enabled"] });
    expect(harness.emulator.counters()[POST]).toBeUndefined();
  });

  it("replaces it whatever the emulator does when the service keeps it on probation (played by a proxy)", async () => {
    let probationId = "";
    harness = await startHarness({
      putClearsProbation: true,
      rewrite: (method, path, body) =>
        method === "GET" && path.endsWith(`/subscriptions/${probationId}`) ? { ...(body as object), status: "onProbation" } : body,
    });
    const { live, change } = unhealthy(harness, "onProbation", true);
    probationId = live.id;
    const result = await repairOnce(harness, change);
    expect(result).toMatchObject({ outcome: "succeeded", notes: ["replaced: PUT left it onProbation"] });
    expect(stored(harness)).toEqual([[result.liveId, "enabled"]]);
  });

  it("never deletes what the delete rule protects: fails, changes nothing more, and says what to do", async () => {
    harness = await startHarness({ putClearsProbation: false });
    const { live, change } = unhealthy(harness, "onProbation", false);
    const result = await repairOnce(harness, change);
    expect(result.outcome).toBe("failed");
    expect(result.liveId).toBe(live.id);
    expect(result.message).toMatch(
      /^PUT left it onProbation: the service does not take a subscription off probation through an update, and the delete rule \(prune\.scope, protect\) does not allow replacing it/,
    );
    expect(result.message).toContain(`bring ${live.id} inside prune.scope`);
    expect(result.message).toContain("delete it by hand and apply again");
    expect(result.notes).toEqual([`nothing else was changed: ${live.id} is still onProbation`]);
    expect(stored(harness)).toEqual([[live.id, "onProbation"]]);
    expect(harness.emulator.counters()[POST]).toBeUndefined();
    expect(harness.emulator.counters()[DELETE]).toBeUndefined();
  });

  it("keeps the old one when creating the replacement fails, and converges when applied again", async () => {
    harness = await startHarness({ putClearsProbation: false, faults: { failNext: [{ status: 400, count: 1, route: POST }] } });
    const { live, change } = unhealthy(harness, "onProbation", true);
    const failed = await repairOnce(harness, change);
    expect(failed).toMatchObject({ outcome: "failed", liveId: live.id, notes: [`${live.id} was kept (still onProbation); no replacement was made`] });
    expect(failed.message).toMatch(/^PUT left it onProbation, and creating its replacement failed: POST .* HTTP 400/);
    expect(stored(harness)).toEqual([[live.id, "onProbation"]]);

    const again = await repairOnce(harness, change);
    expect(again).toMatchObject({ outcome: "succeeded", notes: ["replaced: PUT left it onProbation"] });
    expect(stored(harness)).toEqual([[again.liveId, "enabled"]]);
  });

  it("reports both subscriptions when deleting the old one fails", async () => {
    harness = await startHarness({ putClearsProbation: false, faults: { failNext: [{ status: 400, count: 1, route: DELETE }] } });
    const { live, change } = unhealthy(harness, "onProbation", true);
    const result = await repairOnce(harness, change);
    expect(result.outcome).toBe("failed");
    expect(result.message).toMatch(new RegExp(`^PUT left it onProbation; created ${result.liveId}, but deleting the old subscription failed: `));
    expect(result.notes).toEqual([
      `the old subscription ${live.id} still exists next to the new one; delete it by hand, or apply again to remove the duplicate`,
    ]);
    expect(stored(harness).sort()).toEqual(
      [
        [live.id, "onProbation"],
        [result.liveId, "enabled"],
      ].sort(),
    );
  });

  it("says the status is unknown when reading it back fails, and sends nothing more", async () => {
    harness = await startHarness({ putClearsProbation: false, faults: { failNext: [{ status: 400, count: 1, route: GET_ONE }] } });
    const { live, change } = unhealthy(harness, "onProbation", true);
    const result = await repairOnce(harness, change);
    expect(result).toMatchObject({
      outcome: "failed",
      liveId: live.id,
      notes: ["the PUT was accepted; nothing else was changed — run `hookops plan` to see its status"],
    });
    expect(result.message).toMatch(new RegExp(`^reading ${live.id} back after the PUT failed, so its status is unknown: `));
    expect(harness.emulator.counters()[POST]).toBeUndefined();
  });

  it("recovers a replacement whose create answer was lost by listing, never by sending it again", async () => {
    harness = await startHarness({ putClearsProbation: false, faults: { dropPostResponseRate: 1 } });
    const { live, change } = unhealthy(harness, "onProbation", true);
    const result = await repairOnce(harness, change);
    expect(result.outcome).toBe("succeeded");
    expect(result.notes).toEqual([
      "replaced: PUT left it onProbation",
      "the answer to the create was lost or unreadable; the subscription it made was found by listing again",
    ]);
    expect(harness.emulator.counters()[POST]).toBe(1);
    expect(stored(harness)).toEqual([[result.liveId, "enabled"]]);
    expect(result.liveId).not.toBe(live.id);
  });
});
