import { describe, expect, it } from "vitest";
import type { SubscriptionStatus } from "../../src/ado/types.js";
import { buildPlan } from "../../src/reconcile/index.js";
import { desired, input, live } from "./builders.js";

describe("status", () => {
  it("re-enables a subscription a user disabled by hand", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [live({ status: "disabledByUser" })] }));
    expect(plan.changes).toMatchObject([{ action: "update", fields: [{ field: "status", before: "disabledByUser", after: "enabled" }] }]);
    expect(plan.changes[0]?.body?.status).toBe("enabled");
  });

  it("disables a live enabled subscription the configuration marks enabled: false", () => {
    const plan = buildPlan(input({ desired: [desired({ enabled: false })], live: [live()] }));
    expect(plan.changes).toMatchObject([{ action: "update", fields: [{ field: "status", before: "enabled", after: "disabledByUser" }] }]);
    expect(plan.changes[0]?.body?.status).toBe("disabledByUser");
  });

  it.each<SubscriptionStatus>(["onProbation", "disabledBySystem", "disabledByInactiveIdentity"])(
    "repairs a %s subscription even when nothing else differs",
    (status) => {
      const plan = buildPlan(input({ desired: [desired()], live: [live({ status })] }));
      expect(plan.changes).toHaveLength(1);
      expect(plan.changes[0]).toMatchObject({
        action: "repair",
        reasons: [`repair: ${status} -> enabled`],
        fields: [{ field: "status", before: status, after: "enabled" }],
        liveStatus: status,
      });
      expect(plan.changes[0]?.body?.status).toBe("enabled");
      expect(plan.unhealthy).toMatchObject([{ id: live().id, name: "website-ci-failed", status, managed: true }]);
    },
  );

  it("reports probation retries when the service gives them", () => {
    const plan = buildPlan(
      input({
        desired: [desired()],
        live: [live({ status: "onProbation", probationRetries: 3, lastProbationRetryDate: "2025-01-31T10:00:00Z" })],
      }),
    );
    expect(plan.changes[0]).toMatchObject({ action: "repair", reasons: ["repair: onProbation -> enabled (3 probation retries)"], probationRetries: 3 });
    expect(plan.unhealthy[0]).toMatchObject({ probationRetries: 3, lastProbationRetryDate: "2025-01-31T10:00:00Z" });
  });

  it("repairs and updates together when other fields differ too", () => {
    const plan = buildPlan(input({ desired: [desired({ resourceVersion: "2.0-preview.2" })], live: [live({ status: "onProbation" })] }));
    expect(plan.changes[0]?.action).toBe("repair");
    expect(plan.changes[0]?.fields.map((field) => field.field)).toEqual(["resourceVersion", "status"]);
  });

  it("does not re-enable a system-disabled subscription the configuration wants disabled", () => {
    const plan = buildPlan(input({ desired: [desired({ enabled: false })], live: [live({ status: "disabledBySystem" })] }));
    expect(plan.changes).toMatchObject([{ action: "update", fields: [{ field: "status", before: "disabledBySystem", after: "disabledByUser" }] }]);
  });

  it("lists unhealthy unmanaged subscriptions in scope without touching them", () => {
    const plan = buildPlan(
      input({
        desired: [desired()],
        live: [live(), live({ id: "other", consumerInputs: { url: "https://elsewhere.example.com/" }, status: "disabledBySystem" })],
        prune: { enabled: false, scope: { createdBy: "any" }, maxDeletes: 10 },
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.unhealthy).toMatchObject([
      { id: "other", name: "build.complete -> webHooks (elsewhere.example.com)", status: "disabledBySystem", managed: false },
    ]);
  });
});
