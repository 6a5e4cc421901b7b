import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { LiveSubscription } from "../../src/ado/types.js";
import { type EmulatorHandle, startEmulator } from "../../src/emulator/index.js";
import { apiClient, basic, testClock, webHookBody } from "./helpers.js";

describe("subscription status model", () => {
  let emulator: EmulatorHandle;
  let api: ReturnType<typeof apiClient>;
  const clock = testClock();

  beforeEach(async () => {
    emulator = await startEmulator({ now: clock.now });
    api = apiClient(emulator);
  });
  afterEach(() => emulator.close());

  async function read(id: string): Promise<LiveSubscription> {
    return (await api.get(`/_apis/hooks/subscriptions/${id}`)).json<LiveSubscription>();
  }

  function control(id: string, body: unknown) {
    return fetch(`${emulator.url}/_emulator/subscriptions/${id}/status`, {
      method: "POST",
      headers: { Authorization: basic(emulator.token), "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
  }

  it("puts a subscription on probation with its retry count, as the service's own identity", async () => {
    const { id } = emulator.state.insert(webHookBody());
    clock.advance(5_000);
    emulator.state.setStatus(id, "onProbation", { probationRetries: 3 });
    const live = await read(id);
    expect(live.status).toBe("onProbation");
    expect(live.probationRetries).toBe(3);
    expect(live.lastProbationRetryDate).toBe(clock.now().toISOString());
    expect(live.modifiedDate).toBe(clock.now().toISOString());
    expect(live.modifiedBy?.displayName).toBe("Azure DevOps Services");
  });

  it("disables subscriptions through the HTTP control route", async () => {
    const { id } = emulator.state.insert(webHookBody());
    for (const status of ["disabledBySystem", "disabledByInactiveIdentity"] as const) {
      const response = await control(id, { status });
      expect(response.status).toBe(200);
      expect(((await response.json()) as LiveSubscription).status).toBe(status);
      expect((await read(id)).status).toBe(status);
    }
  });

  it("is re-enabled by a PUT with status enabled, which clears the probation fields", async () => {
    const { id } = emulator.state.insert(webHookBody());
    expect((await control(id, { status: "onProbation", probationRetries: 6 })).status).toBe(200);
    const response = await api.put(`/_apis/hooks/subscriptions/${id}`, webHookBody({ status: "enabled" }));
    expect(response.status).toBe(200);
    const live = await read(id);
    expect(live.status).toBe("enabled");
    expect(live.probationRetries).toBeUndefined();
    expect(live.lastProbationRetryDate).toBeUndefined();
  });

  it("answers 404 for an unknown subscription and 400 for an unknown status", async () => {
    expect((await control("0f0f0f0f-1111-4222-8333-444444444444", { status: "disabledBySystem" })).status).toBe(404);
    const { id } = emulator.state.insert(webHookBody());
    expect((await control(id, { status: "paused" })).status).toBe(400);
    expect(() => emulator.state.setStatus("0f0f0f0f-1111-4222-8333-444444444444", "enabled")).toThrow(/no subscription/);
  });
});
