import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { catalog } from "../../src/catalog/index.js";
import { exampleYaml } from "../../src/report/catalog-model.js";
import { check } from "../config/helpers.js";
import { repo, runCli } from "./helpers.js";

describe("hookops catalog", () => {
  it("lists the publishers with their events and the consumers with their actions", async () => {
    const run = await runCli(["catalog"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Events: \d+ event types from \d+ publishers\n/);
    expect(run.stdout).toContain("\ntfs — Team Foundation Server / Azure DevOps Server\n");
    expect(run.stdout).toMatch(/\n {2}build\.complete +Build completed\n/);
    expect(run.stdout).toMatch(/\n {2}slack +postMessageToChannel +Slack: Post a message to a channel \(unconfirmed\)\n/);
    expect(run.stdout).toMatch(/\n {2}azureServiceBus +serviceBusNotificationHubSend .*\n {26}serviceBusQueueSend /);
    expect(run.stdout).toContain("Details: hookops catalog <eventType> | <consumerId> | <consumerId>/<actionId>\n");
  });

  it("shows an event's publisher, filters and an example", async () => {
    const run = await runCli(["catalog", "build.complete"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("build.complete — Build completed\nPublisher: tfs (Team Foundation Server / Azure DevOps Server)\n");
    expect(run.stdout).toMatch(/\n {2}buildStatus +string +"Succeeded", "PartiallySucceeded", "Failed", "Stopped", "" \(any\) +no\n/);
    expect(run.stdout).toContain("      eventType: build.complete\n      publisherInputs:\n");
  });

  it("says which filters take a name and which values a release filter knows", async () => {
    const run = await runCli(["catalog", "ms.vss-release.deployment-completed-event"]);
    expect(run.stdout).toContain("Publisher: rm (Release Management), on the release host\n");
    expect(run.stdout).toMatch(/\n {2}releaseDefinitionId +string +the organization's; id or name \(releaseDefinition\) +yes\n/);
    expect(run.stdout).toMatch(/releaseEnvironmentStatus +string +"1", "2", "4", "8", "16", "32", "128", "" \(any\)/);
  });

  it("shows a consumer's actions with required, secret and default inputs, and an example a file can start from", async () => {
    const run = await runCli(["catalog", "azureStorageQueue"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\n {2}input +type +values +required +secret +default +notes\n/);
    expect(run.stdout).toMatch(/\n {2}accountKey +string +length 64–100 +unless serviceConnectionId +yes\n/);
    expect(run.stdout).toMatch(/\n {2}visiTimeout +number +0–604800 +yes +no +0\n/);
    expect(run.stdout).toContain('accountKey: "${env:AZURE_STORAGE_QUEUE_ACCOUNT_KEY}"');

    const example = run.stdout.slice(run.stdout.indexOf("Example:\n") + "Example:\n".length);
    const root = await repo({
      "hookops.yaml": "organization: fabrikam\n",
      "hooks/example.yaml": example.replace(/^ {2}/gm, ""),
    });
    const validate = await runCli(["validate", root], { env: { AZURE_STORAGE_QUEUE_ACCOUNT_KEY: "k".repeat(64) } });
    expect(validate.stdout).not.toMatch(/: (error|warning) /);
    expect(validate.code).toBe(0);
  });

  it("treats a chat tool's webhook URL as a secret", async () => {
    const run = await runCli(["catalog", "slack"]);
    expect(run.stdout).toMatch(/\n {2}url +uri +any +yes +yes +unconfirmed\n/);
    expect(run.stdout).toContain('        url: "${env:SLACK_URL}"\n');
  });

  it("shows one action of a consumer, and an example on an event the action takes", async () => {
    const run = await runCli(["catalog", "jenkins/triggerGitBuild"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("jenkins/triggerGitBuild — Trigger Git build\nEvents: git.push\n");
    expect(run.stdout).not.toContain("triggerGenericBuild");
    expect(run.stdout).toContain("      eventType: git.push\n");
  });

  it("prints JSON for scripts", async () => {
    const whole = JSON.parse((await runCli(["catalog", "--json"])).stdout) as {
      formatVersion: number;
      publishers: { id: string }[];
      consumers: { id: string }[];
    };
    expect(whole.formatVersion).toBe(1);
    expect(whole.publishers.map((publisher) => publisher.id)).toContain("tfs");
    expect(whole.consumers.map((consumer) => consumer.id)).toContain("webHooks");

    const action = JSON.parse((await runCli(["catalog", "webHooks/httpRequest", "--json"])).stdout);
    const inputs = action.consumer.actions[0].inputs as { id: string; required: boolean; secret: boolean }[];
    expect(inputs.find((input) => input.id === "url")).toMatchObject({ required: true, secret: false, type: "uri" });
    expect(inputs.find((input) => input.id === "basicAuthPassword")).toMatchObject({ required: false, secret: true });
    expect(parse(action.consumer.example).subscriptions[0]).toMatchObject({ consumerId: "webHooks", consumerActionId: "httpRequest" });
  });

  it("finds a name written in another case", async () => {
    const run = await runCli(["catalog", "WEBHOOKS"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("webHooks — Web Hooks\n");
  });

  it("suggests the closest names for an unknown one", async () => {
    const event = await runCli(["catalog", "build.completed"]);
    expect(event.code).toBe(1);
    expect(event.stdout).toBe("");
    expect(event.stderr).toContain('"build.completed" is neither an event type nor a consumer in the catalog. Did you mean "build.complete"?');

    const consumer = await runCli(["catalog", "slak/postMessageToChannel"]);
    expect(consumer.stderr).toContain('unknown consumer "slak". Did you mean "slack"?');

    const action = await runCli(["catalog", "webHooks/httpPost"]);
    expect(action.code).toBe(1);
    expect(action.stderr).toContain('unknown action "httpPost" of consumer "webHooks".');
  });

  it("says an unknown name is a usage error, and shows it inert", async () => {
    const json = await runCli(["catalog", "nope", "--json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).error).toMatchObject({ kind: "usage", type: "UsageError" });

    const odd = await runCli(["catalog", "bad\nname"]);
    expect(odd.stderr).toContain('"bad\\nname" is neither an event type nor a consumer');
  });

  it("gives examples that validate without errors, for every event type and consumer", async () => {
    const targets = [
      ...catalog.publishers.flatMap((publisher) => publisher.eventTypes.map((eventType) => ({ kind: "event" as const, entry: { publisher, eventType } }))),
      ...catalog.consumers.map((consumer) => ({ kind: "consumer" as const, consumer })),
    ];
    for (const target of targets) {
      const example = exampleYaml(catalog, target);
      const env = Object.fromEntries([...example.matchAll(/\$\{env:(\w+)\}/g)].map((match) => [match[1], "https://hooks.example.com/x"]));
      const { lines } = await check({ "hookops.yaml": "organization: fabrikam\n", "hooks/example.yaml": example }, { env });
      expect(
        lines.filter((text) => text.includes(": error ")),
        example,
      ).toEqual([]);
    }
  });
});
