import { describe, expect, it } from "vitest";
import { baseNameOf, eventSlug, NameRegistry, slugify, upperSnake, variableName } from "../../src/export/naming.js";

describe("names derived from event, consumer and target", () => {
  it("uses the event, the consumer and the host of a webhook URL (never its path or query)", () => {
    const name = baseNameOf({
      eventType: "build.complete",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      consumerInputs: { url: "https://hooks.example.com/ado/build?code=abc123" },
    });
    expect(name).toBe("build-complete-webhooks-hooks-example-com");
  });

  it("uses every key input of the action: a storage queue is named by account and queue", () => {
    const name = baseNameOf({
      eventType: "workitem.created",
      consumerId: "azureStorageQueue",
      consumerActionId: "enqueue",
      consumerInputs: { accountName: "fabrikamhooks", accountKey: "********", queueName: "mobile-bugs" },
    });
    expect(name).toBe("workitem-created-azurestoragequeue-fabrikamhooks-mobile-bugs");
  });

  it("shortens release event ids and keeps a port", () => {
    expect(eventSlug("ms.vss-release.deployment-completed-event")).toBe("release-deployment-completed");
    expect(
      baseNameOf({ eventType: "git.push", consumerId: "webHooks", consumerActionId: "httpRequest", consumerInputs: { url: "http://ci.internal:8080/push" } }),
    ).toBe("git-push-webhooks-ci-internal-8080");
  });

  it("never puts a masked value into a name", () => {
    const name = baseNameOf({ eventType: "git.push", consumerId: "webHooks", consumerActionId: "httpRequest", consumerInputs: { url: "********" } });
    expect(name).toBe("git-push-webhooks");
  });

  it("is always valid for the schema: no spaces or @, at most 80 characters", () => {
    const name = baseNameOf({
      eventType: "git.push",
      consumerId: "webHooks",
      consumerActionId: "httpRequest",
      consumerInputs: { url: `https://${"very-long-subdomain.".repeat(8)}example.com/` },
    });
    expect(name.length).toBeLessThanOrEqual(80);
    expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slugify(" Wébsite  Ops @ Team ")).toBe("website-ops-team");
  });
});

describe("NameRegistry", () => {
  it("suffixes later claimants with -2, -3 and never hands out a reserved or taken name", () => {
    const registry = new NameRegistry(["git-push-webhooks-hooks-example-com-2"]);
    expect(registry.claim("build-complete-webhooks-x")).toBe("build-complete-webhooks-x");
    expect(registry.claim("build-complete-webhooks-x")).toBe("build-complete-webhooks-x-2");
    expect(registry.claim("build-complete-webhooks-x")).toBe("build-complete-webhooks-x-3");
    expect(registry.claim("git-push-webhooks-hooks-example-com")).toBe("git-push-webhooks-hooks-example-com");
    expect(registry.claim("git-push-webhooks-hooks-example-com")).toBe("git-push-webhooks-hooks-example-com-3");
    expect(registry.claim("Build-Complete-Webhooks-X")).toBe("Build-Complete-Webhooks-X-4");
  });
});

describe("variable names", () => {
  it("are HOOKOPS_<NAME>_<INPUT> in upper snake case", () => {
    expect(variableName("build-complete-webhooks-hooks-example-com", "basicAuthPassword")).toBe(
      "HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD",
    );
    expect(variableName("a-2", "httpHeaders", "X-Api-Key")).toBe("HOOKOPS_A_2_HTTP_HEADERS_X_API_KEY");
    expect(upperSnake("accountKey")).toBe("ACCOUNT_KEY");
  });
});
