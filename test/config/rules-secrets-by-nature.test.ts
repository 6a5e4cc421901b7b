import { describe, expect, it } from "vitest";
import { check, withHooks } from "./helpers.js";

function hook(body: string): string {
  return `subscriptions:\n  - name: s\n${body.replace(/^/gm, "    ").trimEnd()}\n`;
}

const subscription = (consumer: string, action: string, inputs: string) =>
  `project: WebSite\neventType: git.push\nconsumerId: ${consumer}\nconsumerActionId: ${action}\nconsumerInputs:\n${inputs.replace(/^/gm, "  ")}`;

const SLACK_PATH = "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
const secretLiterals = (lines: readonly string[]) => lines.filter((text) => text.includes("secret-literal"));

describe("incoming-webhook URLs are secrets although the service shows them", () => {
  it("a literal URL of a chat consumer is an error that suggests a reference and never echoes the URL", async () => {
    const { lines } = await check(withHooks(hook(subscription("slack", "postMessageToChannel", `url: https://hooks.slack.com/services/${SLACK_PATH}`))));
    expect(secretLiterals(lines)).toEqual([
      'hooks/hooks.yaml:8:12: error secret-literal: consumer input "url" is an incoming-webhook URL, which carries its secret in its path: anyone who reads it can post as this hook; use a reference such as ${env:SLACK_URL}',
    ]);
    expect(lines.join("\n")).not.toContain(SLACK_PATH);
  });

  it("any URL input of a chat consumer counts, whatever its host", async () => {
    const teams = await check(withHooks(hook(subscription("teams", "postMessage", "url: https://fabrikam.example/teams-relay/abc"))));
    expect(secretLiterals(teams.lines)).toEqual([
      'hooks/hooks.yaml:8:12: error secret-literal: consumer input "url" is an incoming-webhook URL, which carries its secret in its path: anyone who reads it can post as this hook; use a reference such as ${env:TEAMS_URL}',
    ]);
  });

  it("Slack, Discord-style and Office webhook URLs in a Web Hooks url are errors too; an ordinary URL is not", async () => {
    const urls = [
      `https://hooks.slack.com/services/${SLACK_PATH}`,
      "https://discord.com/api/webhooks/123456/abcdef",
      "https://chat.fabrikam.example/api/webhooks/42/secret-token",
      "https://fabrikam.webhook.office.com/webhookb2/abc@def/IncomingWebhook/123/456",
    ];
    for (const url of urls) {
      const { lines } = await check(withHooks(hook(subscription("webHooks", "httpRequest", `url: ${url}`))));
      expect(lines, url).toEqual([
        'hooks/hooks.yaml:8:12: error secret-literal: consumer input "url" is an incoming-webhook URL, which carries its secret in its path: anyone who reads it can post as this hook; use a reference such as ${env:WEB_HOOKS_URL}',
      ]);
    }
    const ordinary = await check(withHooks(hook(subscription("webHooks", "httpRequest", "url: https://hooks.example.com/ado/webhooks"))));
    expect(ordinary.lines).toEqual([]);
  });

  it("a reference, whole or inside the URL, is accepted", async () => {
    const env = { SLACK_URL: "x", SLACK_PATH: "y" };
    const whole = await check(withHooks(hook(subscription("slack", "postMessageToChannel", "url: ${env:SLACK_URL}"))), { env });
    expect(secretLiterals(whole.lines)).toEqual([]);
    const inside = await check(withHooks(hook(subscription("slack", "postMessageToChannel", "url: https://hooks.slack.com/services/${env:SLACK_PATH}"))), {
      env,
    });
    expect(secretLiterals(inside.lines)).toEqual([]);
  });

  it("one finding per value: a webhook URL with a password in it is reported once", async () => {
    const { lines } = await check(withHooks(hook(subscription("webHooks", "httpRequest", "url: https://u:hunter2@discord.com/api/webhooks/1/abc"))));
    expect(secretLiterals(lines)).toHaveLength(1);
    expect(lines.join("\n")).not.toMatch(/hunter2|webhooks\/1/);
  });

  it("an inherited literal is reported where it is written, in hookops.yaml", async () => {
    const config = `defaults:\n  consumerInputs:\n    url: https://hooks.slack.com/services/${SLACK_PATH}\n`;
    const { lines } = await check(withHooks(hook("project: WebSite\neventType: git.push\nconsumerId: slack\nconsumerActionId: postMessageToChannel"), config));
    expect(secretLiterals(lines)).toEqual([
      'hookops.yaml:3:10: error secret-literal: consumer input "url" is an incoming-webhook URL, which carries its secret in its path: anyone who reads it can post as this hook; use a reference such as ${env:SLACK_URL}',
    ]);
  });
});

describe("credential headers in httpHeaders", () => {
  it("Cookie, signatures, keys and tokens written literally are errors; other headers are not", async () => {
    const headers = [
      "X-Team: web",
      "Content-Type: application/json",
      "Cookie: session=abc",
      "X-Signature: sha256=abc",
      "X-Api-Key: abc",
      "X-Auth-Token: abc",
      "Authorization: Basic abc",
    ].join("\\n");
    const { lines } = await check(withHooks(hook(subscription("webHooks", "httpRequest", `url: https://hooks.example.com/x\nhttpHeaders: "${headers}"`))));
    expect(lines).toEqual([
      'hooks/hooks.yaml:9:20: error secret-literal: httpHeaders sets "Authorization" to a literal value; write the credential as a reference, e.g. "Authorization: Bearer ${env:HOOK_TOKEN}"',
      'hooks/hooks.yaml:9:20: error secret-literal: httpHeaders sets "Cookie" to a literal value; write the credential as a reference, e.g. "Cookie: ${env:HOOK_COOKIE}"',
      'hooks/hooks.yaml:9:20: error secret-literal: httpHeaders sets "X-Api-Key" to a literal value; write the credential as a reference, e.g. "X-Api-Key: ${env:HOOK_X_API_KEY}"',
      'hooks/hooks.yaml:9:20: error secret-literal: httpHeaders sets "X-Auth-Token" to a literal value; write the credential as a reference, e.g. "X-Auth-Token: ${env:HOOK_X_AUTH_TOKEN}"',
      'hooks/hooks.yaml:9:20: error secret-literal: httpHeaders sets "X-Signature" to a literal value; write the credential as a reference, e.g. "X-Signature: ${env:HOOK_X_SIGNATURE}"',
    ]);
    expect(lines.join("\n")).not.toMatch(/session=abc|sha256=abc/);
  });

  it("a credential header whose value holds a reference is accepted", async () => {
    const headers = "Cookie: session=${env:SESSION}\\nX-Signature: ${env:SIGNATURE}";
    const { lines } = await check(withHooks(hook(subscription("webHooks", "httpRequest", `url: https://hooks.example.com/x\nhttpHeaders: "${headers}"`))), {
      env: { SESSION: "s", SIGNATURE: "t" },
    });
    expect(lines).toEqual([]);
  });
});
