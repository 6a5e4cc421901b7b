// A hooks repo and a matching emulator state whose plan has one of each: create, update, replace, delete.
import type { SubscriptionBody } from "../../src/ado/types.js";
import { startEmulator, type EmulatorHandle, type EmulatorUser } from "../../src/emulator/index.js";

export const WEBSITE = "b1f0c5a2-7d3e-4c8b-9f6a-2e1d0c3b4a51";
/** The Azure DevOps personal access token given as the `token` input. */
export const ADO_TOKEN = "adoPat7QxTokenValue9zK3mW";
export const GITHUB_TOKEN = "ghs_fakeGithubTokenValue4471";
/** The webhook password the YAML references as ${env:WEBSITE_HOOK_PASSWORD}. */
export const HOOK_PASSWORD = "hookPassword-Zq81-never-shown";

export const USER: EmulatorUser = {
  token: ADO_TOKEN,
  kind: "pat",
  id: "8d7c6b5a-0000-4000-8000-0000000000aa",
  displayName: "Hooks Automation",
  uniqueName: "hooks-automation@fabrikam.example",
};

/** Every secret value a test run knows, including the Basic auth form of the token. */
export const SECRETS = [ADO_TOKEN, GITHUB_TOKEN, HOOK_PASSWORD, Buffer.from(`:${ADO_TOKEN}`).toString("base64")];

export function startTestEmulator(users: EmulatorUser[] = [USER]): Promise<EmulatorHandle> {
  return startEmulator({ seed: 11, users });
}

export function webhook(url: string, consumerInputs: Record<string, string> = {}, eventType = "build.complete"): SubscriptionBody {
  return {
    publisherId: "tfs",
    eventType,
    resourceVersion: "1.0",
    consumerId: "webHooks",
    consumerActionId: "httpRequest",
    publisherInputs: eventType === "build.complete" ? { projectId: WEBSITE, buildStatus: "Failed", definitionName: "WebSite.CI" } : { projectId: WEBSITE },
    consumerInputs: { url, ...consumerInputs },
  };
}

export const ROOT_CONFIG = `# yaml-language-server: $schema=../schemas/hookops.schema.json
organization: fabrikam
prune:
  enabled: true
  scope:
    projects: [WebSite]
  maxDeletes: 5
protect:
  - url: "https://teams.example.com/*"
`;

export interface SeededLive {
  ciFailedId: string;
  deploysId: string;
  retiredId: string;
  teamsId: string;
}

/** Live state: one to update, one to replace (pinned id), one to delete, one protected and unhealthy. */
export function seedLive(emulator: EmulatorHandle): SeededLive {
  const ciFailed = emulator.state.insert(
    webhook("https://alerts.example.com/ado/build-failed", { basicAuthUsername: "ado-hooks", basicAuthPassword: "old-password", messagesToSend: "text" }),
  );
  const deploys = emulator.state.insert(webhook("https://deploys.example.com/v1", {}, "git.push"));
  const retired = emulator.state.insert(webhook("https://retired.example.com/hook", {}, "git.pullrequest.updated"));
  const teams = emulator.state.insert(webhook("https://teams.example.com/ado", {}, "git.pullrequest.merged"));
  emulator.state.setStatus(teams.id, "disabledBySystem");
  return { ciFailedId: ciFailed.id, deploysId: deploys.id, retiredId: retired.id, teamsId: teams.id };
}

export function websiteHooks(deploysId: string, options: { withCreate?: boolean } = {}): string {
  const create = `
  - name: website-pr-created
    project: WebSite
    eventType: git.pullrequest.created
    resourceVersion: "1.0-preview.1"
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs:
      url: https://review-bot.example.com/hooks/pull-request
`;
  return `subscriptions:
  - name: website-ci-failed
    project: WebSite
    eventType: build.complete
    resourceVersion: "1.0"
    publisherInputs:
      buildStatus: Failed
      definitionName: WebSite.CI
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs:
      url: https://alerts.example.com/ado/build-failed
      basicAuthUsername: ado-hooks
      basicAuthPassword: \${env:WEBSITE_HOOK_PASSWORD}
      messagesToSend: none

  - name: website-deploys
    id: ${deploysId}
    project: WebSite
    eventType: git.push
    resourceVersion: "1.0"
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs:
      url: https://deploys.example.com/v2
${options.withCreate === false ? "" : create}`;
}
