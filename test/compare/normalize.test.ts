import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/reconcile/index.js";
import { comparableResourceVersion, naturalKeyOfBody, normalizeHeaders, normalizeInputValue, normalizeResourceVersion } from "../../src/compare/index.js";
import { desired, input, live, WEBSITE_ID } from "../reconcile/builders.js";

/** Plans one desired against one live subscription and expects them to be equal. */
function expectNoChange(desiredOverrides: Parameters<typeof desired>[0], liveOverrides: Parameters<typeof live>[0]): void {
  const plan = buildPlan(input({ desired: [desired(desiredOverrides)], live: [live(liveOverrides)] }));
  expect(plan.changes).toEqual([]);
  expect(plan.noop).toBe(1);
}

describe("normalization: differences that are not changes", () => {
  it("ignores server-added publisher inputs and read-only fields", () => {
    expectNoChange(
      {},
      {
        url: "https://dev.azure.com/fabrikam/_apis/hooks/subscriptions/x",
        eventDescription: "anything",
        actionDescription: "anything",
        modifiedBy: { id: "someone-else" },
        _links: { self: { href: "https://example.invalid" } },
        probationRetries: 0,
      },
    );
  });

  it("treats an empty filter as a missing one, both ways", () => {
    expectNoChange(
      { publisherInputs: { buildStatus: "Failed", definitionName: "WebSite.CI", branch: "" } },
      { publisherInputs: { buildStatus: "Failed", definitionName: "WebSite.CI", projectId: WEBSITE_ID, areaPath: "", changedFields: "" } },
    );
  });

  it("treats resourceVersion null as omitted", () => {
    const { resourceVersion: _omitted, ...withoutVersion } = desired();
    const plan = buildPlan(input({ desired: [withoutVersion], live: [live({ resourceVersion: null })] }));
    expect(plan.changes).toEqual([]);
  });

  it('treats a live resourceVersion "latest" as unset, and a desired one too (REAL-SERVICE.md R10)', () => {
    const { resourceVersion: _omitted, ...withoutVersion } = desired();
    const plan = buildPlan(input({ desired: [withoutVersion], live: [live({ resourceVersion: "latest" })] }));
    expect(plan.changes).toEqual([]);
    expectNoChange({ resourceVersion: "Latest" }, { resourceVersion: null });
  });

  it("ignores a server-set publisherInputs.subscriberId in the diff and in the natural key", () => {
    const withSubscriber = live({ publisherInputs: { ...live().publisherInputs, subscriberId: "0a1b2c3d-0000-4000-8000-000000000001" } });
    expectNoChange({}, withSubscriber);
    expect(naturalKeyOfBody(withSubscriber)).toBe(naturalKeyOfBody(live()));
  });

  it("folds the case of filter values the catalog enumerates", () => {
    expectNoChange({ publisherInputs: { buildStatus: "failed", definitionName: "WebSite.CI" } }, {});
  });

  it("does not fold the case of free-text filters", () => {
    const plan = buildPlan(
      input({ desired: [desired({ id: live().id, publisherInputs: { buildStatus: "Failed", definitionName: "website.ci" } })], live: [live()] }),
    );
    expect(plan.changes.map((change) => change.action)).toEqual(["replace"]);
  });

  it("folds status case and treats an absent status as enabled", () => {
    const { status: _absent, ...withoutStatus } = live();
    expectNoChange({}, withoutStatus);
    expectNoChange({ enabled: false }, { status: "DisabledByUser" as "disabledByUser" });
  });

  it("folds string booleans", () => {
    expectNoChange(
      { consumerInputs: { url: "https://hooks.example.com/ado", acceptUntrustedCerts: "True" } },
      { consumerInputs: { url: "https://hooks.example.com/ado", acceptUntrustedCerts: "true" } },
    );
  });

  it('treats option defaults as equal: resourceDetailsToSend "" = "all" = missing', () => {
    expectNoChange(
      { consumerInputs: { url: "https://hooks.example.com/ado", resourceDetailsToSend: "all", messagesToSend: "All" } },
      { consumerInputs: { url: "https://hooks.example.com/ado", resourceDetailsToSend: "", detailedMessagesToSend: "" } },
    );
  });

  it("treats a value equal to the catalog default as missing", () => {
    const queue = { consumerId: "azureStorageQueue", consumerActionId: "enqueue" };
    expectNoChange(
      { ...queue, consumerInputs: { accountName: "fabrikamstore", queueName: "builds", accountKey: "${env:KEY}", ttl: "604800" } },
      { ...queue, consumerInputs: { accountName: "fabrikamstore", queueName: "builds", accountKey: "********", visiTimeout: "0" } },
    );
  });

  it("compares header lists as sets of trimmed lines with case-insensitive names", () => {
    expectNoChange(
      { consumerInputs: { url: "https://hooks.example.com/ado", httpHeaders: "X-Team: web\nX-Env:prod" } },
      { consumerInputs: { url: "https://hooks.example.com/ado", httpHeaders: "  x-env: prod\r\n\r\nx-team:web  " } },
    );
  });

  it("still sees a changed header value", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ consumerInputs: { url: "https://hooks.example.com/ado", httpHeaders: "X-Env: prod" } })],
        live: [live({ consumerInputs: { url: "https://hooks.example.com/ado", httpHeaders: "X-Env: PROD" } })],
      }),
    );
    expect(plan.changes[0]?.fields).toEqual([{ field: "consumerInputs.httpHeaders", before: "X-Env: PROD", after: "X-Env: prod" }]);
  });

  it("resolves the project by GUID or by name in any case, and folds GUID case in live", () => {
    expectNoChange({ project: WEBSITE_ID.toUpperCase() }, {});
    expectNoChange({ project: "website" }, { publisherInputs: { ...live().publisherInputs, projectId: WEBSITE_ID.toUpperCase() } });
  });

  it("compares URLs in parsed form (host case, empty path)", () => {
    expectNoChange({ consumerInputs: { url: "https://Hooks.Example.com" } }, { consumerInputs: { url: "https://hooks.example.com/" } });
  });
});

describe("normalizeInputValue", () => {
  it("maps values to the comparable form", () => {
    expect(normalizeInputValue("buildStatus", "  ", undefined)).toBeUndefined();
    expect(normalizeInputValue("messagesToSend", "ALL", { id: "messagesToSend", values: ["", "text"] })).toBeUndefined();
    expect(normalizeInputValue("buildStatus", "partiallysucceeded", { id: "buildStatus", values: ["", "PartiallySucceeded"] })).toBe("PartiallySucceeded");
    expect(normalizeInputValue("flag", "FALSE", { id: "flag", dataType: "boolean" })).toBe("false");
    expect(normalizeInputValue("repository", "ABC-DEF", { id: "repository", dataType: "guid" })).toBe("abc-def");
    expect(normalizeInputValue("roomId", "0042", { id: "roomId", dataType: "number" })).toBe("42");
  });

  it("normalizes header lists and drops blank ones", () => {
    expect(normalizeHeaders("B: 2\n a:1 \n\nNoColon")).toBe("a:1\nb:2\nnocolon");
    expect(normalizeInputValue("httpHeaders", "\n \n", undefined)).toBeUndefined();
  });
});

describe("resourceVersion", () => {
  it('null, blank and "latest" (any case) all mean the latest released version', () => {
    expect(normalizeResourceVersion(null)).toBeUndefined();
    expect(normalizeResourceVersion("  ")).toBeUndefined();
    expect(normalizeResourceVersion(" LATEST ")).toBeUndefined();
    expect(normalizeResourceVersion(" 1.0 ")).toBe("1.0");
  });

  it("is compared only for actions that may choose one; unknown actions keep theirs", () => {
    expect(comparableResourceVersion("webHooks", "httpRequest", "1.0")).toBe("1.0");
    expect(comparableResourceVersion("azureServiceBus", "serviceBusQueueSend", "1.0")).toBe("1.0");
    expect(comparableResourceVersion("slack", "postMessageToChannel", "1.0")).toBeUndefined();
    expect(comparableResourceVersion("teams", "postMessageToTeam", "1.0")).toBeUndefined();
    expect(comparableResourceVersion("someone", "somethingElse", "1.0")).toBe("1.0");
    expect(comparableResourceVersion("webHooks", "httpRequest", "latest")).toBeUndefined();
  });
});
