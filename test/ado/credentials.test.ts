import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { chooseCredential } from "../../src/action/credentials.js";
import type { ActionInputs } from "../../src/action/inputs.js";
import { credentialFromEnvironment, requireCredentialFromEnvironment } from "../../src/ado/credential-from-environment.js";
import { bearerCredential, patCredential } from "../../src/ado/credentials.js";
import { CredentialError } from "../../src/ado/errors.js";
import { fakeClock, sendJson, startServer, type TestServer } from "./helpers.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe("PAT and bearer credentials", () => {
  it("sends a PAT as Basic auth with an empty user name and a bearer token as Bearer", async () => {
    expect(await patCredential("pat-123").authorization()).toBe(`Basic ${Buffer.from(":pat-123").toString("base64")}`);
    expect(await bearerCredential(" tok-456\n").authorization()).toBe("Bearer tok-456");
  });

  it("shows only kind and description when printed or serialized", () => {
    const credential = patCredential("very-secret-pat", "personal access token from AZURE_DEVOPS_TOKEN");
    expect(JSON.parse(JSON.stringify(credential))).toEqual({ kind: "pat", description: "personal access token from AZURE_DEVOPS_TOKEN" });
    expect(inspect(credential, { showHidden: true, depth: 5 })).not.toContain("very-secret-pat");
    expect(inspect(credential, { showHidden: true, depth: 5 })).not.toContain(Buffer.from(":very-secret-pat").toString("base64"));
  });

  it("refuses empty tokens and tokens with line breaks", () => {
    expect(() => patCredential("  ")).toThrow(CredentialError);
    expect(() => bearerCredential("abc\ndef")).toThrow(/line break/);
  });
});

describe("credentialFromEnvironment", () => {
  it("follows the documented order and names the variable it used", () => {
    const all = {
      AZURE_DEVOPS_TOKEN: "a",
      AZURE_DEVOPS_EXT_PAT: "b",
      SYSTEM_ACCESSTOKEN: "c",
      AZURE_DEVOPS_BEARER_TOKEN: "d",
      AZURE_CLIENT_ID: "client",
      AZURE_TENANT_ID: "tenant",
      AZURE_FEDERATED_TOKEN_FILE: "/nonexistent",
    };
    const picks: string[] = [];
    const env: Record<string, string | undefined> = { ...all };
    for (const name of ["AZURE_DEVOPS_TOKEN", "AZURE_DEVOPS_EXT_PAT", "SYSTEM_ACCESSTOKEN", "AZURE_DEVOPS_BEARER_TOKEN"]) {
      const credential = credentialFromEnvironment(env);
      picks.push(`${credential?.kind}: ${credential?.description}`);
      delete env[name];
    }
    picks.push(`${credentialFromEnvironment(env)?.kind}`);
    expect(picks).toEqual([
      "pat: personal access token from AZURE_DEVOPS_TOKEN",
      "pat: personal access token from AZURE_DEVOPS_EXT_PAT",
      "bearer: bearer token from SYSTEM_ACCESSTOKEN",
      "bearer: bearer token from AZURE_DEVOPS_BEARER_TOKEN",
      "workloadIdentity",
    ]);
  });

  it("treats empty variables as unset and returns undefined when nothing is set", async () => {
    expect(credentialFromEnvironment({})).toBeUndefined();
    expect(credentialFromEnvironment({ AZURE_DEVOPS_TOKEN: "", AZURE_DEVOPS_EXT_PAT: "  " })).toBeUndefined();
    const credential = credentialFromEnvironment({ AZURE_DEVOPS_TOKEN: "", SYSTEM_ACCESSTOKEN: "job-token" });
    expect(await credential?.authorization()).toBe("Bearer job-token");
  });

  it("says what to set when no credential is found", () => {
    expect(() => requireCredentialFromEnvironment({})).toThrow(/AZURE_DEVOPS_TOKEN/);
    expect(() => requireCredentialFromEnvironment({ AZURE_CLIENT_ID: "c" })).toThrow(/AZURE_TENANT_ID is missing/);
  });

  it("asks for id-token permission when workload identity has no federated token", () => {
    expect(() => credentialFromEnvironment({ AZURE_CLIENT_ID: "c", AZURE_TENANT_ID: "t" })).toThrow(/id-token: write/);
  });

  it("exchanges the GitHub Actions OIDC token at the Entra endpoint and caches the result until shortly before expiry", async () => {
    const oidc = await startServer((request, response) => {
      const url = new URL(request.url, "http://x");
      if (request.headers.authorization !== "Bearer gh-request-token" || url.searchParams.get("audience") !== "api://AzureADTokenExchange") {
        return sendJson(response, 403, { message: "bad" });
      }
      sendJson(response, 200, { value: `gh-oidc-jwt-${url.searchParams.get("run")}` });
    });
    const entra = await startServer((_request, response, index) => {
      sendJson(response, 200, { token_type: "Bearer", expires_in: 3600, access_token: `ado-token-${index + 1}` });
    });
    servers.push(oidc, entra);
    const clock = fakeClock();
    const credential = credentialFromEnvironment(
      {
        AZURE_CLIENT_ID: "11111111-2222-3333-4444-555555555555",
        AZURE_TENANT_ID: "contoso-tenant",
        ACTIONS_ID_TOKEN_REQUEST_URL: `${oidc.url}/token?api-version=2.0&run=7`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: "gh-request-token",
        AZURE_AUTHORITY_HOST: `${entra.url}/`,
      },
      { now: clock.now },
    );
    expect(credential?.kind).toBe("workloadIdentity");
    expect(credential?.description).toBe(
      "Entra ID workload identity (client 11111111-2222-3333-4444-555555555555, tenant contoso-tenant) using the GitHub Actions OIDC token",
    );

    const [first, concurrent] = await Promise.all([credential?.authorization(), credential?.authorization()]);
    expect(first).toBe("Bearer ado-token-1");
    expect(concurrent).toBe("Bearer ado-token-1");
    expect(entra.requests).toHaveLength(1);
    const exchange = entra.requests[0];
    expect(exchange?.method).toBe("POST");
    expect(exchange?.url).toBe("/contoso-tenant/oauth2/v2.0/token");
    expect(exchange?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(exchange?.body))).toEqual({
      client_id: "11111111-2222-3333-4444-555555555555",
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: "gh-oidc-jwt-7",
      scope: "499b84ac-1321-427f-aa17-267ca6975798/.default",
    });

    clock.advance(3600_000 - 300_001); // just before the refresh point: still cached
    expect(await credential?.authorization()).toBe("Bearer ado-token-1");
    expect(entra.requests).toHaveLength(1);
    clock.advance(2); // now within 5 minutes of expiry: refreshed
    expect(await credential?.authorization()).toBe("Bearer ado-token-2");
    expect(entra.requests).toHaveLength(2);
    expect(oidc.requests).toHaveLength(2);
  });

  it("reads AZURE_FEDERATED_TOKEN_FILE on every exchange", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hookops-wi-"));
    const file = join(dir, "token");
    await writeFile(file, "file-jwt-1\n");
    const assertions: string[] = [];
    const entra = await startServer((request, response) => {
      assertions.push(new URLSearchParams(request.body).get("client_assertion") ?? "");
      sendJson(response, 200, { access_token: "ado", expires_in: 60 });
    });
    servers.push(entra);
    const clock = fakeClock();
    try {
      const credential = credentialFromEnvironment(
        { AZURE_CLIENT_ID: "c", AZURE_TENANT_ID: "t", AZURE_FEDERATED_TOKEN_FILE: file },
        { authorityHost: entra.url, now: clock.now },
      );
      expect(credential?.description).toContain(`the federated token file ${file}`);
      await credential?.authorization();
      await writeFile(file, "file-jwt-2");
      clock.advance(30_000); // a 60 s token is refreshed halfway
      await credential?.authorization();
      expect(assertions).toEqual(["file-jwt-1", "file-jwt-2"]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports a refused exchange with Entra's reason and without the assertion", async () => {
    const entra = await startServer((_request, response) =>
      sendJson(response, 400, {
        error: "invalid_client",
        error_description:
          "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/app:ref:refs/heads/main'.\r\nTrace ID: 1",
      }),
    );
    const oidc = await startServer((_request, response) => sendJson(response, 200, { value: "the-federated-jwt" }));
    servers.push(entra, oidc);
    const credential = credentialFromEnvironment(
      { AZURE_CLIENT_ID: "c", AZURE_TENANT_ID: "t", ACTIONS_ID_TOKEN_REQUEST_URL: `${oidc.url}/?x=1`, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "req-secret" },
      { authorityHost: entra.url },
    );
    const error = await credential?.authorization().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as Error).message).toBe(
      "Entra ID refused to exchange the GitHub Actions OIDC token for an Azure DevOps token (client c, tenant t): HTTP 400 invalid_client: " +
        "AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:contoso/app:ref:refs/heads/main'.",
    );
    const shown = `${(error as Error).stack} ${JSON.stringify(error)} ${inspect(error)}`;
    expect(shown).not.toContain("the-federated-jwt");
    expect(shown).not.toContain("req-secret");
  });

  it("hints at the id-token permission when the OIDC endpoint refuses", async () => {
    const oidc = await startServer((_request, response) => sendJson(response, 403, {}));
    servers.push(oidc);
    const credential = credentialFromEnvironment({
      AZURE_CLIENT_ID: "c",
      AZURE_TENANT_ID: "t",
      ACTIONS_ID_TOKEN_REQUEST_URL: `${oidc.url}/?x=1`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: "req",
    });
    await expect(credential?.authorization()).rejects.toThrow(
      "Could not get the GitHub Actions OIDC token: HTTP 403 (does the job have `permissions: id-token: write`?).",
    );
  });
});

describe("the GitHub Action's credential sources", () => {
  const inputs: ActionInputs = {
    command: "plan",
    path: ".",
    comment: false,
    detailedExitcode: false,
    since: { ms: 86_400_000, text: "24h" },
    maxFailureRate: 0,
    all: false,
    issue: false,
  };

  it("ignores the sign-ins that need @azure/identity, which its bundle leaves out", () => {
    const federated = { AZURE_CLIENT_ID: "c", AZURE_TENANT_ID: "t", AZURE_FEDERATED_TOKEN_FILE: "/var/run/token" };
    const withSecret = chooseCredential(inputs, { ...federated, AZURE_CLIENT_SECRET: "sp-secret", AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: "sc" });
    expect(withSecret.kind === "ready" ? withSecret.credential?.kind : withSecret.kind).toBe("workloadIdentity");
    const secretOnly = chooseCredential(inputs, { AZURE_CLIENT_ID: "c", AZURE_TENANT_ID: "t", AZURE_CLIENT_SECRET: "sp-secret" });
    expect(secretOnly.kind).toBe("missing");
  });
});
