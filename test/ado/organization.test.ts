import { describe, expect, it } from "vitest";
import { InvalidOrganizationError } from "../../src/ado/errors.js";
import { resolveOrganization } from "../../src/ado/organization.js";

describe("resolveOrganization", () => {
  it("turns a bare name into a dev.azure.com organization with its release host", () => {
    expect(resolveOrganization("fabrikam")).toEqual({
      name: "fabrikam",
      url: "https://dev.azure.com/fabrikam",
      releaseUrl: "https://vsrm.dev.azure.com/fabrikam",
    });
  });

  it("accepts dev.azure.com URLs with a trailing slash, a pasted project path or surrounding spaces", () => {
    for (const input of [
      "https://dev.azure.com/fabrikam",
      " https://dev.azure.com/fabrikam/ ",
      "https://dev.azure.com/fabrikam/WebSite/_git/app",
      "https://DEV.AZURE.COM/fabrikam",
    ]) {
      expect(resolveOrganization(input), input).toEqual({
        name: "fabrikam",
        url: "https://dev.azure.com/fabrikam",
        releaseUrl: "https://vsrm.dev.azure.com/fabrikam",
      });
    }
  });

  it("keeps the legacy visualstudio.com host and derives its vsrm host", () => {
    expect(resolveOrganization("https://Fabrikam.visualstudio.com/")).toEqual({
      name: "fabrikam",
      url: "https://fabrikam.visualstudio.com",
      releaseUrl: "https://fabrikam.vsrm.visualstudio.com",
    });
    expect(resolveOrganization("https://fabrikam.visualstudio.com/DefaultCollection").url).toBe("https://fabrikam.visualstudio.com");
  });

  it("uses Azure DevOps Server collection URLs as given and leaves the release host to discovery", () => {
    expect(resolveOrganization("https://tfs.contoso.com/tfs/DefaultCollection/")).toEqual({
      name: "DefaultCollection",
      url: "https://tfs.contoso.com/tfs/DefaultCollection",
    });
    expect(resolveOrganization("http://127.0.0.1:8080/fabrikam")).toEqual({ name: "fabrikam", url: "http://127.0.0.1:8080/fabrikam" });
    expect(resolveOrganization("http://devops.lan:8080/tfs/My%20Collection").url).toBe("http://devops.lan:8080/tfs/My%20Collection");
  });

  it("explains what is wrong with unusable input", () => {
    expect(() => resolveOrganization("")).toThrow(InvalidOrganizationError);
    expect(() => resolveOrganization("fab rikam")).toThrow(/not an organization name/);
    expect(() => resolveOrganization("https://dev.azure.com/")).toThrow(/names no organization/);
    expect(() => resolveOrganization("ftp://dev.azure.com/fabrikam")).toThrow(/https/);
    expect(() => resolveOrganization("https://user:secret@dev.azure.com/fabrikam")).toThrow(/must not contain credentials/);
    expect(() => resolveOrganization("https://user:secret@dev.azure.com/fabrikam")).not.toThrow(/secret/);
  });
});
