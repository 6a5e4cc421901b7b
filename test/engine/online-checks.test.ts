import { describe, expect, it, onTestFinished } from "vitest";
import { AdoClient, patCredential, resolveOrganization, type Consumer, type InputDescriptor, type Publisher } from "../../src/ado/index.js";
import type { DesiredSubscription } from "../../src/config/types.js";
import { startEmulator } from "../../src/emulator/index.js";
import { checkAgainstLive, fetchLiveMetadata, type LiveMetadata } from "../../src/engine/online/index.js";
import { sendJson, startServer } from "../ado/helpers.js";

function input(id: string, extra: Partial<InputDescriptor> = {}): InputDescriptor {
  return { id, ...extra };
}

const required = { validation: { isRequired: true } };

function liveMetadata(): LiveMetadata {
  const tfs: Publisher = {
    id: "tfs",
    inputDescriptors: [input("projectId"), input("teamId")],
    supportedEvents: [
      { id: "build.complete", inputDescriptors: [input("definitionName"), input("buildStatus")] },
      { id: "git.push", inputDescriptors: [input("repository"), input("branch")] },
      { id: "tfvc.checkin", inputDescriptors: [input("path", { ...required, values: { defaultValue: "$/" } })] },
      { id: "message.posted", inputDescriptors: [input("roomId", required)] },
      { id: "workitem.created", inputDescriptors: [input("areaPath"), input("workItemType")] },
    ],
  };
  const webHooks: Consumer = {
    id: "webHooks",
    inputDescriptors: [],
    actions: [
      {
        id: "httpRequest",
        supportedEventTypes: ["*"],
        inputDescriptors: [input("url", required), input("httpHeaders"), input("basicAuthUsername"), input("basicAuthPassword")],
      },
    ],
  };
  const queue: Consumer = {
    id: "azureStorageQueue",
    inputDescriptors: [input("accountName", required), input("accountKey", required)],
    actions: [
      {
        id: "enqueue",
        supportedEventTypes: ["build.complete", "git.push"],
        inputDescriptors: [input("queueName", required), input("ttl", { ...required, values: { defaultValue: "604800" } })],
      },
    ],
  };
  return {
    hosts: { default: { publishers: [tfs], consumers: [webHooks, queue] }, release: { publishers: [], consumers: [webHooks] } },
    projects: [
      { id: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51", name: "WebSite" },
      { id: "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62", name: "Mobile" },
    ],
  };
}

function desired(overrides: Partial<DesiredSubscription> = {}): DesiredSubscription {
  return {
    name: "hook",
    project: "WebSite",
    publisherId: "tfs",
    eventType: "build.complete",
    publisherInputs: { buildStatus: "Failed" },
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url: "https://hooks.example.com/x" },
    enabled: true,
    source: { file: "hooks/a.yaml", line: 7, column: 5 },
    ...overrides,
  };
}

function check(subscription: DesiredSubscription, metadata: LiveMetadata = liveMetadata()): string[] {
  return checkAgainstLive([subscription], metadata, { organization: "https://dev.azure.com/fabrikam" }).map(
    (finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.severity} ${finding.rule}: ${finding.message}`,
  );
}

describe("checkAgainstLive", () => {
  it("accepts a subscription the live metadata describes; projects match by name or id, any case, braces allowed", () => {
    expect(check(desired())).toEqual([]);
    expect(check(desired({ project: "website" }))).toEqual([]);
    expect(check(desired({ project: "{C2E1D6B3-8E4F-4D9C-A07B-3F2E1D4C5B62}" }))).toEqual([]);
    expect(check(desired({ publisherInputs: { teamId: "", definitionName: "" } }))).toEqual([]);
  });

  it("reports an unknown project with a suggestion", () => {
    expect(check(desired({ project: "Mobil" }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-project: project "Mobil" does not exist in https://dev.azure.com/fabrikam, or the credential cannot see it. Did you mean "Mobile"?',
    ]);
  });

  it("reports an unknown publisher and skips its event checks", () => {
    const metadata = liveMetadata();
    metadata.hosts.default = { publishers: [{ id: "tfss", supportedEvents: [] }], consumers: metadata.hosts.default?.consumers ?? [] };
    expect(check(desired(), metadata)).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-publisher: https://dev.azure.com/fabrikam has no publisher "tfs". Did you mean "tfss"?',
    ]);
  });

  it("reports an event type the publisher does not offer", () => {
    expect(check(desired({ eventType: "git.pullrequest.created", publisherInputs: {} }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-event-type: publisher "tfs" in https://dev.azure.com/fabrikam does not offer event type "git.pullrequest.created". Known event types: "build.complete", "git.push", "tfvc.checkin", "message.posted" or "workitem.created".',
    ]);
    expect(check(desired({ eventType: "build.completed" }))[0]).toContain('Did you mean "build.complete"?');
  });

  it("reports filters the event type does not describe, and required filters without a default", () => {
    expect(check(desired({ publisherInputs: { buildStatuss: "Failed" } }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-filter: event type "build.complete" in https://dev.azure.com/fabrikam has no filter "buildStatuss". Did you mean "buildStatus"?',
    ]);
    expect(check(desired({ eventType: "message.posted", publisherInputs: { roomId: " " } }))).toEqual([
      'hooks/a.yaml:7:5 error online-missing-input: event type "message.posted" in https://dev.azure.com/fabrikam requires the filter "roomId" in publisherInputs',
    ]);
    // The service fills a required filter that has a default.
    expect(check(desired({ eventType: "tfvc.checkin", publisherInputs: {} }))).toEqual([]);
  });

  it("warns, not fails, when the live service does not describe a filter the catalog calls unconfirmed", () => {
    expect(check(desired({ eventType: "workitem.created", publisherInputs: { tag: "urgent" } }))).toEqual([
      'hooks/a.yaml:7:5 warning online-unknown-filter: event type "workitem.created" in https://dev.azure.com/fabrikam has no filter "tag". Known filters: "areaPath", "workItemType" or "teamId". The catalog marks it unconfirmed, so the service may accept it anyway.',
    ]);
  });

  it("reports an unknown consumer, an unknown action and an event the action does not take", () => {
    expect(check(desired({ consumerId: "webHook" }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-consumer: https://dev.azure.com/fabrikam has no consumer "webHook". Did you mean "webHooks"?',
    ]);
    expect(check(desired({ consumerActionId: "post" }))).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-action: consumer "webHooks" in https://dev.azure.com/fabrikam has no action "post". Known actions: "httpRequest".',
    ]);
    const queueInputs = { accountName: "fab", accountKey: "${env:KEY}", queueName: "q" };
    expect(
      check(
        desired({
          eventType: "workitem.created",
          publisherInputs: {},
          consumerId: "azureStorageQueue",
          consumerActionId: "enqueue",
          consumerInputs: queueInputs,
        }),
      ),
    ).toEqual([
      'hooks/a.yaml:7:5 error online-unsupported-event-type: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam does not accept "workitem.created"; it accepts "build.complete" or "git.push"',
    ]);
  });

  it("reports consumer inputs neither the consumer nor the action describes, and missing required ones", () => {
    const findings = check(desired({ consumerId: "azureStorageQueue", consumerActionId: "enqueue", consumerInputs: { accountName: "fab", queueNmae: "q" } }));
    expect(findings).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-input: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam has no input "queueNmae". Did you mean "queueName"?',
      'hooks/a.yaml:7:5 error online-missing-input: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam requires consumer input "accountKey"',
      'hooks/a.yaml:7:5 error online-missing-input: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam requires consumer input "queueName"',
    ]);
    expect(check(desired({ consumerInputs: { url: "https://x.example", acceptUntrustedCerts: "true" } }))).toEqual([
      'hooks/a.yaml:7:5 warning online-unknown-input: "webHooks/httpRequest" in https://dev.azure.com/fabrikam has no input "acceptUntrustedCerts". Known inputs: "url", "httpHeaders", "basicAuthUsername" or "basicAuthPassword". The catalog marks it unconfirmed, so the service may accept it anyway.',
    ]);
  });

  it("warns about a consumer the catalog calls unconfirmed and the service does not list", () => {
    expect(check(desired({ consumerId: "slack", consumerActionId: "postMessageToChannel" }))).toEqual([
      'hooks/a.yaml:7:5 warning online-unknown-consumer: https://dev.azure.com/fabrikam has no consumer "slack". Known consumers: "webHooks" or "azureStorageQueue". The catalog marks it unconfirmed, so the service may accept it anyway.',
    ]);
  });

  it("warns about values outside the live possible values, unless the catalog knows them as real (R7)", () => {
    const metadata = liveMetadata();
    const limited = (values: string[]) => ({ values: { possibleValues: values.map((value) => ({ value })), isLimitedToPossibleValues: true } });
    metadata.hosts.default = {
      publishers: [
        {
          id: "tfs",
          supportedEvents: [
            {
              id: "build.complete",
              inputDescriptors: [
                input("definitionName", { ...limited([""]), hasDynamicValueInformation: true }),
                input("buildStatus", limited(["", "Succeeded", "Failed"])),
              ],
            },
          ],
        },
      ],
      consumers: [
        {
          id: "webHooks",
          actions: [
            {
              id: "httpRequest",
              supportedEventTypes: ["*"],
              inputDescriptors: [input("url", required), input("messagesToSend", limited(["", "text", "none"]))],
            },
          ],
        },
      ],
    };
    expect(
      check(
        desired({
          publisherInputs: { buildStatus: " failed ", definitionName: "WebSite.CI" },
          consumerInputs: { url: "https://x.example", messagesToSend: "all" },
        }),
        metadata,
      ),
    ).toEqual([]);
    expect(
      check(desired({ publisherInputs: { buildStatus: "Broken" }, consumerInputs: { url: "https://x.example", messagesToSend: "yaml" } }), metadata),
    ).toEqual([
      'hooks/a.yaml:7:5 warning online-unknown-value: filter "buildStatus" of "build.complete" in https://dev.azure.com/fabrikam is not one of the possible values "", "Succeeded" or "Failed"; the service accepts it, but an event may never match it',
      'hooks/a.yaml:7:5 warning online-unknown-value: consumer input "messagesToSend" of "webHooks/httpRequest" in https://dev.azure.com/fabrikam is not one of the possible values "", "text" or "none"; the service accepts it, but may not understand it',
    ]);
  });

  it("refuses a resourceVersion the live action cannot choose, or one the event does not support (R3)", () => {
    expect(check(desired({ resourceVersion: "1.0" }))).toEqual([
      'hooks/a.yaml:7:5 error online-resource-version-not-allowed: "webHooks/httpRequest" in https://dev.azure.com/fabrikam does not let a subscription choose its resourceVersion; remove resourceVersion "1.0"',
    ]);
    const metadata = liveMetadata();
    const webHooks = metadata.hosts.default?.consumers[0];
    const build = metadata.hosts.default?.publishers[0]?.supportedEvents?.[0];
    if (!webHooks?.actions?.[0] || !build) throw new Error("fixture");
    webHooks.actions[0].allowResourceVersionOverride = true;
    build.supportedResourceVersions = ["1.0", "2.0"];
    expect(check(desired({ resourceVersion: "2.0" }), metadata)).toEqual([]);
    expect(check(desired({ resourceVersion: "5.0" }), metadata)).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-resource-version: event type "build.complete" in https://dev.azure.com/fabrikam has no resource version "5.0"; it supports "1.0" or "2.0" (or "latest")',
    ]);
  });

  it("does not ask for the account key when a service connection is given (key-less mode)", () => {
    const keyless = desired({
      consumerId: "azureStorageQueue",
      consumerActionId: "enqueue",
      consumerInputs: { accountName: "fab", serviceConnectionId: "3f2e1d4c-5b62-4a07-9c8d-1e2f3a4b5c6d", queueName: "q" },
    });
    expect(check(keyless)).toEqual([
      'hooks/a.yaml:7:5 warning online-unknown-input: "azureStorageQueue/enqueue" in https://dev.azure.com/fabrikam has no input "serviceConnectionId". Known inputs: "accountName", "accountKey", "queueName" or "ttl". The catalog marks it unconfirmed, so the service may accept it anyway.',
    ]);
  });

  it("looks release events up on the release host", () => {
    const release = desired({ publisherId: "rm", eventType: "ms.vss-release.deployment-completed-event", publisherInputs: {} });
    expect(check(release)).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-publisher: the release host of https://dev.azure.com/fabrikam has no publisher "rm".',
    ]);
    const metadata = liveMetadata();
    metadata.hosts.release = {
      publishers: [{ id: "rm", supportedEvents: [{ id: "ms.vss-release.deployment-completed-event", inputDescriptors: [] }] }],
      consumers: [],
    };
    expect(check(release, metadata)).toEqual([
      'hooks/a.yaml:7:5 error online-unknown-consumer: the release host of https://dev.azure.com/fabrikam has no consumer "webHooks".',
    ]);
  });
});

// --- reading the metadata ----------------------------------------------------------------------

describe("fetchLiveMetadata", () => {
  it("reads each used host once from the emulator, whatever the number of subscriptions", async () => {
    const emulator = await startEmulator();
    onTestFinished(() => emulator.close());
    const client = new AdoClient({
      organization: { ...resolveOrganization(emulator.url), releaseUrl: emulator.releaseUrl },
      credential: patCredential(emulator.token),
    });
    onTestFinished(() => client.close());
    const deployment = desired({ publisherId: "rm", eventType: "ms.vss-release.deployment-completed-event", publisherInputs: {} });
    const metadata = await fetchLiveMetadata(client, [desired(), deployment, ...Array.from({ length: 25 }, (_, index) => desired({ name: `h${index}` }))]);
    expect(emulator.counters()).toEqual({
      "GET /_apis/projects": 1,
      "GET /_apis/hooks/publishers": 1,
      "GET /_apis/hooks/consumers": 1,
      "GET /vsrm/_apis/hooks/publishers": 1,
      "GET /vsrm/_apis/hooks/consumers": 1,
    });
    expect(metadata.projects.map((project) => project.name)).toEqual(["WebSite", "Mobile", "Platform"]);
    expect(metadata.hosts.release?.publishers.map((publisher) => publisher.id)).toContain("rm");
    expect(checkAgainstLive([desired(), deployment], metadata, { organization: "emulator" })).toEqual([]);

    emulator.resetCounters();
    const onlyDefault = await fetchLiveMetadata(client, [desired()]);
    expect(Object.keys(onlyDefault.hosts)).toEqual(["default"]);
    expect(Object.keys(emulator.counters()).some((route) => route.startsWith("GET /vsrm"))).toBe(false);
  });

  it("asks for event types and actions of the used publishers and consumers a listing leaves out, once per shared host", async () => {
    const server = await startServer((request, response) => {
      const route = new URL(request.url, "http://x").pathname;
      const bodies: Record<string, unknown[]> = {
        "/fab/_apis/projects": [{ id: "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51", name: "WebSite" }],
        "/fab/_apis/hooks/publishers": [{ id: "tfs" }, { id: "rm" }, { id: "unused" }],
        "/fab/_apis/hooks/publishers/tfs/eventtypes": [{ id: "build.complete", inputDescriptors: [{ id: "buildStatus" }] }],
        "/fab/_apis/hooks/publishers/rm/eventtypes": [{ id: "ms.vss-release.deployment-completed-event", inputDescriptors: [] }],
        "/fab/_apis/hooks/consumers": [{ id: "webHooks" }, { id: "unusedConsumer" }],
        "/fab/_apis/hooks/consumers/webHooks/actions": [{ id: "httpRequest", supportedEventTypes: ["*"], inputDescriptors: [{ id: "url" }] }],
      };
      const body = bodies[route];
      if (body === undefined) sendJson(response, 404, { message: `no route ${route}` });
      else sendJson(response, 200, { count: body.length, value: body });
    });
    onTestFinished(() => server.close());
    const url = `${server.url}/fab`;
    // An Azure DevOps Server whose release host is the collection itself.
    const client = new AdoClient({ organization: { ...resolveOrganization(url), releaseUrl: url }, credential: patCredential("server-token") });
    onTestFinished(() => client.close());
    const deployment = desired({ publisherId: "rm", eventType: "ms.vss-release.deployment-completed-event", publisherInputs: {} });
    const metadata = await fetchLiveMetadata(client, [desired(), deployment]);
    const paths = server.requests.map((request) => `${request.method} ${new URL(request.url, "http://x").pathname}`).sort();
    expect(paths).toEqual([
      "GET /fab/_apis/hooks/consumers",
      "GET /fab/_apis/hooks/consumers/webHooks/actions",
      "GET /fab/_apis/hooks/publishers",
      "GET /fab/_apis/hooks/publishers/rm/eventtypes",
      "GET /fab/_apis/hooks/publishers/tfs/eventtypes",
      "GET /fab/_apis/projects",
    ]);
    expect(metadata.hosts.default).toBe(metadata.hosts.release);
    expect(checkAgainstLive([desired(), deployment], metadata, { organization: url })).toEqual([]);
  });
});
