import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/reconcile/index.js";
import { renderJson, renderMarkdown, renderText } from "../../src/report/index.js";
import { desired, envResolver, input, live } from "./builders.js";

const URL = "https://hooks.example.com/ado";

describe("secrets", () => {
  it("never compares confidential inputs and leaves them out of the body", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ consumerInputs: { url: URL, basicAuthUsername: "ado", basicAuthPassword: "${env:PASSWORD}" } })],
        live: [live({ consumerInputs: { url: URL, basicAuthUsername: "ado", basicAuthPassword: "********" } })],
        resolveReference: envResolver({ PASSWORD: "hunter2-env" }),
      }),
    );
    expect(plan.changes).toEqual([]);
    expect(plan.noop).toBe(1);
  });

  it("ignores even an unmasked live confidential value", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ consumerInputs: { url: URL, basicAuthPassword: "${env:PASSWORD}" } })],
        live: [live({ consumerInputs: { url: URL, basicAuthPassword: "old-live-password" } })],
        resolveReference: envResolver({ PASSWORD: "new-env-password" }),
      }),
    );
    expect(plan.changes).toEqual([]);
  });

  it("lists secret inputs for apply and keeps them out of a create's body and fields", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ consumerInputs: { url: URL, basicAuthPassword: "${env:PASSWORD}", httpHeaders: "Authorization: Bearer ${env:TOKEN}" } })],
      }),
    );
    const [change] = plan.changes;
    expect(change?.secretInputs).toEqual(["basicAuthPassword", "httpHeaders"]);
    expect(change?.body?.consumerInputs).toEqual({ url: URL });
    expect(change?.fields.filter((field) => field.field.startsWith("consumerInputs."))).toEqual([
      { field: "consumerInputs.basicAuthPassword", sensitive: true },
      { field: "consumerInputs.httpHeaders", sensitive: true },
      { field: "consumerInputs.url", after: URL },
    ]);
  });

  it("compares a reference-bearing input by its resolved value and shows no value", () => {
    const headers = "Authorization: Bearer ${env:TOKEN}";
    const plan = buildPlan(
      input({
        desired: [desired({ consumerInputs: { url: URL, httpHeaders: headers } })],
        live: [live({ consumerInputs: { url: URL, httpHeaders: "Authorization: Bearer old-token" } })],
        resolveReference: envResolver({ TOKEN: "new-token" }),
      }),
    );
    expect(plan.changes).toMatchObject([{ action: "update", fields: [{ field: "consumerInputs.httpHeaders", sensitive: true }] }]);
    expect(plan.changes[0]?.fields[0]).not.toHaveProperty("before");
    expect(plan.changes[0]?.fields[0]).not.toHaveProperty("after");
  });

  it("sees no change when the resolved reference equals live", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ consumerInputs: { url: URL, httpHeaders: "Authorization: Bearer ${env:TOKEN}" } })],
        live: [live({ consumerInputs: { url: URL, httpHeaders: "authorization:Bearer same-token" } })],
        resolveReference: envResolver({ TOKEN: "same-token" }),
      }),
    );
    expect(plan.changes).toEqual([]);
  });

  it("does not compare a reference it cannot resolve or a masked live value, and says so", () => {
    for (const [liveHeaders, resolver] of [
      ["Authorization: Bearer old-token", envResolver({})],
      ["********", envResolver({ TOKEN: "new-token" })],
    ] as const) {
      const plan = buildPlan(
        input({
          desired: [desired({ consumerInputs: { url: URL, httpHeaders: "Authorization: Bearer ${env:TOKEN}" } })],
          live: [live({ consumerInputs: { url: URL, httpHeaders: liveHeaders } })],
          resolveReference: resolver,
        }),
      );
      expect(plan.changes).toEqual([]);
      expect(plan.warnings).toEqual([expect.stringContaining("1 input holding ${env:…}/${file:…} references could not be compared")]);
    }
  });

  it("--replace-secrets updates every matched subscription with secret inputs, and only those", () => {
    const plan = buildPlan(
      input({
        desired: [
          desired({ name: "with-secret", consumerInputs: { url: URL, basicAuthPassword: "${env:PASSWORD}" } }),
          desired({ name: "without-secret", consumerInputs: { url: "https://other.example.com/" } }),
        ],
        live: [
          live({ id: "with", consumerInputs: { url: URL, basicAuthPassword: "********" } }),
          live({ id: "without", consumerInputs: { url: "https://other.example.com/" } }),
        ],
        replaceSecrets: true,
      }),
    );
    expect(plan.noop).toBe(1);
    expect(plan.changes).toEqual([
      expect.objectContaining({
        action: "update",
        name: "with-secret",
        reasons: ["secrets re-sent"],
        fields: [{ field: "consumerInputs.basicAuthPassword", sensitive: true, resent: true }],
        secretInputs: ["basicAuthPassword"],
      }),
    ]);
  });

  it("never lets a secret value reach the plan or any rendering of it", () => {
    const secrets = { PASSWORD: "env-password-7f3a", TOKEN: "env-token-91bc", SLACK: "https://hooks.slack.com/services/T0/B0/env-slack-55d1" };
    const liveSecrets = ["live-password-c0de", "live-token-beef"];
    const plan = buildPlan(
      input({
        desired: [
          desired({ consumerInputs: { url: URL, basicAuthPassword: "${env:PASSWORD}", httpHeaders: "X-Token: ${env:TOKEN}" } }),
          desired({
            name: "new-one",
            consumerInputs: { url: "https://new.example.com/", basicAuthPassword: "${env:PASSWORD}", httpHeaders: "X-Token: ${env:TOKEN}" },
          }),
          desired({ name: "slack", consumerId: "slack", consumerActionId: "postMessageToChannel", consumerInputs: { url: "${env:SLACK}" } }),
          desired({ name: "pinned", id: "pinned", consumerInputs: { url: "https://new.example.com/hook?code=from-repo" } }),
        ],
        live: [
          live({ consumerInputs: { url: URL, basicAuthPassword: liveSecrets[0] ?? "", httpHeaders: `X-Token: ${liveSecrets[1]}` }, status: "onProbation" }),
          live({ id: "gone", consumerInputs: { url: "https://old.example.com/x?token=live-query-token", basicAuthPassword: "live-password-2" } }),
          live({ id: "pinned", consumerInputs: { url: "https://user:live-userinfo@old.example.com/hook?code=live-code-7e#live-fragment" } }),
        ],
        resolveReference: envResolver(secrets),
        replaceSecrets: true,
      }),
    );
    // "new-one" is the edited version of "gone": it changes in place, its old URL shown without its query.
    expect(plan.changes.map((change) => change.action).sort()).toEqual(["create", "repair", "replace", "update"]);
    const outputs = [JSON.stringify(plan), renderJson(plan), renderText(plan, { color: false }), renderMarkdown(plan)];
    for (const output of outputs) {
      for (const secret of [...Object.values(secrets), ...liveSecrets, "live-query-token", "live-password-2", "live-userinfo", "live-code-7e", "live-fragment"])
        expect(output).not.toContain(secret);
    }
  });

  it("shows URLs without credentials, query values or fragment", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ id: live().id, consumerInputs: { url: "https://hooks.example.com/v2?team=web" } })],
        live: [live({ consumerInputs: { url: "https://bot:pw@hooks.example.com/ado?code=abc&x=1#frag" } })],
      }),
    );
    expect(plan.changes[0]?.fields).toEqual([
      {
        field: "consumerInputs.url",
        before: "https://***@hooks.example.com/ado?code=***&x=***#***",
        after: "https://hooks.example.com/v2?team=***",
        forcesReplacement: true,
      },
    ]);
  });

  it("hides a URL change that only a query value tells apart", () => {
    const plan = buildPlan(
      input({
        desired: [desired({ id: live().id, consumerInputs: { url: "https://hooks.example.com/ado?code=new" } })],
        live: [live({ consumerInputs: { url: "https://hooks.example.com/ado?code=old" } })],
      }),
    );
    expect(plan.changes[0]?.fields).toEqual([{ field: "consumerInputs.url", sensitive: true, forcesReplacement: true }]);
  });
});
