/** Service principals and the identity connectionData shows (REAL-SERVICE.md R2, Cosmetic). */
import { afterEach, describe, expect, it } from "vitest";
import type { SubscriptionsQuery } from "../../src/ado/types.js";
import { DEFAULT_SERVICE_PRINCIPAL, type EmulatorHandle, type EmulatorUser, startEmulator, type WireSubscription } from "../../src/emulator/index.js";
import { apiClient, basic, webHookBody } from "./helpers.js";

const SUBSCRIPTIONS = "/_apis/hooks/subscriptions";
const person: EmulatorUser = {
  token: "person-pat",
  kind: "pat",
  id: "11111111-2222-4333-8444-555555555555",
  displayName: "Pat Person",
  uniqueName: "pat@fabrikam.example",
};
const robot: EmulatorUser = {
  token: "robot-bearer",
  kind: "bearer",
  id: "99999999-8888-4777-8666-555555555555",
  displayName: "deploy-bot",
  uniqueName: "0a1b2c3d-0000-4000-8000-000000000001",
};

describe("identities", () => {
  let emulator: EmulatorHandle;
  afterEach(() => emulator.close());

  async function reads(api: ReturnType<typeof apiClient>, id: string, authorization?: string): Promise<WireSubscription[]> {
    const options = authorization === undefined ? {} : { authorization };
    return [
      (await api.get(`${SUBSCRIPTIONS}/${id}`, options)).json<WireSubscription>(),
      ...(await api.get(SUBSCRIPTIONS, options)).json<{ value: WireSubscription[] }>().value,
      ...((await api.post("/_apis/hooks/subscriptionsquery", {}, options)).json<{ results: WireSubscription[] }>().results ?? []),
    ];
  }

  it("identity servicePrincipal: what the main token creates reads back with createdBy null and modifiedBy the subscriber", async () => {
    emulator = await startEmulator({ identity: "servicePrincipal" });
    const api = apiClient(emulator);
    expect(emulator.token).toBe("emulator");
    const created = await api.post(SUBSCRIPTIONS, webHookBody());
    expect(created.status).toBe(200);
    const { id } = created.json<WireSubscription>();
    const all = await reads(api, id);
    expect(all).toHaveLength(3);
    for (const read of all) {
      expect(read.createdBy).toBeNull();
      expect(read.modifiedBy).toEqual({
        id: DEFAULT_SERVICE_PRINCIPAL.id,
        displayName: DEFAULT_SERVICE_PRINCIPAL.displayName,
        uniqueName: DEFAULT_SERVICE_PRINCIPAL.uniqueName,
      });
    }
    expect(emulator.state.get(id)).toMatchObject({ createdBy: { id: DEFAULT_SERVICE_PRINCIPAL.id }, createdByServicePrincipal: true });
    // The creator is still known to the service: the subscriberId query filter finds it.
    const mine = (await api.post("/_apis/hooks/subscriptionsquery", { subscriberId: DEFAULT_SERVICE_PRINCIPAL.id })).json<SubscriptionsQuery>();
    expect(mine.results).toHaveLength(1);
  });

  it("servicePrincipalTokens marks some users; a user's edit keeps createdBy null, a person's creations keep their createdBy", async () => {
    emulator = await startEmulator({ users: [person, robot], servicePrincipalTokens: [robot.token] });
    const api = apiClient(emulator);
    const byRobot = (await api.post(SUBSCRIPTIONS, webHookBody(), { authorization: `Bearer ${robot.token}` })).json<WireSubscription>();
    const byPerson = (await api.post(SUBSCRIPTIONS, webHookBody())).json<WireSubscription>();
    expect(byPerson.createdBy?.id).toBe(person.id);

    await api.put(`${SUBSCRIPTIONS}/${byRobot.id}`, webHookBody({ status: "disabledByUser" }));
    const edited = (await api.get(`${SUBSCRIPTIONS}/${byRobot.id}`)).json<WireSubscription>();
    expect(edited.createdBy).toBeNull();
    expect(edited.modifiedBy?.id).toBe(person.id);

    await api.put(`${SUBSCRIPTIONS}/${byPerson.id}`, webHookBody(), { authorization: `Bearer ${robot.token}` });
    const touched = (await api.get(`${SUBSCRIPTIONS}/${byPerson.id}`)).json<WireSubscription>();
    expect(touched.createdBy?.id).toBe(person.id);
    expect(touched.modifiedBy?.id).toBe(robot.id);
  });

  it("state.insert records a service principal creator from the user or the option", async () => {
    emulator = await startEmulator({ users: [person] });
    const api = apiClient(emulator);
    const fromUser = emulator.state.insert(webHookBody(), { createdBy: { ...robot, servicePrincipal: true } });
    const fromOption = emulator.state.insert(webHookBody(), { createdBy: { id: robot.id }, servicePrincipal: true });
    const plain = emulator.state.insert(webHookBody());
    expect([fromUser.createdBy, fromOption.createdBy, plain.createdBy?.id]).toEqual([null, null, person.id]);
    expect((await api.get(`${SUBSCRIPTIONS}/${fromOption.id}`)).json<WireSubscription>().createdBy).toBeNull();
  });

  it("the identities control route adds a service principal token or turns a known token into one", async () => {
    emulator = await startEmulator();
    const api = apiClient(emulator);
    const control = (body: unknown) =>
      fetch(`${emulator.url}/_emulator/identities`, {
        method: "POST",
        headers: { Authorization: basic(emulator.token), "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const added = await control({ token: "ci-token", servicePrincipal: true });
    expect(added.status).toBe(200);
    const identity = (await added.json()) as { id: string; servicePrincipal: boolean };
    expect(identity.servicePrincipal).toBe(true);
    for (const authorization of [basic("ci-token"), "Bearer ci-token"]) {
      const created = (await api.post(SUBSCRIPTIONS, webHookBody(), { authorization })).json<WireSubscription>();
      expect((await api.get(`${SUBSCRIPTIONS}/${created.id}`)).json<WireSubscription>()).toMatchObject({ createdBy: null, modifiedBy: { id: identity.id } });
    }

    expect((await control({ token: "emulator", servicePrincipal: true })).status).toBe(200);
    const main = (await api.post(SUBSCRIPTIONS, webHookBody())).json<WireSubscription>();
    expect((await api.get(`${SUBSCRIPTIONS}/${main.id}`)).json<WireSubscription>().createdBy).toBeNull();
    expect((await control({ servicePrincipal: true })).status).toBe(400);
  });

  it("connectionData's authenticatedUser has no displayName or uniqueName; a service principal has its own descriptor types", async () => {
    emulator = await startEmulator({ users: [person, { ...robot, servicePrincipal: true }] });
    const api = apiClient(emulator);
    const user = (await api.get("/_apis/connectionData", { version: "7.1-preview.1" })).json<{ authenticatedUser: Record<string, unknown> }>()
      .authenticatedUser;
    expect(Object.keys(user)).toEqual(["id", "descriptor", "subjectDescriptor", "providerDisplayName", "isActive", "properties"]);
    expect(user).toMatchObject({ id: person.id, providerDisplayName: person.displayName, isActive: true });
    expect(String(user.subjectDescriptor)).toMatch(/^aad\./);

    const principal = (await api.get("/_apis/connectionData", { version: "7.1-preview.1", authorization: `Bearer ${robot.token}` })).json<{
      authenticatedUser: Record<string, unknown>;
    }>().authenticatedUser;
    expect(String(principal.descriptor)).toMatch(/^Microsoft\.VisualStudio\.Services\.Claims\.AadServicePrincipal;/);
    expect(String(principal.subjectDescriptor)).toMatch(/^aadsp\./);
  });
});
