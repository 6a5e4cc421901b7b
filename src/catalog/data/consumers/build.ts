// Build and deployment services that a subscription starts work in.
import type { ConsumerSpec } from "../../types.js";

export const buildConsumers: readonly ConsumerSpec[] = [
  {
    id: "jenkins", name: "Jenkins", authenticationType: "external",
    inputs: [{ id: "serverBaseUrl", required: true, dataType: "uri" }, { id: "username", required: true }, { id: "password", required: true, confidential: true }],
    actions: [
      {
        id: "triggerGenericBuild", name: "Trigger generic build", supportedEventTypes: ["git.push", "build.complete", "tfvc.checkin"], keyInputs: ["serverBaseUrl", "buildName"],
        inputs: [
          { id: "buildName", required: true, dynamic: true },
          { id: "buildAuthToken", confidential: true },
          { id: "buildParameterized", dataType: "boolean" },
          { id: "buildParams" },
          { id: "useTfsPlugin", dataType: "boolean" },
        ],
      },
      {
        id: "triggerGitBuild", name: "Trigger Git build", supportedEventTypes: ["git.push"], keyInputs: ["serverBaseUrl"],
        inputs: [
        ],
      },
    ],
  },
  {
    id: "myGet", name: "MyGet", authenticationType: "external",
    inputs: [],
    actions: [
      {
        id: "publishPackage", name: "Publish NuGet package to MyGet", supportedEventTypes: ["build.complete"], keyInputs: ["feedId", "packageSourceId"],
        inputs: [
          { id: "feedId", required: true },
          { id: "packageSourceId", required: true, dataType: "guid" },
        ],
      },
      {
        id: "triggerBuild", name: "Trigger a MyGet build", supportedEventTypes: ["git.push"], keyInputs: ["feedId", "buildSourceId"],
        inputs: [
          { id: "feedId", required: true },
          { id: "buildSourceId", required: true, dataType: "guid" },
        ],
      },
    ],
  },
  {
    id: "appVeyor", name: "AppVeyor", authenticationType: "external",
    inputs: [],
    actions: [
      {
        id: "triggerBuild", name: "Trigger an AppVeyor build", supportedEventTypes: ["git.push"], keyInputs: ["webHookId"],
        inputs: [
          { id: "webHookId", required: true },
          { id: "projectName" },
        ],
      },
    ],
  },
  {
    // Consumer inputs from the service (REAL-SERVICE.md); the action's own inputs and events are assumed.
    id: "bamboo", name: "Bamboo", authenticationType: "external",
    inputs: [{ id: "serverBaseUrl", required: true, dataType: "uri" }, { id: "username", required: true }, { id: "password", required: true, confidential: true }],
    actions: [
      {
        id: "queueBuild", name: "Queue a build", supportedEventTypes: ["build.complete", "git.push", "tfvc.checkin"], keyInputs: ["serverBaseUrl", "planName"], uncertain: true,
        inputs: [
          { id: "planName", required: true, uncertain: true },
        ],
      },
    ],
  },
  {
    id: "azureAppService", name: "Azure App Service", managedExternally: true, uncertain: true,
    inputs: [],
    actions: [
      {
        id: "deployWebApp", name: "Deploy web app", supportedEventTypes: ["git.push"], keyInputs: [], uncertain: true,
        inputs: [
        ],
      },
    ],
  },
];
