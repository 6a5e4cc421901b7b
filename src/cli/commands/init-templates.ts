/** What `hookops init` writes: relative path → content. Every subscription file validates offline. */

/** The variables the example subscriptions reference, which CI must provide as secrets. */
export const EXAMPLE_SECRETS = ["WEBHOOK_PASSWORD", "SLACK_WEBHOOK_URL", "TEAMS_WEBHOOK_URL", "STORAGE_ACCOUNT_KEY", "SERVICE_BUS_CONNECTION_STRING"] as const;

export function hookopsYaml(organization: string | undefined): string {
  const org =
    organization === undefined
      ? "fabrikam   # your organization: a name, https://dev.azure.com/<name> or a server collection URL"
      : JSON.stringify(organization);
  return `# hookops: Azure DevOps service hook subscriptions as code (https://github.com/hookops/hookops).
# Check with \`hookops validate\`, see what would change with \`hookops plan\`, apply with \`hookops apply\`.
organization: ${org}
include: ["hooks/**/*.{yaml,yml}"]
defaults:
  enabled: true
prune:
  # Turn on to delete live subscriptions that no file declares (only those hookops created).
  enabled: false
  maxDeletes: 10
`;
}

const HEADER = "# Rename the project (WebSite is one the emulator has) and point the target at yours; secrets come from the environment (${env:NAME}).\n";

export const SUBSCRIPTION_FILES: Readonly<Record<string, string>> = {
  "hooks/webhooks.yaml": `${HEADER}subscriptions:
  - name: ci-failed-webhook
    project: WebSite
    eventType: build.complete
    publisherInputs:
      buildStatus: Failed
    consumerId: webHooks
    consumerActionId: httpRequest
    consumerInputs:
      url: https://hooks.example.com/azure-devops
      basicAuthUsername: azure-devops
      basicAuthPassword: \${env:WEBHOOK_PASSWORD}
`,
  "hooks/slack.yaml": `${HEADER}subscriptions:
  - name: pull-request-created-slack
    project: WebSite
    eventType: git.pullrequest.created
    consumerId: slack
    consumerActionId: postMessageToChannel
    consumerInputs:
      url: \${env:SLACK_WEBHOOK_URL}
`,
  "hooks/teams.yaml": `${HEADER}subscriptions:
  - name: work-item-created-teams
    project: WebSite
    eventType: workitem.created
    consumerId: teams
    consumerActionId: postMessageToTeam
    consumerInputs:
      teamsUrl: \${env:TEAMS_WEBHOOK_URL}
`,
  "hooks/storage-queue.yaml": `${HEADER}subscriptions:
  - name: code-pushed-storage-queue
    project: WebSite
    eventType: git.push
    consumerId: azureStorageQueue
    consumerActionId: enqueue
    consumerInputs:
      accountName: mystorageaccount
      accountKey: \${env:STORAGE_ACCOUNT_KEY}
      queueName: azure-devops-events
      visiTimeout: "0"
      ttl: "604800"
`,
  "hooks/service-bus.yaml": `${HEADER}subscriptions:
  - name: work-item-updated-service-bus
    project: WebSite
    eventType: workitem.updated
    consumerId: azureServiceBus
    consumerActionId: serviceBusQueueSend
    consumerInputs:
      connectionString: \${env:SERVICE_BUS_CONNECTION_STRING}
      queueName: azure-devops-events
`,
};

export const GITIGNORE = "# The embedded emulator's state (hookops --org emulator)\n.hookops/\n";

function secretsEnv(indent: string, value: (name: string) => string): string {
  return EXAMPLE_SECRETS.map((name) => `${indent}${name}: ${value(name)}`).join("\n");
}

export const GITHUB_WORKFLOW = `# Service hooks as code: a plan on every pull request, apply when the change lands on main.
# Set the repository variables AZURE_CLIENT_ID and AZURE_TENANT_ID (an Entra ID app with a federated
# credential for this repository) and the secrets below (docs/action.md).
name: hookops

on:
  pull_request:
    paths: ["hookops.yaml", "hooks/**"]
  push:
    branches: [main]
    paths: ["hookops.yaml", "hooks/**"]
  workflow_dispatch:

permissions: {}

jobs:
  plan:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
      id-token: write
    concurrency:
      group: hookops-plan-\${{ github.event.pull_request.number }}
      cancel-in-progress: true
    steps:
      - uses: actions/checkout@v4
      - uses: hookops/hookops@v1
        with:
          command: plan
          azure-client-id: \${{ vars.AZURE_CLIENT_ID }}
          azure-tenant-id: \${{ vars.AZURE_TENANT_ID }}
        env:
${secretsEnv("          ", (name) => `\${{ secrets.${name} }}`)}

  apply:
    if: github.event_name == 'push' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      id-token: write
    concurrency:
      group: hookops-apply-\${{ github.repository }}
      cancel-in-progress: false
    steps:
      - uses: actions/checkout@v4
      - uses: hookops/hookops@v1
        with:
          command: apply
          azure-client-id: \${{ vars.AZURE_CLIENT_ID }}
          azure-tenant-id: \${{ vars.AZURE_TENANT_ID }}
        env:
${secretsEnv("          ", (name) => `\${{ secrets.${name} }}`)}
`;

export const AZURE_PIPELINE = `# hookops in Azure Pipelines: a plan on pull request validation builds, apply on main.
# The job's identity, "<project> Build Service (<organization>)", needs "View subscriptions" and
# "Edit subscriptions" (service hooks) in the projects hookops manages. Define the secrets below as
# secret pipeline variables.
trigger:
  branches:
    include: [main]
  paths:
    include: [hookops.yaml, hooks]

pr:
  branches:
    include: [main]
  paths:
    include: [hookops.yaml, hooks]

pool:
  vmImage: ubuntu-latest

steps:
  - checkout: self

  - task: UseNode@1
    inputs:
      version: "24.x"

  - script: npm install --global hookops
    displayName: Install hookops

  - script: hookops validate .
    displayName: Validate

  - script: hookops plan . --no-color
    displayName: Plan
    condition: eq(variables['Build.Reason'], 'PullRequest')
    env:
      SYSTEM_ACCESSTOKEN: $(System.AccessToken)
${secretsEnv("      ", (name) => `$(${name})`)}

  - script: hookops apply . --auto-approve --no-color
    displayName: Apply
    condition: and(succeeded(), ne(variables['Build.Reason'], 'PullRequest'), eq(variables['Build.SourceBranch'], 'refs/heads/main'))
    env:
      SYSTEM_ACCESSTOKEN: $(System.AccessToken)
${secretsEnv("      ", (name) => `$(${name})`)}
`;
