import { symlink } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRepository } from "../../src/config/index.js";
import { check, line, makeRepo, withHooks } from "./helpers.js";

function hook(body: string): string {
  return `subscriptions:\n  - name: s\n${body.replace(/^/gm, "    ").trimEnd()}\n`;
}

const webhook = (inputs: string) =>
  `project: WebSite\neventType: git.push\nconsumerId: webHooks\nconsumerActionId: httpRequest\nconsumerInputs:\n${inputs.replace(/^/gm, "  ")}`;

describe("confidential inputs", () => {
  it("must be references, never literals, and the literal is never echoed", async () => {
    const storage = `project: Mobile\neventType: workitem.created\nconsumerId: azureStorageQueue\nconsumerActionId: enqueue\nconsumerInputs: { accountName: fab, accountKey: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", queueName: bugs, visiTimeout: 0, ttl: 60 }`;
    const serviceBus = `project: Mobile\neventType: workitem.created\nconsumerId: azureServiceBus\nconsumerActionId: serviceBusQueueSend\nconsumerInputs: { connectionString: "Endpoint=sb://fab.example/;SharedAccessKey=abc", queueName: q }`;
    const { lines } = await check({
      "hookops.yaml": "{}\n",
      "hooks/a.yaml": hook(webhook("url: https://a.example\nbasicAuthUsername: ado\nbasicAuthPassword: hunter2")),
      "hooks/b.yaml": hook(storage).replace("name: s", "name: b"),
      "hooks/c.yaml": hook(serviceBus).replace("name: s", "name: c"),
    });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml:10:26: error secret-literal: consumer input "basicAuthPassword" is confidential and must not be written in the repo; use a reference such as \${env:BASIC_AUTH_PASSWORD} or \${file:path}",
        "hooks/b.yaml:7:53: error secret-literal: consumer input "accountKey" is confidential and must not be written in the repo; use a reference such as \${env:ACCOUNT_KEY} or \${file:path}",
        "hooks/c.yaml:7:41: error secret-literal: consumer input "connectionString" is confidential and must not be written in the repo; use a reference such as \${env:CONNECTION_STRING} or \${file:path}",
      ]
    `);
    const text = lines.join("\n");
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("0123456789abcdef");
    expect(text).not.toContain("SharedAccessKey");
  });

  it("a whole-value reference is accepted; a reference with literal text around it is not", async () => {
    const ok = await check(withHooks(hook(webhook("url: https://a.example\nbasicAuthPassword: ${env:HOOK_PASSWORD}"))), { env: { HOOK_PASSWORD: "x" } });
    expect(ok.lines).toEqual([]);
    const partial = await check(withHooks(hook(webhook("url: https://a.example\nbasicAuthPassword: pre-${env:HOOK_PASSWORD}"))), {
      env: { HOOK_PASSWORD: "x" },
    });
    expect(partial.lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:9:26: error secret-literal: consumer input "basicAuthPassword" is confidential and must not be written in the repo; use a reference such as \${env:BASIC_AUTH_PASSWORD} or \${file:path}",
      ]
    `);
  });

  it("a literal secret inherited from defaults is reported in hookops.yaml", async () => {
    const config = "defaults:\n  consumerInputs:\n    basicAuthPassword: hunter2\n";
    const { lines } = await check(withHooks(hook(webhook("url: https://a.example")), config));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hookops.yaml:3:24: error secret-literal: consumer input "basicAuthPassword" is confidential and must not be written in the repo; use a reference such as \${env:BASIC_AUTH_PASSWORD} or \${file:path}",
      ]
    `);
  });

  it("a password in a URL, a literal credential header, and a secret-looking unknown input", async () => {
    const inputs = 'url: https://ado:hunter2@hooks.example.com/x\nhttpHeaders: "X-Team: web\\nAuthorization: Bearer abc123"\napiToken: abc123';
    const { lines } = await check(withHooks(hook(webhook(inputs))));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:8:12: error secret-literal: consumer input "url" carries a password in the URL; use basic authentication inputs with a reference instead",
        "hooks/hooks.yaml:9:20: error secret-literal: httpHeaders sets "Authorization" to a literal value; write the credential as a reference, e.g. "Authorization: Bearer \${env:HOOK_TOKEN}"",
        "hooks/hooks.yaml:10:7: error unknown-input: unknown consumer input "apiToken" for "webHooks/httpRequest". Known inputs: "url", "httpHeaders", "basicAuthUsername", "basicAuthPassword", "resourceDetailsToSend", "messagesToSend", "detailedMessagesToSend" or "acceptUntrustedCerts".",
        "hooks/hooks.yaml:10:17: warning secret-literal: consumer input "apiToken" looks like a secret; use a reference such as \${env:API_TOKEN} instead of a literal",
      ]
    `);
    expect(lines.join("\n")).not.toMatch(/hunter2|abc123/);
    const referenced = await check(withHooks(hook(webhook('url: https://hooks.example.com/x\nhttpHeaders: "Authorization: Bearer ${env:HOOK_TOKEN}"'))), {
      env: { HOOK_TOKEN: "t" },
    });
    expect(referenced.lines).toEqual([]);
  });
});

describe("webhook URLs", () => {
  it("must be https unless allowInsecureUrl is set on that subscription", async () => {
    const { lines } = await check(withHooks(hook(webhook("url: http://hooks.example.com/x"))));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:8:12: error insecure-url: consumer input "url" uses http://, so events (and any credentials) travel unencrypted; use https:// or set "allowInsecureUrl: true" on this subscription",
      ]
    `);
    const allowed = await check(withHooks(hook(`${webhook("url: http://hooks.example.com/x")}\nallowInsecureUrl: true`)));
    expect(allowed.lines).toEqual([]);
    expect(allowed.load.subscriptions[0]?.allowInsecureUrl).toBe(true);
  });

  it("applies to every URL input, e.g. Jenkins' server URL", async () => {
    const body = `project: WebSite\neventType: git.push\nconsumerId: jenkins\nconsumerActionId: triggerGitBuild\nconsumerInputs: { serverBaseUrl: "http://jenkins.internal", username: ado, password: "\${env:JENKINS_PASSWORD}" }`;
    const { lines } = await check(withHooks(hook(body)), { env: { JENKINS_PASSWORD: "x" } });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:7:38: error insecure-url: consumer input "serverBaseUrl" uses http://, so events (and any credentials) travel unencrypted; use https:// or set "allowInsecureUrl: true" on this subscription",
      ]
    `);
  });

  it("must be a URL at all", async () => {
    const { lines } = await check(withHooks(hook(webhook("url: hooks.example.com/x"))));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:8:12: error invalid-input-value: consumer input "url" must be an http(s) URL",
      ]
    `);
  });
});

describe("references", () => {
  it("an unset variable is a warning for validate and an error when values are required", async () => {
    const files = withHooks(hook(webhook("url: https://a.example\nbasicAuthPassword: ${env:WEBSITE_HOOK_PASSWORD}")));
    const warn = await check(files);
    expect(warn.lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:9:26: warning unset-reference: consumerInputs.basicAuthPassword: environment variable WEBSITE_HOOK_PASSWORD is not set; it is needed when the subscription is applied",
      ]
    `);
    const required = await check(files, { references: "require" });
    expect(required.lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:9:26: error unset-reference: consumerInputs.basicAuthPassword: environment variable WEBSITE_HOOK_PASSWORD is not set",
      ]
    `);
    const emptyInCi = await check(files, { env: { WEBSITE_HOOK_PASSWORD: "" } });
    expect(emptyInCi.lines).toEqual(warn.lines);
    const set = await check(files, { env: { WEBSITE_HOOK_PASSWORD: "s3cret" } });
    expect(set.lines).toEqual([]);
    expect(set.load.subscriptions[0]?.consumerInputs.basicAuthPassword).toBe("${env:WEBSITE_HOOK_PASSWORD}");
  });

  it("names inherited from Object.prototype are not mistaken for set variables or known inputs", async () => {
    const { lines } = await check(withHooks(hook(webhook("url: https://a.example\nbasicAuthPassword: ${env:constructor}\n__proto__: x"))));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:9:26: warning unset-reference: consumerInputs.basicAuthPassword: environment variable constructor is not set; it is needed when the subscription is applied",
        "hooks/hooks.yaml:10:7: error unknown-input: unknown consumer input "__proto__" for "webHooks/httpRequest". Known inputs: "url", "httpHeaders", "basicAuthUsername", "basicAuthPassword", "resourceDetailsToSend", "messagesToSend", "detailedMessagesToSend" or "acceptUntrustedCerts".",
      ]
    `);
  });

  it("malformed references are errors", async () => {
    const { lines } = await check(withHooks(hook(webhook("url: https://a.example/${env:HOOK\nbasicAuthPassword: ${vault:hook}"))));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:8:12: error invalid-reference: consumerInputs.url: unclosed "\${" (write "$\${" for a literal "\${")",
        "hooks/hooks.yaml:9:26: error invalid-reference: consumerInputs.basicAuthPassword: only "\${env:NAME}" and "\${file:path}" references exist (write "$\${" for a literal "\${")",
        "hooks/hooks.yaml:9:26: error secret-literal: consumer input "basicAuthPassword" is confidential and must not be written in the repo; use a reference such as \${env:BASIC_AUTH_PASSWORD} or \${file:path}",
      ]
    `);
  });

  it("${file:} must stay inside the repo root: .., absolute and symlinks are errors; a missing file warns", async () => {
    const outside = await makeRepo({ "secret.txt": "outside" });
    const root = await makeRepo({
      "hookops.yaml": "{}\n",
      "secrets/present.txt": "inside\n",
      "hooks/a.yaml": [
        "subscriptions:",
        ...["../secret.txt", `${path.join(outside, "secret.txt")}`, "secrets/link.txt", "secrets/absent.txt", "secrets/present.txt"].flatMap(
          (target, index) => [
            `  - name: s${index}`,
            "    project: WebSite",
            "    eventType: git.push",
            "    consumerId: webHooks",
            "    consumerActionId: httpRequest",
            `    consumerInputs: { url: "https://a.example/${index}", basicAuthPassword: "\${file:${target}}" }`,
          ],
        ),
        "",
      ].join("\n"),
    });
    await symlink(path.join(outside, "secret.txt"), path.join(root, "secrets", "link.txt"));
    const load = await loadRepository(".", { cwd: root, env: {} });
    const lines = load.findings.map(line).map((text) => text.replace(outside, "<outside>"));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml:7:70: error reference-outside-root: consumerInputs.basicAuthPassword: \${file:} path "../secret.txt" leaves the repo root",
        "hooks/a.yaml:13:70: error reference-outside-root: consumerInputs.basicAuthPassword: \${file:} path "<outside>/secret.txt" is absolute; \${file:} paths are relative to the repo root",
        "hooks/a.yaml:19:70: error reference-outside-root: consumerInputs.basicAuthPassword: \${file:} path "secrets/link.txt" resolves outside the repo root through a symbolic link",
        "hooks/a.yaml:25:70: warning unset-reference: consumerInputs.basicAuthPassword: file secrets/absent.txt does not exist; it is needed when the subscription is applied",
      ]
    `);
    expect(lines.join("\n")).not.toContain("inside");
  });
});
