import { describe, expect, it } from "vitest";
import { buildPlan } from "../../src/reconcile/index.js";
import { renderText, shouldUseColor } from "../../src/report/index.js";
import { desired, input, live } from "../reconcile/builders.js";
import { mixedPlan } from "./fixtures.js";

const ESC = "\u001b[";

describe("renderText", () => {
  it("renders every kind of change, field by field", () => {
    const text = renderText(mixedPlan(), { color: false });
    expect(text).not.toContain(ESC);
    expect(text).toMatchInlineSnapshot(`
      "hookops plan for fabrikam

      + website-ci-failed (WebSite) will be created
          + project = "WebSite"
          + publisherId = "tfs"
          + eventType = "build.complete"
          + resourceVersion = "1.0"
          + publisherInputs.buildStatus = "Failed"
          + publisherInputs.definitionName = "WebSite.CI"
          + consumerId = "webHooks"
          + consumerActionId = "httpRequest"
          + consumerInputs.basicAuthPassword = (sensitive value)
          + consumerInputs.basicAuthUsername = "ado"
          + consumerInputs.url = "https://hooks.example.com/ado"
          + status = "enabled"

      -/+ website-deploys (WebSite) must be replaced
          id: 3f0c0a4e-0000-4000-8000-000000000003
          # a keyed field changed: the new subscription is created before the old one is deleted
          ~ consumerInputs.url: "https://deploys.example.com/v1" -> "https://deploys.example.com/v2"  # forces replacement

      ~ website-pr-updated (WebSite) will be updated in place
          id: 2b1d0c5e-0000-4000-8000-000000000002
          ~ consumerInputs.httpHeaders:
              --- live
              +++ desired
              @@ -1,2 +1,3 @@
               X-Team: web
              -X-Env: staging
              +X-Env: prod
              +X-Trace: on
          ~ consumerInputs.messagesToSend: "text" -> "markdown"

      ~ website-push (WebSite) will be repaired
          id: 4a7e9b10-0000-4000-8000-000000000004
          # repair: onProbation -> enabled (2 probation retries)
          ~ status: "onProbation" -> "enabled"

      - build.complete -> webHooks (retired.example.com) (WebSite) will be deleted
          id: 5c3f2d11-0000-4000-8000-000000000005
          # not in the configuration

      Unmanaged subscriptions in scope (not in the configuration, left as is):
        build.complete -> webHooks (teams.example.com) (WebSite): disabledBySystem, id 6d4e3f22-0000-4000-8000-000000000006, protected

      Unhealthy subscriptions (events are being lost):
        website-push (WebSite): onProbation, 2 probation retries, id 4a7e9b10-0000-4000-8000-000000000004 (managed)
        build.complete -> webHooks (teams.example.com) (WebSite): disabledBySystem, id 6d4e3f22-0000-4000-8000-000000000006 (protected, left as is)

      Warnings:
        ! "website-ci-failed" pins id 00000000-0000-4000-8000-00000000dead, which no live subscription has; it is matched by its key instead.

      Apply will refuse this plan:
        x hooks/website.yaml:2:5: "mobile-ci" names project "Mobil", which does not exist in fabrikam. Did you mean "Mobile"?

      Plan: 1 to create, 2 to update, 1 to replace, 1 to delete.
      "
    `);
  });

  it("colors only when asked", () => {
    const colored = renderText(mixedPlan(), { color: true });
    expect(colored).toContain(`${ESC}32m+${ESC}39m`);
    expect(colored).toContain(`${ESC}31m-${ESC}39m/${ESC}32m+${ESC}39m`);
    expect(colored.replace(/\u001b\[\d+m/g, "")).toBe(renderText(mixedPlan(), { color: false }));
  });

  it("says so when nothing changes", () => {
    const plan = buildPlan(input({ desired: [desired()], live: [live()] }));
    expect(renderText(plan, { color: false })).toMatchInlineSnapshot(`
      "hookops plan for fabrikam (1 subscription already up to date)

      No changes. Live subscriptions match the configuration.
      "
    `);
  });

  it("never claims a match when a refusal withheld every change", () => {
    const unread = [{ host: "default" as const, where: "https://dev.azure.com/fabrikam", reason: "HTTP 503." }];
    const plan = buildPlan(input({ desired: [desired()], live: [], unread }));
    const text = renderText(plan, { color: false });
    expect(text).not.toContain("No changes. Live subscriptions match the configuration.");
    expect(text.trimEnd().split("\n").at(-1)).toBe("No changes can be planned until what the refusals name is resolved.");
  });

  it("ends with the exact summary line", () => {
    const lines = renderText(mixedPlan(), { color: false }).trimEnd().split("\n");
    expect(lines.at(-1)).toBe("Plan: 1 to create, 2 to update, 1 to replace, 1 to delete.");
  });
});

describe("shouldUseColor", () => {
  const tty = { isTTY: true };
  const pipe = { isTTY: false };
  it("colors a terminal unless --no-color or NO_COLOR says otherwise", () => {
    expect(shouldUseColor(tty, {}, true)).toBe(true);
    expect(shouldUseColor(tty, {}, false)).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: "1" }, true)).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: "" }, true)).toBe(true);
    expect(shouldUseColor(tty, { TERM: "dumb" })).toBe(false);
  });

  it("does not color a pipe unless FORCE_COLOR asks", () => {
    expect(shouldUseColor(pipe, {}, true)).toBe(false);
    expect(shouldUseColor({}, {}, true)).toBe(false);
    expect(shouldUseColor(pipe, { FORCE_COLOR: "1" }, true)).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: "0" }, true)).toBe(false);
    expect(shouldUseColor(pipe, { FORCE_COLOR: "1" }, false)).toBe(false);
  });
});
