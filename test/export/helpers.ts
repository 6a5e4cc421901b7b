// Inline fixture factories: each test states the live fields it cares about as overrides.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { onTestFinished } from "vitest";
import type { HostedSubscription, TeamProjectReference } from "../../src/ado/types.js";

export const WEBSITE_ID = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";
export const MOBILE_ID = "c2e1d6b3-8e4f-4d9c-a07b-3f2e1d4c5b62";
export const PLATFORM_ID = "d3f2e7c4-9f50-4ead-b18c-4a3f2e5d6c73";

export const PROJECTS: TeamProjectReference[] = [
  { id: WEBSITE_ID, name: "WebSite" },
  { id: MOBILE_ID, name: "Mobile" },
  { id: PLATFORM_ID, name: "Platform" },
];

/** A webhook on build.complete as the service lists it, with every server-added field. */
export function live(overrides: Partial<HostedSubscription> = {}): HostedSubscription {
  const id = overrides.id ?? "8dea9aba-3a9a-4ad0-860f-2a5c7379e3eb";
  return {
    id,
    url: `https://dev.azure.com/fabrikam/_apis/hooks/subscriptions/${id}`,
    host: "default",
    publisherId: "tfs",
    eventType: "build.complete",
    resourceVersion: "1.0",
    eventDescription: "Build WebSite.CI, status Failed",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    actionDescription: "To host hooks.example.com",
    status: "enabled",
    createdBy: { id: "00ca946b-2fe9-4f2a-ae2f-40d5c48001bc", displayName: "Build Bot" },
    createdDate: "2025-01-10T08:00:00Z",
    modifiedBy: { id: "00ca946b-2fe9-4f2a-ae2f-40d5c48001bc" },
    modifiedDate: "2025-01-10T08:00:00Z",
    _links: { self: { href: `https://dev.azure.com/fabrikam/_apis/hooks/subscriptions/${id}` } },
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

/** A fresh temporary folder, removed when the test ends. */
export async function tempDir(prefix = "hookops-export-"): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}
