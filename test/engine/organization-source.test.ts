// Which failures point at a wrong organization, and what the message adds to them.
import { describe, expect, it } from "vitest";
import { AdoAuthError, AdoRequestError } from "../../src/ado/errors.js";
import { explainOrganizationFailure, organizationSources } from "../../src/engine/organization-source.js";

const BASE = "https://dev.azure.com/fabrikan";
const request = (url: string) => ({ method: "GET", url, headers: {} });

describe("explainOrganizationFailure", () => {
  const sources = organizationSources({
    org: "fabrikan",
    env: { AZURE_DEVOPS_ORG_URL: "https://dev.azure.com/fabrikam", SYSTEM_COLLECTIONURI: "https://dev.azure.com/fabrikan/" },
  });

  it("adds the source, the fix and the other settings that differ to a sign-in page on an organization route", () => {
    const error = new AdoAuthError("GET … failed: HTTP 203 (a sign-in page)", {
      status: 203,
      request: request(`${BASE}/_apis/connectionData`),
      credential: "a PAT",
    });
    explainOrganizationFailure(error, BASE, sources);
    expect(error).toBeInstanceOf(AdoAuthError);
    expect(error.message).toMatchInlineSnapshot(`
      "GET … failed: HTTP 203 (a sign-in page)
      No organization at https://dev.azure.com/fabrikan: a sign-in page came back (HTTP 203), so the organization does not exist or the credential is not valid for it.
      --org set it ("fabrikan"): check the spelling there. An organization is a name (fabrikam), https://dev.azure.com/{organization} or an Azure DevOps Server collection URL.
      AZURE_DEVOPS_ORG_URL names another one, "https://dev.azure.com/fabrikam", which --org overrides."
    `);
  });

  it("leaves a 404 under a project and any other failure as they are", () => {
    for (const error of [
      new AdoRequestError("HTTP 404", { status: 404, request: request(`${BASE}/WebSite/_apis/git/repositories`) }),
      new AdoRequestError("HTTP 500", { status: 500, request: request(`${BASE}/_apis/projects`) }),
    ]) {
      const before = error.message;
      explainOrganizationFailure(error, BASE, sources);
      expect(error.message).toBe(before);
    }
  });

  it("names hookops.yaml when no flag and no variable set the organization", () => {
    const config = { root: "/nowhere", configFile: "repo/hookops.yaml", organization: "fabrikan" } as Parameters<typeof organizationSources>[0]["config"];
    expect(organizationSources({ config, env: {} })).toEqual([{ value: "fabrikan", label: "repo/hookops.yaml `organization`" }]);
    expect(organizationSources({ env: {} })).toEqual([]);
  });
});
