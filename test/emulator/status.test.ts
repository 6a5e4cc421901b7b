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

  it("stays on probation after a PUT with status enabled, although the PUT's own answer says enabled (R6)", async () => {
    const { id } = emulator.state.insert(webHookBody());
    clock.advance(1_000);
    expect((await control(id, { status: "onProbation", probationRetries: 6 })).status).toBe(200);
    const probationDate = clock.now().toISOString();
    clock.advance(1_000);
    const response = await api.put(`/_apis/hooks/subscriptions/${id}`, webHookBody({ status: "enabled" }));
    expect(response.status).toBe(200);
    const answered = response.json<LiveSubscription>();
    expect(answered.status).toBe("enabled");
    expect(answered.probationRetries).toBeUndefined();
    const live = await read(id);
    expect(live.status).toBe("onProbation");
    expect(live.probationRetries).toBe(6);
    expect(live.lastProbationRetryDate).toBe(probationDate);
    expect(live.modifiedDate).toBe(clock.now().toISOString());
  });

  it("is re-enabled by a PUT with status enabled when disabled by the system or by a user, keeping the last probation date", async () => {
    const { id } = emulator.state.insert(webHookBody());
    emulator.state.setStatus(id, "onProbation", { probationRetries: 7 });
    const probationDate = clock.now().toISOString();
    for (const status of ["disabledBySystem", "disabledByUser", "disabledByInactiveIdentity"] as const) {
      emulator.state.setStatus(id, status);
      expect((await api.put(`/_apis/hooks/subscriptions/${id}`, webHookBody({ status: "enabled" }))).status).toBe(200);
      const live = await read(id);
      expect(live.status).toBe("enabled");
      expect(live.probationRetries).toBeUndefined();
      expect(live.lastProbationRetryDate).toBe(probationDate);
    }
  });

  it("a PUT to disabledByUser ends probation", async () => {
    const { id } = emulator.state.insert(webHookBody());
    emulator.state.setStatus(id, "onProbation", { probationRetries: 2 });
    await api.put(`/_apis/hooks/subscriptions/${id}`, webHookBody({ status: "disabledByUser" }));
    expect((await read(id)).status).toBe("disabledByUser");
  });

  it("clears probation on PUT with putClearsProbation, set at start or later", async () => {
    const lenient = await startEmulator({ putClearsProbation: true });
    try {
      const lenientApi = apiClient(lenient);
      const { id } = lenient.state.insert(webHookBody());
      lenient.state.setStatus(id, "onProbation", { probationRetries: 3 });
      await lenientApi.put(`/_apis/hooks/subscriptions/${id}`, webHookBody({ status: "enabled" }));
      const live = (await lenientApi.get(`/_apis/hooks/subscriptions/${id}`)).json<LiveSubscription>();
      expect(live.status).toBe("enabled");
      expect(live.probationRetries).toBeUndefined();
    } finally {
      await lenient.close();
    }

    const { id } = emulator.state.insert(webHookBody());
    emulator.state.setStatus(id, "onProbation");
    const switched = await fetch(`${emulator.url}/_emulator/behaviour`, {
      method: "POST",
      headers: { Authorization: basic(emulator.token), "Content-Type": "application/json" },
      body: JSON.stringify({ putClearsProbation: true }),
    });
    expect(await switched.json()).toEqual({ maskedEchoMode: "keep", putClearsProbation: true, listUnlistedEvents: false });
    await api.put(`/_apis/hooks/subscriptions/${id}`, webHookBody({ status: "enabled" }));
    expect((await read(id)).status).toBe("enabled");
  });

  it("shows lastProbationRetryDate 0001-01-01T00:00:00 and no probationRetries for a subscription never on probation", async () => {
    const { id } = emulator.state.insert(webHookBody());
    const live = await read(id);
    expect(live.lastProbationRetryDate).toBe("0001-01-01T00:00:00");
    expect("probationRetries" in live).toBe(false);
  });

  it("answers 404 for an unknown subscription and 400 for an unknown status", async () => {
    expect((await control("0f0f0f0f-1111-4222-8333-444444444444", { status: "disabledBySystem" })).status).toBe(404);
    const { id } = emulator.state.insert(webHookBody());
    expect((await control(id, { status: "paused" })).status).toBe(400);
    expect(() => emulator.state.setStatus("0f0f0f0f-1111-4222-8333-444444444444", "enabled")).toThrow(/no subscription/);
  });
});
