import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it, vi } from "vitest";
import { CredentialError } from "../../src/ado/errors.js";
import { openConnection } from "../../src/engine/connect.js";
import { expectSecretAbsent, sendJson, startServer, type TestServer } from "./helpers.js";

// Its own file: msal-node keeps the managed identity endpoint it first saw for the whole process.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

it("names every source, and why it was skipped or failed, when nothing works — and never a secret", async () => {
  const endpoint: TestServer = await startServer((_request, response) =>
    sendJson(response, 400, { error: "invalid_request", error_description: "Identity not found" }),
  );
  const dir = await mkdtemp(path.join(tmpdir(), "hookops-entra-failures-"));
  cleanups.push(
    () => endpoint.close(),
    () => rm(dir, { recursive: true, force: true }),
  );
  const bin = path.join(dir, "bin");
  await mkdir(bin);
  await writeFile(path.join(bin, "az"), '#!/bin/sh\necho "ERROR: Please run az login to setup account." >&2\nexit 1\n');
  await chmod(path.join(bin, "az"), 0o755);

  const env = { IDENTITY_ENDPOINT: `${endpoint.url}/msi/token`, IDENTITY_HEADER: "identity-header-secret", AZURE_CLIENT_ID: "user-assigned-id" };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value); // @azure/identity reads process.env itself
  vi.stubEnv("PATH", `${bin}${path.delimiter}${process.env.PATH ?? ""}`);
  const error = await openConnection({ org: "https://dev.azure.com/fabrikam", root: dir, env: { ...env, PATH: bin } }).catch((caught: unknown) => caught);

  expect(error).toBeInstanceOf(CredentialError);
  const lines = (error as Error).message.split("\n");
  expect(lines[0]).toMatch(/^No Azure DevOps credential found: set AZURE_DEVOPS_TOKEN/);
  expect(lines.slice(1)).toEqual([
    "  - personal access token: AZURE_DEVOPS_TOKEN and AZURE_DEVOPS_EXT_PAT are not set",
    "  - Azure Pipelines service connection: AZURESUBSCRIPTION_SERVICE_CONNECTION_ID is not set",
    "  - bearer token: SYSTEM_ACCESSTOKEN and AZURE_DEVOPS_BEARER_TOKEN are not set",
    "  - Entra ID service principal / workload identity: AZURE_CLIENT_ID is set but AZURE_TENANT_ID is missing",
    expect.stringMatching(/^ {2}- managed identity \(client user-assigned-id\) announced by IDENTITY_ENDPOINT: failed: .*Identity not found/),
    expect.stringMatching(/^ {2}- the Azure CLI's signed-in account \(az login\): failed: .*az login/),
  ]);
  expect(endpoint.requests).toHaveLength(1);
  expectSecretAbsent(error, "identity-header-secret");
});

it("says what to set, and that managed identity and the Azure CLI are not here, when nothing is set", async () => {
  const error = await openConnection({ org: "https://dev.azure.com/fabrikam", root: tmpdir(), env: {} }).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CredentialError);
  expect((error as Error).message).toContain(
    "  - managed identity: IDENTITY_ENDPOINT and MSI_ENDPOINT are not set (on an Azure VM, set HOOKOPS_MANAGED_IDENTITY=true)",
  );
  expect((error as Error).message).toContain("  - Azure CLI: `az` is not on PATH");
});
