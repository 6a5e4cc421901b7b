// A wrong organization (404 on an organization route, a host that does not resolve) says which
// setting named it — --org, hookops.yaml with its line, or the environment — and what to do.
import { afterEach, describe, expect, it } from "vitest";
import { makeRepo, startOrganization, webhook, type Organization, type Repo } from "../e2e/helpers.js";
import { noStackTrace, runCli } from "./helpers.js";

let org: Organization | undefined;
let repo: Repo | undefined;
afterEach(async () => {
  await org?.emulator.close();
  await repo?.cleanup();
  org = undefined;
  repo = undefined;
});

/** stderr with the emulator's port and the temporary folder made stable. */
function stable(text: string, dir: string): string {
  return (
    text
      .replaceAll(/127\.0\.0\.1:\d+/g, "127.0.0.1:PORT")
      // Shown relative to the working folder, which may be anywhere (../hookops-e2e-…, ../../tmp/hookops-e2e-…).
      .replaceAll(/[^\s"]*hookops-e2e-\w+/g, "<repo>")
      .replaceAll(dir, "<repo>")
  );
}

describe("a wrong organization", () => {
  it("names hookops.yaml and its line when the organization there is not found", async () => {
    org = await startOrganization();
    const typo = org.org.replace("fabrikam", "fabrikan");
    repo = await makeRepo({ include: ["hooks/**/*.yaml"], organization: typo }, [webhook("ci", "https://ci.example/hook")]);
    org.emulator.resetCounters();
    const run = await runCli(["plan", repo.dir], { env: org.env });
    expect(run.code).toBe(1);
    // connectionData and the project list fail together; one membership lookup explains both.
    expect(org.emulator.counters()).toMatchObject({ "GET /_apis/profile/profiles/me": 1, "GET /_apis/accounts": 1 });
    noStackTrace(run);
    expect(stable(run.stderr, repo.dir)).toMatchInlineSnapshot(`
      "Error: GET http://127.0.0.1:PORT/fabrikan/_apis/connectionData?api-version=7.1-preview.1 failed: HTTP 404 VssResourceNotFoundException: No API resource is registered at /fabrikan/_apis/connectionData..
      No organization at http://127.0.0.1:PORT/fabrikan: HTTP 404.
      <repo>/hookops.yaml:3 \`organization\` set it ("http://127.0.0.1:PORT/fabrikan"): check the spelling there, or pass --org. An organization is a name (fabrikam), https://dev.azure.com/{organization} or an Azure DevOps Server collection URL.
      The credential is a member of: fabrikam. Did you mean "fabrikam"?
      "
    `);
  });

  it("names --org, and the environment variable it overrides", async () => {
    org = await startOrganization();
    repo = await makeRepo({ include: ["hooks/**/*.yaml"] }, [webhook("ci", "https://ci.example/hook")]);
    const run = await runCli(["plan", repo.dir, "--org", org.org.replace("fabrikam", "fabrikan"), "--json"], {
      env: { ...org.env, AZURE_DEVOPS_ORG_URL: org.org },
    });
    expect(run.code).toBe(1);
    expect(stable(run.stderr, repo.dir)).toMatchInlineSnapshot(`
      "Error: GET http://127.0.0.1:PORT/fabrikan/_apis/connectionData?api-version=7.1-preview.1 failed: HTTP 404 VssResourceNotFoundException: No API resource is registered at /fabrikan/_apis/connectionData..
      No organization at http://127.0.0.1:PORT/fabrikan: HTTP 404.
      --org set it ("http://127.0.0.1:PORT/fabrikan"): check the spelling there. An organization is a name (fabrikam), https://dev.azure.com/{organization} or an Azure DevOps Server collection URL.
      AZURE_DEVOPS_ORG_URL names another one, "http://127.0.0.1:PORT/fabrikam", which --org overrides.
      The credential is a member of: fabrikam. Did you mean "fabrikam"?
      "
    `);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { kind: "connection", type: "AdoRequestError", status: 404, method: "GET" } });
  });

  it("says the host does not resolve, naming AZURE_DEVOPS_ORG_URL", async () => {
    repo = await makeRepo({ include: ["hooks/**/*.yaml"] }, [webhook("ci", "https://ci.example/hook")]);
    const run = await runCli(["plan", repo.dir], { env: { AZURE_DEVOPS_TOKEN: "t", AZURE_DEVOPS_ORG_URL: "https://hookops-test.invalid/fabrikam" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("No organization at https://hookops-test.invalid/fabrikam: the host hookops-test.invalid does not resolve (DNS).");
    expect(run.stderr).toContain('AZURE_DEVOPS_ORG_URL set it ("https://hookops-test.invalid/fabrikam"): check the spelling there, or pass --org.');
  });
});
