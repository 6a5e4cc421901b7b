import path from "node:path";
import { describe, expect, it } from "vitest";
import type { HostedSubscription } from "../../src/ado/types.js";
import { hasErrors, loadRepository, resolveValue } from "../../src/config/index.js";
import { buildExportModel } from "../../src/export/model.js";
import { renderRootConfig, renderSubscriptionFile } from "../../src/export/render.js";
import { writeFiles } from "../../src/export/write.js";
import { buildPlan } from "../../src/reconcile/index.js";
import type { Plan } from "../../src/reconcile/types.js";
import { live, MOBILE_ID, PLATFORM_ID, PROJECTS, tempDir, WEBSITE_ID } from "./helpers.js";

const GUID = (n: number): string => `10000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const SELF = "00ca946b-2fe9-4f2a-ae2f-40d5c48001bc";

/** Live subscriptions as varied as hand-made ones get; the values the service hides are the real ones here. */
const LIVE: HostedSubscription[] = [
  live({ id: GUID(1), consumerInputs: { url: "https://hooks.example.com/ado", basicAuthUsername: "ado", basicAuthPassword: "********" } }),
  live({
    id: GUID(2),
    eventType: "git.push",
    resourceVersion: null,
    status: undefined,
    publisherInputs: {
      projectId: WEBSITE_ID,
      repository: "",
      branch: "",
      pushedBy: "",
      hostId: "d81542e4-cdfa-4333-b082-1ae2d6c3ad16",
      tfsSubscriptionId: "e15ed970-8b92-4b71-8ec2-f99b5db5e34d",
    },
    consumerInputs: { url: "https://hooks.example.com/push", resourceDetailsToSend: "all", messagesToSend: "all", detailedMessagesToSend: "all" },
  }),
  live({
    id: GUID(3),
    eventType: "workitem.created",
    publisherInputs: { projectId: MOBILE_ID, workItemType: "Bug", areaPath: "" },
    consumerId: "azureStorageQueue",
    consumerActionId: "enqueue",
    consumerInputs: { accountName: "fabrikamhooks", accountKey: "********", queueName: "mobile-bugs", visiTimeout: "0", ttl: "604800" },
  }),
  live({
    id: GUID(4),
    status: "disabledByUser",
    publisherInputs: { projectId: MOBILE_ID, buildStatus: "succeeded" },
    consumerInputs: { url: "https://off.example.com/" },
  }),
  live({
    id: GUID(5),
    host: "release",
    publisherId: "rm",
    eventType: "ms.vss-release.deployment-completed-event",
    resourceVersion: "3.0-preview.1",
    publisherInputs: { projectId: PLATFORM_ID, releaseEnvironmentStatus: "4" },
    consumerInputs: { url: "https://deploy.example.com/hook" },
  }),
  live({
    id: GUID(6),
    eventType: "git.pullrequest.created",
    resourceVersion: "1.0-preview.1",
    publisherInputs: { projectId: PLATFORM_ID },
    consumerInputs: {
      url: "http://ci.internal:8080/pr?code=abc%2Fdef==&team=platform",
      httpHeaders: "X-Team: platform\nX-Api-Key: k3y-v4lue",
      basicAuthUsername: "bot${literal}",
    },
  }),
  live({
    id: GUID(7),
    eventType: "tfvc.checkin",
    publisherInputs: { projectId: PLATFORM_ID, path: "$/" },
    consumerInputs: { url: "https://tfvc.example.com/" },
  }),
];

/** What the secrets really are: the values a user would put into the variables. */
const REAL_VALUES: Record<string, string> = {
  HOOKOPS_GIT_PULLREQUEST_CREATED_WEBHOOKS_CI_INTERNAL_8080_URL_CODE: "abc%2Fdef==",
  HOOKOPS_GIT_PULLREQUEST_CREATED_WEBHOOKS_CI_INTERNAL_8080_HTTP_HEADERS_X_API_KEY: "k3y-v4lue",
  HOOKOPS_BUILD_COMPLETE_WEBHOOKS_HOOKS_EXAMPLE_COM_BASIC_AUTH_PASSWORD: "whatever: secrets are never compared",
  HOOKOPS_WORKITEM_CREATED_AZURESTORAGEQUEUE_FABRIKAMHOOKS_MOBILE_BUGS_ACCOUNT_KEY: "K".repeat(64),
};

async function exportAndPlan(subscriptions: HostedSubscription[], env: NodeJS.ProcessEnv): Promise<{ plan: Plan; findings: string[]; variables: string[] }> {
  const dir = await tempDir();
  const model = buildExportModel(subscriptions, PROJECTS);
  await writeFiles(
    dir,
    [
      ...model.files.map((file) => ({ path: file.path, content: renderSubscriptionFile(file, { organization: "fabrikam" }), createOnly: false })),
      { path: "hookops.yaml", content: renderRootConfig({ organization: "fabrikam" }), createOnly: true },
    ],
    { force: false, shown: (absolute) => path.relative(dir, absolute) },
  );
  const load = await loadRepository(dir, { env, cwd: dir });
  const findings = load.findings.map((finding) => `${finding.severity} ${finding.rule} ${finding.file}: ${finding.message}`);
  expect(hasErrors(load.findings), findings.join("\n")).toBe(false);
  if (!load.config) throw new Error("no config");
  const root = load.config.root;
  const plan = buildPlan({
    organization: "fabrikam",
    desired: load.subscriptions,
    live: subscriptions,
    unread: [],
    projects: PROJECTS,
    selfId: SELF,
    prune: load.config.prune,
    protect: load.config.protect,
    resolveReference: (value) => resolveValue(value, { root, env }).value,
    createdAt: "2025-01-01T00:00:00Z",
  });
  return { plan, findings, variables: model.variables.map((variable) => variable.name) };
}

describe("export, then validate and plan", () => {
  it("validates without errors and plans no changes, with the placeholder variables unset", async () => {
    const { plan, findings, variables } = await exportAndPlan(LIVE, {});
    expect(plan.changes).toEqual([]);
    expect(plan.noop).toBe(LIVE.length);
    expect(plan.refusals).toEqual([]);
    // Unset variables are warnings only, one per placeholder.
    expect(findings.filter((finding) => finding.startsWith("warning unset-reference"))).toHaveLength(variables.length);
    expect(variables.sort()).toEqual(Object.keys(REAL_VALUES).sort());
  });

  it("plans no changes with the variables set to the real values, and compares every non-secret placeholder", async () => {
    const { plan } = await exportAndPlan(LIVE, REAL_VALUES);
    expect(plan.changes).toEqual([]);
    expect(plan.warnings).toEqual([]);
  });

  it("a wrong value in a non-secret placeholder shows as a change, without showing the value", async () => {
    const { plan } = await exportAndPlan(LIVE, { ...REAL_VALUES, HOOKOPS_GIT_PULLREQUEST_CREATED_WEBHOOKS_CI_INTERNAL_8080_HTTP_HEADERS_X_API_KEY: "other" });
    expect(plan.changes.map((change) => [change.action, change.name, change.fields])).toEqual([
      ["update", "git-pullrequest-created-webhooks-ci-internal-8080", [{ field: "consumerInputs.httpHeaders", sensitive: true }]],
    ]);
  });

  it("an unhealthy subscription is exported enabled, so the only change is its repair", async () => {
    const unhealthy = live({
      id: GUID(9),
      status: "onProbation",
      probationRetries: 2,
      publisherInputs: { projectId: WEBSITE_ID },
      consumerInputs: { url: "https://flaky.example.com/" },
    });
    const { plan } = await exportAndPlan([...LIVE, unhealthy], {});
    expect(plan.changes.map((change) => [change.action, change.liveId, change.fields])).toEqual([
      ["repair", GUID(9), [{ field: "status", before: "onProbation", after: "enabled" }]],
    ]);
  });
});
