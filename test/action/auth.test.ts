import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../src/emulator/index.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";
import { ADO_TOKEN, GITHUB_TOKEN, HOOK_PASSWORD, ROOT_CONFIG, SECRETS, seedLive, startTestEmulator, USER, websiteHooks } from "./fixtures.js";
import { leakedSecrets, makeWorkspace, runAction, type Workspace } from "./harness.js";

const CLIENT_ID = "0f9e8d7c-6b5a-4000-8000-00000000c11e";
const TENANT_ID = "a1b2c3d4-0000-4000-8000-00000000ten7";
const OIDC_REQUEST_TOKEN = "oidcRequestToken-Xv5";
const GITHUB_OIDC_JWT = "eyJhbGciOiJSUzI1NiJ9.github-oidc.signature";
const ENTRA_ACCESS_TOKEN = "entraAccessToken-Mb9q";

interface IdentityCall {
  path: string;
  authorization?: string;
  audience?: string | null;
  form?: URLSearchParams;
}

/** GitHub's OIDC token endpoint and Entra ID's token endpoint, on one local server. */
async function startIdentityServer(): Promise<{ url: string; calls: IdentityCall[]; close(): Promise<void> }> {
  const calls: IdentityCall[] = [];
  const server: Server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      const reply = (status: number, payload: unknown): void => {
        response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      };
      if (request.method === "GET" && url.pathname === "/oidc") {
        calls.push({ path: url.pathname, authorization: request.headers.authorization, audience: url.searchParams.get("audience") });
        return request.headers.authorization === `Bearer ${OIDC_REQUEST_TOKEN}` ? reply(200, { value: GITHUB_OIDC_JWT }) : reply(401, {});
      }
      if (request.method === "POST" && url.pathname === `/${TENANT_ID}/oauth2/v2.0/token`) {
        const form = new URLSearchParams(body);
        calls.push({ path: url.pathname, form });
        const trusted = form.get("client_id") === CLIENT_ID && form.get("client_assertion") === GITHUB_OIDC_JWT;
        return trusted ? reply(200, { token_type: "Bearer", expires_in: 3599, access_token: ENTRA_ACCESS_TOKEN }) : reply(400, { error: "invalid_client" });
      }
      reply(404, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let emulator: EmulatorHandle;
let workspace: Workspace;
let github: FakeGitHub;

beforeEach(async () => {
  // The emulator accepts the PAT and, as Azure DevOps does for the app's Entra ID token, a bearer token.
  emulator = await startTestEmulator([USER, { ...USER, token: ENTRA_ACCESS_TOKEN, kind: "bearer" }]);
  github = await startFakeGitHub();
  const { deploysId } = seedLive(emulator);
  workspace = await makeWorkspace({ "hookops.yaml": ROOT_CONFIG, "hooks/website.yaml": websiteHooks(deploysId) });
});
afterEach(async () => {
  await Promise.all([emulator.close(), github.close(), workspace.cleanup()]);
});

describe("authentication", () => {
  it("exchanges the job's OIDC token for an Entra ID token with azure-client-id and azure-tenant-id", async () => {
    const identity = await startIdentityServer();
    try {
      const run = await runAction({
        workspace,
        eventName: "push",
        inputs: { command: "plan", organization: emulator.url, "azure-client-id": CLIENT_ID, "azure-tenant-id": TENANT_ID },
        env: {
          WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD,
          ACTIONS_ID_TOKEN_REQUEST_URL: `${identity.url}/oidc?api-version=2.0`,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: OIDC_REQUEST_TOKEN,
          AZURE_AUTHORITY_HOST: identity.url,
          // The inputs win over a personal access token in the environment.
          AZURE_DEVOPS_TOKEN: "not-a-valid-token",
        },
      });
      expect(run.exitCode).toBe(0);
      expect(run.summary).toContain("**Plan: 1 to create, 1 to update, 1 to replace, 1 to delete.**");
      const [oidc, exchange] = identity.calls;
      expect(oidc?.audience).toBe("api://AzureADTokenExchange");
      expect(exchange?.form?.get("scope")).toBe("499b84ac-1321-427f-aa17-267ca6975798/.default");
      expect(exchange?.form?.get("grant_type")).toBe("client_credentials");
      expect(leakedSecrets(run.everything, [...SECRETS, OIDC_REQUEST_TOKEN, GITHUB_OIDC_JWT, ENTRA_ACCESS_TOKEN])).toEqual([]);
    } finally {
      await identity.close();
    }
  });

  it("masks the token input before anything else and never shows it again", async () => {
    const run = await runAction({
      workspace,
      eventName: "pull_request",
      pullRequest: { number: 3 },
      githubApiUrl: github.url,
      inputs: { command: "plan", token: ADO_TOKEN, organization: emulator.url, "github-token": GITHUB_TOKEN, comment: "false" },
      env: { WEBSITE_HOOK_PASSWORD: HOOK_PASSWORD },
    });
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(`::add-mask::${ADO_TOKEN}`);
    expect(lines[1]).toBe(`::add-mask::${GITHUB_TOKEN}`);
    expect(leakedSecrets(run.everything, SECRETS)).toEqual([]);
    // comment: false posts nothing, the summary still has the plan.
    expect(github.calls).toEqual([]);
    expect(run.summary).toContain("Plan: 1 to create");
  });
});
