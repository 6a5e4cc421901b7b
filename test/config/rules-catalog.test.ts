import { describe, expect, it } from "vitest";
import { check, withHooks } from "./helpers.js";

/** One subscription at line 2; `body` lines follow the name at 4-space indent. */
function hook(body: string): string {
  return `subscriptions:\n  - name: s\n${body.replace(/^/gm, "    ").trimEnd()}\n`;
}

const WEBHOOK = `consumerId: webHooks
consumerActionId: httpRequest
consumerInputs:
  url: https://hooks.example.com/ado`;

describe("required fields after defaults", () => {
  it("reports what is missing at the entry", async () => {
    const { lines } = await check(withHooks(hook("consumerId: webHooks")));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:2:5: error missing-field: subscription "s" is missing "consumerActionId" (set it here or in defaults)",
        "hooks/hooks.yaml:2:5: error missing-field: subscription "s" is missing "eventType" (set it here or in defaults)",
        "hooks/hooks.yaml:2:5: error missing-field: subscription "s" is missing "project" (or "projects" to fan out)",
      ]
    `);
  });

  it("accepts fields supplied by defaults", async () => {
    const config = "defaults:\n  project: WebSite\n  consumerId: webHooks\n  consumerActionId: httpRequest\n";
    const { lines, load } = await check(withHooks(hook("eventType: git.push\nconsumerInputs: { url: https://hooks.example.com/a }"), config));
    expect(lines).toEqual([]);
    expect(load.subscriptions[0]).toMatchObject({ project: "WebSite", consumerId: "webHooks", consumerActionId: "httpRequest" });
  });

  it("project and projects exclude each other; id cannot fan out", async () => {
    const body = `project: WebSite\nprojects: [Mobile, Platform]\nid: 6c1f3b7e-8a2d-4f5e-9b0c-1d2e3f4a5b6c\neventType: git.push\n${WEBHOOK}`;
    const { lines } = await check(withHooks(hook(body)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:4:5: error project-conflict: use either "project" or "projects", not both",
        "hooks/hooks.yaml:5:9: error id-with-fan-out: "id" pins one live subscription, so it cannot be combined with "projects" (2 projects)",
      ]
    `);
  });
});

describe("event type and publisher", () => {
  it("unknown eventType suggests the closest ids", async () => {
    const { lines } = await check(withHooks(hook(`project: WebSite\neventType: build.completed\n${WEBHOOK}`)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:4:16: error unknown-event-type: unknown eventType "build.completed". Did you mean "build.complete"?",
      ]
    `);
  });

  it("infers publisherId, and a given one must agree", async () => {
    const inferred = await check(withHooks(hook(`project: WebSite\neventType: ms.vss-release.deployment-completed-event\n${WEBHOOK}`)));
    expect(inferred.lines).toEqual([]);
    expect(inferred.load.subscriptions[0]?.publisherId).toBe("rm");
    const agreeing = await check(withHooks(hook(`project: WebSite\npublisherId: tfs\neventType: git.push\n${WEBHOOK}`)));
    expect(agreeing.lines).toEqual([]);
    const { lines } = await check(withHooks(hook(`project: WebSite\npublisherId: rm\neventType: git.push\n${WEBHOOK}`)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:4:18: error publisher-mismatch: publisherId "rm" does not match eventType "git.push", which the "tfs" publisher raises; remove publisherId (it is inferred) or set it to "tfs"",
      ]
    `);
  });

  it("an unknown publisherId is an error", async () => {
    const { lines } = await check(withHooks(hook(`project: WebSite\npublisherId: tfz\neventType: git.push\n${WEBHOOK}`)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:4:18: error unknown-publisher: unknown publisherId "tfz". Did you mean "tfs"? It can be left out: hookops infers it from eventType.",
      ]
    `);
  });

  it("an unknown event of a publisher the catalog marks uncertain is a warning", async () => {
    const { lines, load } = await check(withHooks(hook(`project: WebSite\npublisherId: distributedtask\neventType: agentpool.deleted\n${WEBHOOK}`)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:5:16: warning unknown-event-type: unknown eventType "agentpool.deleted". The catalog's list for publisher "distributedtask" is incomplete, so this may still work.",
      ]
    `);
    expect(load.subscriptions[0]?.publisherId).toBe("distributedtask");
  });

  it("resourceVersion outside the event's versions is an error that lists them", async () => {
    const { lines } = await check(withHooks(hook(`project: WebSite\neventType: build.complete\nresourceVersion: "5.0"\n${WEBHOOK}`)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:5:22: error unknown-resource-version: resourceVersion "5.0" is not a version of "build.complete"; use "1.0", "2.0", "2.0-preview.2" or "1.0-preview.1", or leave it out (or write "latest") for the newest",
      ]
    `);
  });

  it("a deprecated event is a warning; its required filter is checked", async () => {
    const { lines } = await check(withHooks(hook(`project: WebSite\neventType: message.posted\n${WEBHOOK}`)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:2:5: error missing-input: "message.posted" requires the filter "roomId" in publisherInputs",
        "hooks/hooks.yaml:4:16: warning deprecated-event-type: eventType "message.posted" (Team room message posted) is deprecated and may stop being delivered",
      ]
    `);
  });
});

describe("filters (publisherInputs)", () => {
  it("projectId and server-added keys point to project", async () => {
    const body = `project: WebSite\neventType: build.complete\npublisherInputs:\n  projectId: 6c1f3b7e-8a2d-4f5e-9b0c-1d2e3f4a5b6c\n  hostId: x\n  tfsSubscriptionId: y\n${WEBHOOK}`;
    const { lines, load } = await check(withHooks(hook(body)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:6:7: error reserved-filter: publisherInputs.projectId is set by hookops from "project"; write "project: <name or GUID>" on the subscription instead",
        "hooks/hooks.yaml:7:7: error reserved-filter: publisherInputs.hostId is added by the service when the subscription is created; remove it (the project comes from "project")",
        "hooks/hooks.yaml:8:7: error reserved-filter: publisherInputs.tfsSubscriptionId is added by the service when the subscription is created; remove it (the project comes from "project")",
      ]
    `);
    expect(load.subscriptions[0]?.publisherInputs).toEqual({});
  });

  it("unknown filters suggest known ones", async () => {
    const body = `project: WebSite\neventType: build.complete\npublisherInputs:\n  buildstatus: Failed\n  color: red\n${WEBHOOK}`;
    const { lines } = await check(withHooks(hook(body)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:6:7: error unknown-filter: unknown filter "buildstatus" for "build.complete". Did you mean "buildStatus"?",
        "hooks/hooks.yaml:7:7: error unknown-filter: unknown filter "color" for "build.complete". Known filters: "definitionName", "buildStatus" or "teamId".",
      ]
    `);
  });

  it("an unknown filter on an event the catalog marks uncertain is a warning", async () => {
    const body = `project: WebSite\neventType: elasticagentpool.resized\npublisherInputs:\n  poolName: linux\n${WEBHOOK}`;
    const { lines } = await check(withHooks(hook(body)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:6:7: warning unknown-filter: unknown filter "poolName" for "elasticagentpool.resized". Known filters: "poolId".",
      ]
    `);
  });

  it('values compare case-insensitively, "" means any, other values are warnings with a suggestion (the service does not check them)', async () => {
    const ok = await check(
      withHooks(hook(`project: WebSite\neventType: build.complete\npublisherInputs: { buildStatus: failed, definitionName: "" }\n${WEBHOOK}`)),
    );
    expect(ok.lines).toEqual([]);
    const any = await check(withHooks(hook(`project: WebSite\neventType: build.complete\npublisherInputs: { buildStatus: "" }\n${WEBHOOK}`)));
    expect(any.lines).toEqual([]);
    const body = `project: WebSite\neventType: git.push\npublisherInputs:\n  repository: WebSite.Repo\n${WEBHOOK}`;
    const bad = await check(withHooks(hook(`project: WebSite\neventType: build.complete\npublisherInputs: { buildStatus: Faild }\n${WEBHOOK}`)));
    expect(bad.lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:5:37: warning unknown-filter-value: filter "buildStatus" is not one of "Succeeded", "PartiallySucceeded", "Failed" or "Stopped" (or "" for any). Did you mean "Failed"? The service accepts any value here, but an event may never match it",
      ]
    `);
    // A repository may be named: plan looks its id up (test/engine/names.test.ts).
    const named = await check(withHooks(hook(body)));
    expect(named.lines).toEqual([]);
  });

  it("a filter value with no allowed list is still checked for its form", async () => {
    const body = `project: WebSite\neventType: tfvc.checkin\npublisherInputs:\n  path: src/main\n${WEBHOOK}`;
    const { lines } = await check(withHooks(hook(body)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:6:13: error invalid-filter-value: filter "path" does not have the expected form, for example "$/"",
      ]
    `);
  });
});

describe("consumer and action", () => {
  it("unknown consumer and action suggest the closest ids", async () => {
    const consumer = await check(withHooks(hook(`project: WebSite\neventType: git.push\nconsumerId: webhooks\nconsumerActionId: httpRequest`)));
    expect(consumer.lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:5:17: error unknown-consumer: unknown consumerId "webhooks". Did you mean "webHooks"?",
      ]
    `);
    const action = await check(
      withHooks(hook(`project: WebSite\neventType: git.push\nconsumerId: webHooks\nconsumerActionId: httpPost\nconsumerInputs: { url: https://a.example }`)),
    );
    expect(action.lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:6:23: error unknown-action: unknown consumerActionId "httpPost" for consumer "webHooks". Known actions: "httpRequest".",
      ]
    `);
  });

  it("an unknown action of a consumer the catalog marks uncertain is a warning", async () => {
    const { lines } = await check(withHooks(hook(`project: WebSite\neventType: git.push\nconsumerId: slack\nconsumerActionId: postMessage`)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:6:23: warning unknown-action: unknown consumerActionId "postMessage" for consumer "slack". Did you mean "postMessageToChannel"? The catalog's list for "slack" is incomplete, so this may still work.",
      ]
    `);
  });

  it("retired and externally managed consumers are warnings", async () => {
    const retired = `project: WebSite\neventType: git.push\nconsumerId: hipChat\nconsumerActionId: postMessageToRoom\nconsumerInputs: { authToken: "\${env:HIPCHAT_TOKEN}", roomName: dev }`;
    const zapier = `project: WebSite\neventType: git.push\nconsumerId: zapier\nconsumerActionId: sendNotification\nconsumerInputs: { url: https://hooks.zapier.example/1 }`;
    const { lines } = await check(
      { "hookops.yaml": "{}\n", "hooks/a.yaml": hook(retired), "hooks/b.yaml": hook(zapier).replace("name: s", "name: z") },
      { env: { HIPCHAT_TOKEN: "x" } },
    );
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/a.yaml:5:17: warning retired-consumer: consumer "hipChat" (HipChat) was retired by Azure DevOps; new subscriptions to it will not deliver",
        "hooks/b.yaml:5:17: warning externally-managed-consumer: consumer "zapier" (Zapier) subscriptions are normally created from the Zapier side; managing them here may fight with it",
      ]
    `);
  });

  it('the action must support the event type ("*" supports all)', async () => {
    const body = `project: WebSite\neventType: workitem.created\nconsumerId: jenkins\nconsumerActionId: triggerGitBuild\nconsumerInputs: { serverBaseUrl: https://jenkins.example, username: ado, password: "\${env:JENKINS_PASSWORD}" }`;
    const { lines } = await check(withHooks(hook(body)), { env: { JENKINS_PASSWORD: "x" } });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:4:16: error unsupported-event-type: "jenkins/triggerGitBuild" does not accept "workitem.created"; it accepts "git.push"",
      ]
    `);
  });
});

describe("consumer inputs", () => {
  const queue = (inputs: string) =>
    `project: Mobile\neventType: workitem.created\nconsumerId: azureStorageQueue\nconsumerActionId: enqueue\nconsumerInputs:\n${inputs.replace(/^/gm, "  ")}`;

  it("required inputs at consumer and action level; a catalog default makes it a warning", async () => {
    const { lines } = await check(withHooks(hook(queue("visiTimeout: 0"))));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:7:5: error missing-input: "azureStorageQueue/enqueue" requires consumer input "accountKey", unless "serviceConnectionId" is set",
        "hooks/hooks.yaml:7:5: error missing-input: "azureStorageQueue/enqueue" requires consumer input "accountName"",
        "hooks/hooks.yaml:7:5: error missing-input: "azureStorageQueue/enqueue" requires consumer input "queueName"",
        "hooks/hooks.yaml:7:5: warning missing-input: "azureStorageQueue/enqueue" requires consumer input "ttl"; the service default "604800" is assumed — set it explicitly",
      ]
    `);
  });

  it("unknown inputs suggest known ones", async () => {
    const { lines } = await check(
      withHooks(
        hook(
          `project: WebSite\neventType: git.push\nconsumerId: webHooks\nconsumerActionId: httpRequest\nconsumerInputs:\n  url: https://a.example\n  basicAuthUser: ado`,
        ),
      ),
    );
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:9:7: error unknown-input: unknown consumer input "basicAuthUser" for "webHooks/httpRequest". Did you mean "basicAuthUsername"?",
      ]
    `);
  });

  it("values are checked against the catalog: numbers, ranges and patterns are errors, unknown values warnings", async () => {
    const inputs =
      "accountName: fabrikam\naccountKey: ${env:KEY}\nqueueName: Bad_Queue\nvisiTimeout: soon\nttl: 0\nmessagesToSend: HTML\ndetailedMessagesToSend: yaml";
    const { lines } = await check(withHooks(hook(queue(inputs))), { env: { KEY: "x" } });
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:10:18: error invalid-input-value: consumer input "queueName" does not have the expected form (^[a-z0-9]+[a-z0-9-]+[a-z0-9]$)",
        "hooks/hooks.yaml:11:20: error invalid-input-value: consumer input "visiTimeout" must be a number",
        "hooks/hooks.yaml:12:12: error invalid-input-value: consumer input "ttl" must be at least 1",
        "hooks/hooks.yaml:14:31: warning unknown-input-value: consumer input "detailedMessagesToSend" is not one of "all", "text", "html", "markdown" or "none" (or "" for the default). Did you mean "all" or "html"? The service accepts any value here, but may not understand it",
      ]
    `);
  });

  it("a bad value for an input the catalog marks uncertain is a warning", async () => {
    const { lines } = await check(withHooks(hook(`project: WebSite\neventType: git.push\n${WEBHOOK}\n  acceptUntrustedCerts: maybe`)));
    expect(lines).toMatchInlineSnapshot(`
      [
        "hooks/hooks.yaml:9:29: warning unknown-input-value: consumer input "acceptUntrustedCerts" is not one of "true" or "false" (or "" for the default). The service accepts any value here, but may not understand it",
      ]
    `);
  });

  it("numbers written as YAML numbers keep their source text", async () => {
    const inputs = "accountName: fabrikam\naccountKey: ${env:KEY}\nqueueName: bugs\nvisiTimeout: 030\nttl: 86400";
    const { lines, load } = await check(withHooks(hook(queue(inputs))), { env: { KEY: "x" } });
    expect(lines).toEqual([]);
    expect(load.subscriptions[0]?.consumerInputs).toMatchObject({ visiTimeout: "030", ttl: "86400" });
  });
});
