import { describe, expect, it, onTestFinished } from "vitest";
import { AdoClient, patCredential, resolveOrganization, type Consumer, type InputDescriptor, type Publisher } from "../../src/ado/index.js";
import type { CatalogSource } from "../../src/config/index.js";
import type { DesiredSubscription } from "../../src/config/types.js";
import { startEmulator } from "../../src/emulator/index.js";
import { fetchLiveMetadata, liveCatalogSource, type LiveMetadata } from "../../src/engine/online/index.js";
import { sendJson, startServer } from "../ado/helpers.js";
import { check, withHooks } from "../config/helpers.js";

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

const ORGANIZATION = "https://dev.azure.com/fabrikam";

/** The fields of one subscription, each on its own line from line 3 (name at line 2). */
const BUILD_HOOK: Record<string, string> = {
  project: "WebSite",
  eventType: "build.complete",
  publisherInputs: "{ buildStatus: Failed }",
  consumerId: "webHooks",
  consumerActionId: "httpRequest",
  consumerInputs: "{ url: https://hooks.example.com/x }",
};

/** Runs every rule on one subscription, BUILD_HOOK with `fields` changed (undefined removes one), against the shipped catalog or `catalog`. */
async function checkHook(fields: Record<string, string | undefined>, catalog?: CatalogSource): Promise<string[]> {
  const merged = Object.entries({ ...BUILD_HOOK, ...fields }).flatMap(([key, value]) => (value === undefined ? [] : [`    ${key}: ${value}`]));
  const hooks = ["subscriptions:", "  - name: hook", ...merged, ""].join("\n");
  const env = { KEY: "k", SLACK_URL: "https://hooks.slack.com/services/x" };
  const { lines } = await check(withHooks(hooks), { env, ...(catalog === undefined ? {} : { catalog }) });
  return lines;
}

/** The same, with the live metadata as the source (validate --online). */
function checkLive(fields: Record<string, string | undefined>, metadata: LiveMetadata = liveMetadata(), organization = ORGANIZATION): Promise<string[]> {
  return checkHook(fields, liveCatalogSource(metadata, { organization }));
}

describe("the rules against live metadata (validate --online)", () => {
  it("accept a subscription the live metadata describes; projects match by name or id, any case, braces allowed", async () => {
    expect(await checkLive({})).toEqual([]);
    expect(await checkLive({ project: "website" })).toEqual([]);
    expect(await checkLive({ project: "C2E1D6B3-8E4F-4D9C-A07B-3F2E1D4C5B62" })).toEqual([]);
    expect(await checkLive({ publisherInputs: '{ teamId: "", definitionName: "" }' })).toEqual([]);
    const projects = liveCatalogSource(liveMetadata(), { organization: ORGANIZATION }).projects;
    expect(projects?.has("{C2E1D6B3-8E4F-4D9C-A07B-3F2E1D4C5B62}")).toBe(true);
  });

  it("report an unknown project at its value, with a suggestion; each fanned-out project on its own", async () => {
    expect(await checkLive({ project: "Mobil" })).toEqual([
      `hooks/hooks.yaml:3:14: error unknown-project: project "Mobil" does not exist in ${ORGANIZATION}, or the credential cannot see it. Did you mean "Mobile"?`,
    ]);
    expect(await checkLive({ project: undefined, projects: "[WebSite, Archive, Mobile]" })).toEqual([
      `hooks/hooks.yaml:8:25: error unknown-project: project "Archive" does not exist in ${ORGANIZATION}, or the credential cannot see it. Known projects: "WebSite" or "Mobile".`,
    ]);
  });

  it("report a publisher the host lacks and skip its event checks", async () => {
    const metadata = liveMetadata();
    metadata.hosts.default = { publishers: [{ id: "tfss", supportedEvents: [] }], consumers: metadata.hosts.default?.consumers ?? [] };
    expect(await checkLive({}, metadata)).toEqual([
      `hooks/hooks.yaml:4:16: error unknown-publisher: unknown publisherId "tfs" in ${ORGANIZATION}, the publisher of "build.complete". Did you mean "tfss"?`,
    ]);
  });

  it("report an event type the host does not offer", async () => {
    expect(await checkLive({ eventType: "git.pullrequest.created", publisherInputs: undefined })).toEqual([
      `hooks/hooks.yaml:4:16: error unknown-event-type: unknown eventType "git.pullrequest.created" in ${ORGANIZATION}. Known event types: "build.complete", "git.push", "tfvc.checkin", "message.posted" or "workitem.created".`,
    ]);
    expect((await checkLive({ eventType: "build.completed" }))[0]).toContain('Did you mean "build.complete"?');
  });

  it("report filters the event type does not describe, and required filters without a default", async () => {
    expect(await checkLive({ publisherInputs: "{ buildStatuss: Failed }" })).toEqual([
      `hooks/hooks.yaml:5:24: error unknown-filter: unknown filter "buildStatuss" for "build.complete" in ${ORGANIZATION}. Did you mean "buildStatus"?`,
    ]);
    expect(await checkLive({ eventType: "message.posted", publisherInputs: "{}" })).toEqual([
      'hooks/hooks.yaml:4:16: warning deprecated-event-type: eventType "message.posted" (Team room message posted) is deprecated and may stop being delivered',
      `hooks/hooks.yaml:5:5: error missing-input: "message.posted" in ${ORGANIZATION} requires the filter "roomId" in publisherInputs`,
    ]);
    // The service fills a required filter that has a default.
    expect(await checkLive({ eventType: "tfvc.checkin", publisherInputs: undefined })).toEqual([]);
  });

  it("warn, not fail, when the live service does not describe a filter the catalog calls unconfirmed", async () => {
    expect(await checkLive({ eventType: "workitem.created", publisherInputs: "{ tag: urgent }" })).toEqual([
      `hooks/hooks.yaml:5:24: warning unknown-filter: unknown filter "tag" for "workitem.created" in ${ORGANIZATION}. Known filters: "areaPath", "workItemType" or "teamId". The catalog marks it unconfirmed, so the service may accept it anyway.`,
    ]);
  });

  it("report an unknown consumer, an unknown action and an event the action does not take", async () => {
    expect(await checkLive({ consumerId: "webHook" })).toEqual([
      `hooks/hooks.yaml:6:17: error unknown-consumer: unknown consumerId "webHook" in ${ORGANIZATION}. Did you mean "webHooks"?`,
    ]);
    expect(await checkLive({ consumerActionId: "post" })).toEqual([
      `hooks/hooks.yaml:7:23: error unknown-action: unknown consumerActionId "post" for consumer "webHooks" in ${ORGANIZATION}. Known actions: "httpRequest".`,
    ]);
    const queue = { consumerId: "azureStorageQueue", consumerActionId: "enqueue" };
    const queueInputs = '{ accountName: fab, accountKey: "${env:KEY}", queueName: q, ttl: "604800" }';
    expect(await checkLive({ eventType: "workitem.created", publisherInputs: undefined, ...queue, consumerInputs: queueInputs })).toEqual([
      `hooks/hooks.yaml:4:16: error unsupported-event-type: "azureStorageQueue/enqueue" in ${ORGANIZATION} does not accept "workitem.created"; it accepts "build.complete" or "git.push"`,
    ]);
  });

  it("report consumer inputs neither the consumer nor the action describes, and missing required ones", async () => {
    const queue = { consumerId: "azureStorageQueue", consumerActionId: "enqueue" };
    expect(await checkLive({ ...queue, consumerInputs: '{ accountName: fab, queueNmae: q, ttl: "604800" }' })).toEqual([
      `hooks/hooks.yaml:8:5: error missing-input: "azureStorageQueue/enqueue" in ${ORGANIZATION} requires consumer input "accountKey", unless "serviceConnectionId" is set`,
      `hooks/hooks.yaml:8:5: error missing-input: "azureStorageQueue/enqueue" in ${ORGANIZATION} requires consumer input "queueName"`,
      `hooks/hooks.yaml:8:41: error unknown-input: unknown consumer input "queueNmae" for "azureStorageQueue/enqueue" in ${ORGANIZATION}. Did you mean "queueName"?`,
    ]);
    // As offline: a required input the service defaults is a warning to set it.
    expect(await checkLive({ ...queue, consumerInputs: '{ accountName: fab, accountKey: "${env:KEY}", queueName: q }' })).toEqual([
      `hooks/hooks.yaml:8:5: warning missing-input: "azureStorageQueue/enqueue" in ${ORGANIZATION} requires consumer input "ttl"; the service default "604800" is assumed — set it explicitly`,
    ]);
    expect(await checkLive({ consumerInputs: '{ url: "https://x.example", acceptUntrustedCerts: "true" }' })).toEqual([
      `hooks/hooks.yaml:8:49: warning unknown-input: unknown consumer input "acceptUntrustedCerts" for "webHooks/httpRequest" in ${ORGANIZATION}. Known inputs: "url", "httpHeaders", "basicAuthUsername" or "basicAuthPassword". The catalog marks it unconfirmed, so the service may accept it anyway.`,
    ]);
  });

  it("warn about a consumer the catalog calls unconfirmed and the service does not list", async () => {
    expect(await checkLive({ consumerId: "slack", consumerActionId: "postMessageToChannel", consumerInputs: '{ url: "${env:SLACK_URL}" }' })).toEqual([
      `hooks/hooks.yaml:6:17: warning unknown-consumer: unknown consumerId "slack" in ${ORGANIZATION}. Known consumers: "webHooks" or "azureStorageQueue". The catalog marks it unconfirmed, so the service may accept it anyway.`,
    ]);
  });

  it("make an error of what the catalog only warns about, when the live metadata describes it (an action of an unconfirmed consumer)", async () => {
    const metadata = liveMetadata();
    metadata.hosts.default?.consumers.push({ id: "slack", actions: [{ id: "postMessageToChannel", inputDescriptors: [input("url", required)] }] });
    const slack = { consumerId: "slack", consumerActionId: "post", consumerInputs: '{ url: "${env:SLACK_URL}" }' };
    expect(await checkHook(slack)).toEqual([
      `hooks/hooks.yaml:7:23: warning unknown-action: unknown consumerActionId "post" for consumer "slack". Did you mean "postMessageToChannel"? The catalog's list for "slack" is incomplete, so this may still work.`,
    ]);
    expect(await checkLive(slack, metadata)).toEqual([
      `hooks/hooks.yaml:7:23: error unknown-action: unknown consumerActionId "post" for consumer "slack" in ${ORGANIZATION}. Did you mean "postMessageToChannel"?`,
    ]);
  });

  it("warn about values outside the live possible values, unless the catalog knows them as real (R7)", async () => {
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
    const accepted = {
      publisherInputs: '{ buildStatus: " failed ", definitionName: WebSite.CI }',
      consumerInputs: "{ url: https://x.example, messagesToSend: all }",
    };
    expect(await checkLive(accepted, metadata)).toEqual([]);
    expect(
      await checkLive({ publisherInputs: "{ buildStatus: Broken }", consumerInputs: "{ url: https://x.example, messagesToSend: yaml }" }, metadata),
    ).toEqual([
      'hooks/hooks.yaml:5:37: warning unknown-filter-value: filter "buildStatus" is not one of "Succeeded", "Failed", "PartiallySucceeded" or "Stopped" (or "" for any). The service accepts any value here, but an event may never match it',
      'hooks/hooks.yaml:8:63: warning unknown-input-value: consumer input "messagesToSend" is not one of "text", "none", "all", "html" or "markdown" (or "" for the default). Did you mean "all" or "html"? The service accepts any value here, but may not understand it',
    ]);
  });

  it("refuse a resourceVersion the live action cannot choose, or one the event does not support (R3)", async () => {
    expect(await checkLive({ resourceVersion: '"1.0"' })).toEqual([
      `hooks/hooks.yaml:9:22: error resource-version-not-allowed: "webHooks/httpRequest" in ${ORGANIZATION} does not let a subscription choose its resourceVersion (the service answers "Resource version '1.0' cannot be set for this action"); remove resourceVersion`,
    ]);
    const metadata = liveMetadata();
    const webHooks = metadata.hosts.default?.consumers[0];
    const build = metadata.hosts.default?.publishers[0]?.supportedEvents?.[0];
    if (!webHooks?.actions?.[0] || !build) throw new Error("fixture");
    webHooks.actions[0].allowResourceVersionOverride = true;
    build.supportedResourceVersions = ["1.0", "2.0"];
    expect(await checkLive({ resourceVersion: '"2.0"' }, metadata)).toEqual([]);
    expect(await checkLive({ resourceVersion: '"5.0"' }, metadata)).toEqual([
      `hooks/hooks.yaml:9:22: error unknown-resource-version: resourceVersion "5.0" is not a version of "build.complete" in ${ORGANIZATION}; use "1.0" or "2.0", or leave it out (or write "latest") for the newest`,
    ]);
  });

  it("do not ask for the account key when a service connection is given (key-less mode)", async () => {
    const keyless = '{ accountName: fab, serviceConnectionId: 3f2e1d4c-5b62-4a07-9c8d-1e2f3a4b5c6d, queueName: q, ttl: "604800" }';
    expect(await checkLive({ consumerId: "azureStorageQueue", consumerActionId: "enqueue", consumerInputs: keyless })).toEqual([
      `hooks/hooks.yaml:8:41: warning unknown-input: unknown consumer input "serviceConnectionId" for "azureStorageQueue/enqueue" in ${ORGANIZATION}. Known inputs: "accountName", "accountKey", "queueName" or "ttl". The catalog marks it unconfirmed, so the service may accept it anyway.`,
    ]);
  });

  it("look release events up on the release host", async () => {
    const release = { eventType: "ms.vss-release.deployment-completed-event", publisherInputs: undefined };
    expect(await checkLive(release)).toEqual([
      `hooks/hooks.yaml:4:16: error unknown-publisher: unknown publisherId "rm" on the release host of ${ORGANIZATION}, the publisher of "ms.vss-release.deployment-completed-event".`,
    ]);
    const metadata = liveMetadata();
    metadata.hosts.release = {
      publishers: [{ id: "rm", supportedEvents: [{ id: "ms.vss-release.deployment-completed-event", inputDescriptors: [] }] }],
      consumers: [],
    };
    expect(await checkLive(release, metadata)).toEqual([
      `hooks/hooks.yaml:5:17: error unknown-consumer: unknown consumerId "webHooks" on the release host of ${ORGANIZATION}.`,
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
    expect(await checkLive({}, metadata, "emulator")).toEqual([]);
    expect(await checkLive({ eventType: "ms.vss-release.deployment-completed-event", publisherInputs: undefined }, metadata, "emulator")).toEqual([]);

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
    expect(await checkLive({ publisherInputs: undefined }, metadata, url)).toEqual([]);
    expect(await checkLive({ eventType: "ms.vss-release.deployment-completed-event", publisherInputs: undefined }, metadata, url)).toEqual([]);
  });
});
