// Small factories for inline fixtures: each test states the fields it cares about as overrides.
import type { LiveSubscription, TeamProjectReference } from "../../src/ado/types.js";
import type { DesiredSubscription } from "../../src/config/types.js";
import type { ReconcileInput } from "../../src/reconcile/types.js";

export const WEBSITE_ID = "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c";
export const MOBILE_ID = "eb6e4656-77fc-42a1-9181-4c6d8e9da5d1";
export const SELF_ID = "00ca946b-2fe9-4f2a-ae2f-40d5c48001bc";
export const OTHER_ID = "9a6f1cde-0000-4000-8000-000000000042";

export const PROJECTS: TeamProjectReference[] = [
  { id: WEBSITE_ID, name: "WebSite" },
  { id: MOBILE_ID, name: "Mobile" },
];

export function desired(overrides: Partial<DesiredSubscription> = {}): DesiredSubscription {
  return {
    name: "website-ci-failed",
    project: "WebSite",
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    publisherInputs: { buildStatus: "Failed", definitionName: "WebSite.CI" },
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    consumerInputs: { url: "https://hooks.example.com/ado" },
    enabled: true,
    source: { file: "hooks/website.yaml", line: 2, column: 5 },
    ...overrides,
  };
}

export function live(overrides: Partial<LiveSubscription> = {}): LiveSubscription {
  return {
    id: "8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb",
    url: "https://dev.azure.com/fabrikam/_apis/hooks/subscriptions/8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb",
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    eventDescription: "Build WebSite.CI, status Failed",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    actionDescription: "To host hooks.example.com",
    status: "enabled",
    createdBy: { id: SELF_ID, displayName: "Build Bot" },
    createdDate: "2025-01-10T08:00:00Z",
    modifiedBy: { id: SELF_ID },
    modifiedDate: "2025-01-10T08:00:00Z",
    publisherInputs: {
      buildStatus: "Failed",
      definitionName: "WebSite.CI",
      projectId: WEBSITE_ID,
      hostId: "d81542e4-cdfa-4333-b082-1ae2d6c3ad16",
      tfsSubscriptionId: "e15ed970-8b92-4b71-8ec2-f99b5db5e34d",
    },
    consumerInputs: { url: "https://hooks.example.com/ado" },
    ...overrides,
  };
}

export function input(overrides: Partial<ReconcileInput> = {}): ReconcileInput {
  return {
    organization: "fabrikam",
    desired: [],
    live: [],
    unread: [],
    projects: PROJECTS,
    selfId: SELF_ID,
    prune: { enabled: true, scope: { createdBy: "self" }, maxDeletes: 10 },
    protect: [],
    resolveReference: () => undefined,
    createdAt: "2025-02-01T12:00:00.000Z",
    ...overrides,
  };
}

/** A resolver over a fixed environment, the way config/interpolate resolves ${env:NAME}. */
export function envResolver(env: Record<string, string>): (value: string) => string | undefined {
  return (value) => {
    let missing = false;
    const resolved = value.replace(/\$\{env:([^}]*)\}/g, (_match, name: string) => {
      const found = env[name];
      if (found === undefined) missing = true;
      return found ?? "";
    });
    return missing || /\$\{file:/.test(resolved) ? undefined : resolved;
  };
}
