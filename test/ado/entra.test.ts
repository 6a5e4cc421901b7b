import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AdoClient } from "../../src/ado/client.js";
import { credentialFromEnvironment, resolveCredentialFromEnvironment } from "../../src/ado/credential-from-environment.js";
import { entraCredential, type EntraSource, type EntraTokenCredential } from "../../src/ado/entra.js";
import { CredentialError } from "../../src/ado/errors.js";
import { startEmulator, type EmulatorHandle } from "../../src/emulator/index.js";
import { openConnection } from "../../src/engine/connect.js";
import { fakeClock, sendJson, startServer, type TestServer } from "./helpers.js";

const SCOPE = "499b84ac-1321-427f-aa17-267ca6975798/.default";
const ENTRA_USER = {
  token: "entra-access-token-1",
  kind: "bearer" as const,
  id: "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d",
  displayName: "hookops automation",
  uniqueName: "hookops-automation",
  servicePrincipal: true,
};

let emulator: EmulatorHandle;
let dir: string;
const servers: TestServer[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ users: [ENTRA_USER] });
  dir = await mkdtemp(path.join(tmpdir(), "hookops-entra-"));
});
afterAll(async () => {
  await emulator.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A stand-in for `@azure/identity`: records what it was asked to build and hands out a fixed token. */
function fakeIdentity(token = ENTRA_USER.token, expiresInMs = 3_600_000, now: () => number = Date.now) {
  const built: EntraSource[] = [];
  const scopes: (string | string[])[] = [];
  const factory = async (source: EntraSource): Promise<EntraTokenCredential> => {
    built.push(source);
    return {
      getToken: async (scope) => {
        scopes.push(scope);
        return { token, expiresOnTimestamp: now() + expiresInMs };
      },
    };
  };
  return { factory, built, scopes };
}

/** A fake `az` in its own directory: prints `output` (or fails with `stderr`) and records its arguments. */
async function fakeAz(name: string, output: { stdout?: string; stderr?: string; code?: number }): Promise<string> {
  const bin = path.join(dir, name);
  await rm(bin, { recursive: true, force: true });
  await mkdir(bin, { recursive: true });
  const script = [
    "#!/bin/sh",
    `echo "$@" > "${bin}/args"`,
    output.stdout !== undefined ? `printf '%s' '${output.stdout}'` : "",
    output.stderr !== undefined ? `printf '%s' '${output.stderr}' >&2` : "",
    `exit ${output.code ?? 0}`,
  ].join("\n");
  await writeFile(path.join(bin, "az"), `${script}\n`);
  await chmod(path.join(bin, "az"), 0o755);
  return bin;
}

async function whoAmI(credential: Awaited<ReturnType<typeof resolveCredentialFromEnvironment>>): Promise<string | undefined> {
  const client = new AdoClient({ organization: emulator.url, credential, proxyEnvironment: {} });
  try {
    return (await client.connectionData()).authenticatedUser?.id;
  } finally {
    await client.close();
  }
}

describe("credential order", () => {
  it("picks each source in the documented order as the ones before it are removed", async () => {
    const azBin = await fakeAz("az-order", { stdout: "{}" });
    const env: Record<string, string | undefined> = {
      AZURE_DEVOPS_TOKEN: "pat-a",
      AZURE_DEVOPS_EXT_PAT: "pat-b",
      AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "sc-1",
      AZURESUBSCRIPTION_CLIENT_ID: "sc-client",
      AZURESUBSCRIPTION_TENANT_ID: "sc-tenant",
      SYSTEM_ACCESSTOKEN: "job-token",
      AZURE_DEVOPS_BEARER_TOKEN: "bearer-d",
      AZURE_CLIENT_ID: "client",
      AZURE_TENANT_ID: "tenant",
      AZURE_CLIENT_SECRET: "sp-secret",
      AZURE_CLIENT_CERTIFICATE_PATH: path.join(dir, "cert.pem"),
      AZURE_FEDERATED_TOKEN_FILE: path.join(dir, "federated-token"),
      IDENTITY_ENDPOINT: "http://127.0.0.1:1/msi",
      PATH: azBin,
    };
    const { factory, built } = fakeIdentity();
    const picks: string[] = [];
    for (const remove of [
      "AZURE_DEVOPS_TOKEN",
      "AZURE_DEVOPS_EXT_PAT",
      "AZURESUBSCRIPTION_SERVICE_CONNECTION_ID",
      "SYSTEM_ACCESSTOKEN",
      "AZURE_DEVOPS_BEARER_TOKEN",
      "AZURE_CLIENT_SECRET",
      "AZURE_CLIENT_CERTIFICATE_PATH",
      "AZURE_TENANT_ID",
      "IDENTITY_ENDPOINT",
    ]) {
      const credential = await resolveCredentialFromEnvironment(env, { entraFactory: factory });
      picks.push(`${credential.kind}: ${credential.description}`);
      delete env[remove];
    }
    picks.push((await resolveCredentialFromEnvironment(env, { entraFactory: factory })).description);
    expect(picks).toEqual([
      "pat: personal access token from AZURE_DEVOPS_TOKEN",
      "pat: personal access token from AZURE_DEVOPS_EXT_PAT",
      "entra: the Azure Pipelines service connection sc-1 (client sc-client, tenant sc-tenant)",
      "bearer: bearer token from SYSTEM_ACCESSTOKEN",
      "bearer: bearer token from AZURE_DEVOPS_BEARER_TOKEN",
      "entra: Entra ID service principal (client client, tenant tenant) with the secret from AZURE_CLIENT_SECRET",
      `entra: Entra ID service principal (client client, tenant tenant) with the certificate ${path.join(dir, "cert.pem")}`,
      `workloadIdentity: Entra ID workload identity (client client, tenant tenant) using the federated token file ${path.join(dir, "federated-token")}`,
      "entra: managed identity (client client) announced by IDENTITY_ENDPOINT",
      "the Azure CLI's signed-in account (az login)",
    ]);
    // Explicit sources are only described, never signed in to; the two ambient ones were tried.
    expect(built.map((source) => source.kind)).toEqual(["managedIdentity", "azureCli"]);
    // Managed identity and the Azure CLI are not explicit: credentialFromEnvironment (the Action's check) does not offer them.
    expect(credentialFromEnvironment(env)).toBeUndefined();
  });

  it("hands the service principal and the Azure Pipelines settings to @azure/identity, and the emulator accepts the token", async () => {
    // MSAL only talks to an https authority, so the token endpoint is replaced at the factory seam here.
    const { factory, built, scopes } = fakeIdentity();
    const secretCredential = await resolveCredentialFromEnvironment(
      { AZURE_CLIENT_ID: "client", AZURE_TENANT_ID: "tenant", AZURE_CLIENT_SECRET: "sp-secret", AZURE_AUTHORITY_HOST: "https://login.microsoftonline.us" },
      { entraFactory: factory },
    );
    expect(await whoAmI(secretCredential)).toBe(ENTRA_USER.id);
    const pipelines = await resolveCredentialFromEnvironment(
      { AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "sc-1", AZURESUBSCRIPTION_CLIENT_ID: "c", AZURESUBSCRIPTION_TENANT_ID: "t", SYSTEM_ACCESSTOKEN: "job-token" },
      { entraFactory: factory },
    );
    expect(await whoAmI(pipelines)).toBe(ENTRA_USER.id);
    expect(built).toEqual([
      { kind: "servicePrincipalSecret", tenantId: "tenant", clientId: "client", clientSecret: "sp-secret", authorityHost: "https://login.microsoftonline.us" },
      { kind: "azurePipelines", tenantId: "t", clientId: "c", serviceConnectionId: "sc-1", systemAccessToken: "job-token", authorityHost: undefined },
    ]);
    expect(scopes).toEqual([SCOPE, SCOPE]);
    expect(JSON.stringify(secretCredential)).not.toContain("sp-secret");
    expect(JSON.stringify(pipelines)).not.toContain("job-token");
  });

  it("skips a half-configured service connection and says why when nothing else is there", async () => {
    const env = { AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "sc-1", AZURESUBSCRIPTION_CLIENT_ID: "c", PATH: "" };
    const error = await resolveCredentialFromEnvironment(env).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as Error).message).toContain("Azure Pipelines service connection sc-1: AZURESUBSCRIPTION_TENANT_ID, SYSTEM_ACCESSTOKEN not set");
  });
});

describe("managed identity and Azure CLI through @azure/identity", () => {
  it("gets a token from the App Service managed identity endpoint, and the emulator accepts it", async () => {
    const endpoint = await startServer((_request, response) =>
      sendJson(response, 200, {
        access_token: ENTRA_USER.token,
        expires_on: String(Math.floor(Date.now() / 1000) + 3600),
        resource: "499b84ac-1321-427f-aa17-267ca6975798",
        token_type: "Bearer",
      }),
    );
    servers.push(endpoint);
    const env = { IDENTITY_ENDPOINT: `${endpoint.url}/msi/token`, IDENTITY_HEADER: "identity-header-secret" };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value); // @azure/identity reads process.env itself
    const connection = await openConnection({ org: emulator.url, root: dir, env: { ...env, PATH: "" } });
    try {
      expect((await connection.client.connectionData()).authenticatedUser?.id).toBe(ENTRA_USER.id);
      expect(connection.client.credential.description).toBe("managed identity announced by IDENTITY_ENDPOINT");
    } finally {
      await connection.close();
    }
    expect(endpoint.requests).toHaveLength(1);
    const [request] = endpoint.requests;
    expect(request?.headers["x-identity-header"]).toBe("identity-header-secret");
    expect(new URL(request?.url ?? "", endpoint.url).searchParams.get("resource")).toBe("499b84ac-1321-427f-aa17-267ca6975798");
  });

  it("gets a token from a fake `az` on PATH, and the emulator accepts it", async () => {
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    const bin = await fakeAz("az-ok", {
      stdout: JSON.stringify({ accessToken: ENTRA_USER.token, expiresOn: "2099-01-01 00:00:00.000000", expires_on: expiresOn, tokenType: "Bearer" }),
    });
    vi.stubEnv("PATH", `${bin}${path.delimiter}${process.env.PATH ?? ""}`);
    const connection = await openConnection({ org: emulator.url, root: dir, env: { PATH: bin } });
    try {
      expect((await connection.client.connectionData()).authenticatedUser?.id).toBe(ENTRA_USER.id);
      expect(connection.client.credential.description).toBe("the Azure CLI's signed-in account (az login)");
    } finally {
      await connection.close();
    }
    expect(await readFile(path.join(bin, "args"), "utf8")).toContain("account get-access-token --output json --resource 499b84ac-1321-427f-aa17-267ca6975798");
  });
});

describe("token refresh", () => {
  it("reuses the token until five minutes before it expires, then fetches a new one; callers share one request", async () => {
    const clock = fakeClock();
    let issued = 0;
    const factory = async (): Promise<EntraTokenCredential> => ({
      getToken: async () => {
        issued += 1;
        return { token: `token-${issued}`, expiresOnTimestamp: clock.now() + 3_600_000 };
      },
    });
    const credential = entraCredential({ kind: "azureCli" }, "test", { factory, now: clock.now });
    expect(await Promise.all([credential.authorization(), credential.authorization()])).toEqual(["Bearer token-1", "Bearer token-1"]);
    clock.advance(3_600_000 - 300_001);
    expect(await credential.authorization()).toBe("Bearer token-1");
    clock.advance(2);
    expect(await credential.authorization()).toBe("Bearer token-2");
    expect(issued).toBe(2);
  });

  it("keeps a still-valid token when an early refresh fails, and fails with the source's name once it has expired", async () => {
    const clock = fakeClock();
    let calls = 0;
    const factory = async (): Promise<EntraTokenCredential> => ({
      getToken: async () => {
        calls += 1;
        if (calls > 1) throw new Error("AADSTS700016: Application not found\nTrace ID: x");
        return { token: "first", expiresOnTimestamp: clock.now() + 600_000 };
      },
    });
    const credential = entraCredential({ kind: "managedIdentity" }, "managed identity", { factory, now: clock.now });
    expect(await credential.authorization()).toBe("Bearer first");
    clock.advance(400_000);
    expect(await credential.authorization()).toBe("Bearer first");
    clock.advance(300_000);
    await expect(credential.authorization()).rejects.toThrow("Could not get an Azure DevOps token from managed identity: AADSTS700016: Application not found");
  });
});
