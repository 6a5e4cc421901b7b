import { afterEach, describe, expect, it } from "vitest";
import type { ApplyReport, ExecuteOptions } from "../../src/apply/index.js";
import type { SubscriptionBody } from "../../src/ado/index.js";
import { applyChanges, desiredWithSecret, plannedChange, resolverFor, startHarness, webhookBody, type Harness } from "./helpers.js";

const SECRET = "s3cret-Password-for-tests-0001";
const POST = "POST /_apis/hooks/subscriptions";

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A create/update body without the password, as the planner writes it, plus the desired subscription holding the reference. */
function managed(name: string, url: string, action: "create" | "update" | "replace" | "repair", liveId?: string, body?: SubscriptionBody) {
  const change = plannedChange(action, name, { body: body ?? webhookBody(url), secretInputs: ["basicAuthPassword"], ...(liveId ? { liveId } : {}) });
  return { change, desired: desiredWithSecret(name, url, "HOOK_PASSWORD") };
}

function options(h: Harness, desired: ExecuteOptions["desired"], extra: Partial<ExecuteOptions> = {}): ExecuteOptions {
  return {
    client: h.client,
    desired,
    resolve: resolverFor({ HOOK_PASSWORD: SECRET }),
    existingIds: new Set(h.emulator.state.subscriptions().map((subscription) => subscription.id)),
    ...extra,
  };
}

function outcomes(report: ApplyReport): string[] {
  return report.results.map((result) => `${result.change.action} ${result.change.name}: ${result.outcome}`);
}

describe("executeChanges", () => {
  it("fills secrets, runs creates, replaces and updates before deletes, and never sends the mask", async () => {
    harness = await startHarness({ proxy: true, maskedEchoMode: "reject" });
    const { state } = harness.emulator;
    const toUpdate = state.insert({
      ...webhookBody("https://u.example/hook"),
      consumerInputs: { url: "https://u.example/hook", basicAuthUsername: "ado", basicAuthPassword: "old" },
    });
    const toReplace = state.insert(webhookBody("https://r-old.example/hook"));
    const toDelete = state.insert(webhookBody("https://gone.example/hook"));
    const create = managed("created", "https://c.example/hook", "create");
    const update = managed("updated", "https://u.example/hook", "update", toUpdate.id, {
      ...webhookBody("https://u.example/hook"),
      consumerInputs: { url: "https://u.example/hook", basicAuthUsername: "ado", messagesToSend: "none" },
    });
    const replace = managed("replaced", "https://r-new.example/hook", "replace", toReplace.id);
    const remove = plannedChange("delete", "build.complete -> webHooks (gone.example)", { liveId: toDelete.id });

    const seen: string[] = [];
    const report = await applyChanges(
      [create.change, replace.change, update.change, remove],
      options(harness, [create.desired, update.desired, replace.desired], { onResult: (result) => seen.push(result.change.name) }),
    );

    expect(outcomes(report)).toEqual([
      "create created: succeeded",
      "replace replaced: succeeded",
      "update updated: succeeded",
      `delete ${remove.name}: succeeded`,
    ]);
    expect(seen.at(-1)).toBe(remove.name);
    const arrived = harness.proxy!.arrived;
    const lastWrite = Math.max(...arrived.flatMap((line, index) => (/^(POST|PUT) /.test(line) ? [index] : [])));
    const deletes = arrived.flatMap((line, index) => (line.startsWith("DELETE ") ? [index] : []));
    expect(deletes).toHaveLength(2);
    // The replace's own delete follows its create; the pruning delete comes after every write.
    expect(Math.max(...deletes)).toBeGreaterThan(lastWrite);

    const stored = state.subscriptions();
    expect(stored.map((subscription) => subscription.consumerInputs.url).sort()).toEqual([
      "https://c.example/hook",
      "https://r-new.example/hook",
      "https://u.example/hook",
    ]);
    for (const subscription of stored) expect(subscription.consumerInputs.basicAuthPassword).toBe(SECRET);
    expect(state.get(toUpdate.id)?.consumerInputs.messagesToSend).toBe("none");
    expect(state.get(toReplace.id)).toBeUndefined();
    expect(report.results[1]?.liveId).not.toBe(toReplace.id);
  });

  it("keeps going when one change fails, and reports the failure without secrets", async () => {
    harness = await startHarness();
    const create = managed("created", "https://c.example/hook", "create");
    const update = managed("vanished", "https://v.example/hook", "update", "0b5e6a8e-0000-4000-8000-000000000001");
    const report = await applyChanges([create.change, update.change], options(harness, [create.desired, update.desired]));
    expect(outcomes(report)).toEqual(["create created: succeeded", "update vanished: failed"]);
    expect(report.results[1]?.message).toMatch(/HTTP 404/);
    expect(JSON.stringify(report)).not.toContain(SECRET);
    expect(harness.emulator.state.subscriptions()).toHaveLength(1);
  });

  it("masks a secret the service echoes back in an error", async () => {
    harness = await startHarness({
      intercept: (method, _path, requestBody) => {
        if (method !== "POST") return undefined;
        const sent = JSON.parse(requestBody) as { consumerInputs: Record<string, string> };
        return {
          status: 400,
          body: { message: `input value '${sent.consumerInputs.basicAuthPassword}' is not accepted`, typeKey: "SubscriptionInputException" },
        };
      },
    });
    const create = managed("echoed", "https://e.example/hook", "create");
    const report = await applyChanges([create.change], options(harness, [create.desired]));
    expect(report.results[0]?.outcome).toBe("failed");
    expect(report.results[0]?.message).toContain("input value '********' is not accepted");
    expect(report.results[0]?.message).not.toContain(SECRET);
  });

  it("keeps at most `concurrency` changes in flight", async () => {
    harness = await startHarness({ proxy: true, faults: { latencyMs: 25 } });
    const changes = Array.from({ length: 12 }, (_, index) => plannedChange("create", `hook-${index}`, { body: webhookBody(`https://h${index}.example/hook`) }));
    const report = await applyChanges(changes, options(harness, [], { concurrency: 3 }));
    expect(report.succeeded).toBe(12);
    expect(harness.proxy!.maxInFlight()).toBe(3);
  });

  it("starts nothing new once aborted, lets changes in flight finish, and marks the rest skipped", async () => {
    harness = await startHarness({ faults: { latencyMs: 40 } });
    const controller = new AbortController();
    const changes = Array.from({ length: 8 }, (_, index) => plannedChange("create", `hook-${index}`, { body: webhookBody(`https://h${index}.example/hook`) }));
    const report = await applyChanges(changes, options(harness, [], { concurrency: 2, signal: controller.signal, onResult: () => controller.abort() }));
    expect(report).toMatchObject({ succeeded: 2, failed: 0, skipped: 6, interrupted: true });
    expect(report.results.filter((result) => result.outcome === "skipped").map((result) => result.message)).toEqual(
      Array(6).fill("not started: apply was interrupted"),
    );
    expect(harness.emulator.state.subscriptions()).toHaveLength(2);
  });
});

describe("replaces", () => {
  it("keeps the old subscription when the create fails", async () => {
    harness = await startHarness({ faults: { failNext: [{ status: 400, count: 1, route: POST }] } });
    const old = harness.emulator.state.insert(webhookBody("https://old.example/hook"));
    const replace = plannedChange("replace", "moved", { liveId: old.id, body: webhookBody("https://new.example/hook") });
    const report = await applyChanges([replace], options(harness, []));
    expect(report.results[0]).toMatchObject({ outcome: "failed", notes: [`the old subscription ${old.id} was left as it was`] });
    expect(harness.emulator.state.subscriptions().map((subscription) => subscription.id)).toEqual([old.id]);
  });

  it("reports a replace whose delete failed as failed, naming both subscriptions", async () => {
    harness = await startHarness({ faults: { failNext: [{ status: 400, count: 1, route: "DELETE /_apis/hooks/subscriptions/{subscriptionId}" }] } });
    const old = harness.emulator.state.insert(webhookBody("https://old.example/hook"));
    const replace = plannedChange("replace", "moved", { liveId: old.id, body: webhookBody("https://new.example/hook") });
    const report = await applyChanges([replace], options(harness, []));
    const result = report.results[0]!;
    expect(result.outcome).toBe("failed");
    expect(result.message).toMatch(new RegExp(`^created ${result.liveId}, but deleting the old subscription failed: `));
    expect(harness.emulator.state.subscriptions()).toHaveLength(2);
  });

  it("treats deleting a subscription that is already gone as done", async () => {
    harness = await startHarness();
    const remove = plannedChange("delete", "gone", { liveId: "0b5e6a8e-0000-4000-8000-000000000002" });
    const report = await applyChanges([remove], options(harness, []));
    expect(report.results[0]).toMatchObject({ outcome: "succeeded", notes: ["it was already gone"] });
  });
});

describe("creates whose response is lost", () => {
  const create = () => plannedChange("create", "lost", { body: webhookBody("https://lost.example/hook") });

  it("finds the subscription the POST created instead of sending it again", async () => {
    harness = await startHarness({ faults: { dropPostResponseRate: 1 } });
    const report = await applyChanges([create()], options(harness, []));
    const stored = harness.emulator.state.subscriptions();
    expect(stored).toHaveLength(1);
    expect(report.results[0]).toMatchObject({
      outcome: "succeeded",
      liveId: stored[0]?.id,
      notes: ["the answer to the create was lost or unreadable; the subscription it made was found by listing again"],
    });
    expect(harness.emulator.counters()[POST]).toBe(1);
  });

  it("reports a failure, and never sends the POST again, when listing shows nothing was created", async () => {
    harness = await startHarness({ faults: { failNext: [{ status: 0, count: 1, route: POST }] } });
    const report = await applyChanges([create()], options(harness, []));
    expect(report.results[0]).toMatchObject({ outcome: "failed" });
    expect(report.results[0]?.message).toContain("listing again found no subscription it made; it was not sent again");
    expect(harness.emulator.state.subscriptions()).toHaveLength(0);
    expect(harness.emulator.counters()[POST]).toBe(1);
  });

  it("recovers a create the service made but answered with HTTP 500, or with a body cut off", async () => {
    for (const rule of [
      { status: 500, count: 1, route: POST, afterCommit: true },
      { status: 200, answer: "notJson" as const, count: 1, route: POST, afterCommit: true },
    ]) {
      harness = await startHarness({ faults: { failNext: [rule] } });
      const report = await applyChanges([create()], options(harness, []));
      const stored = harness.emulator.state.subscriptions();
      expect(stored).toHaveLength(1);
      expect(report.results[0]).toMatchObject({ outcome: "succeeded", liveId: stored[0]?.id });
      expect(harness.emulator.counters()[POST]).toBe(1);
      await harness.close();
      harness = undefined;
    }
  });

  it("looks for a lost create among the project's subscriptions only, filtered by the service", async () => {
    harness = await startHarness({ faults: { dropPostResponseRate: 1 } });
    await applyChanges([create()], options(harness, []));
    const counters = harness.emulator.counters();
    expect(counters["POST /_apis/hooks/subscriptionsquery"]).toBe(1);
    expect(counters["GET /_apis/hooks/subscriptions"]).toBeUndefined();
  });

  it("never takes a subscription that existed before apply for the one it created", async () => {
    harness = await startHarness({ faults: { dropPostResponseRate: 1 } });
    const twin = harness.emulator.state.insert(webhookBody("https://lost.example/hook"));
    const report = await applyChanges([create()], options(harness, []));
    const created = harness.emulator.state.subscriptions().filter((subscription) => subscription.id !== twin.id);
    expect(created).toHaveLength(1);
    expect(report.results[0]?.liveId).toBe(created[0]?.id);
  });
});
