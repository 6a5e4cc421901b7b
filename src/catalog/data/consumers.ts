// Facts from the Azure DevOps service hook descriptors and docs; see README "Catalog".
import type { ConsumerSpec } from "../types.js";

export const consumers: readonly ConsumerSpec[] = [
  {
    id: "webHooks", name: "Web Hooks", authenticationType: "none",
    inputs: [],
    actions: [
      {
        id: "httpRequest", name: "Post via HTTP", supportedEventTypes: ["*"], keyInputs: ["url"], allowResourceVersionOverride: true,
        inputs: [
          { id: "url", required: true, dataType: "uri" },
          { id: "httpHeaders" },
          { id: "basicAuthUsername", minLength: 1, maxLength: 256 },
          { id: "basicAuthPassword", confidential: true, minLength: 1, maxLength: 256 },
          { id: "resourceDetailsToSend", values: ["", "minimal", "none"] },
          { id: "messagesToSend", values: ["", "text", "html", "markdown", "none"] },
          { id: "detailedMessagesToSend", values: ["", "text", "html", "markdown", "none"] },
          { id: "acceptUntrustedCerts", values: ["true", "false"], uncertain: true },
        ],
      },
    ],
  },
  {
    id: "azureStorageQueue", name: "Azure Storage", authenticationType: "external",
    inputs: [{ id: "accountName", required: true, minLength: 1, maxLength: 100 }, { id: "accountKey", required: true, confidential: true, minLength: 64, maxLength: 100 }],
    actions: [
      {
        id: "enqueue", name: "Insert a message in a Storage Queue", supportedEventTypes: ["*"], keyInputs: ["accountName", "queueName"], allowResourceVersionOverride: true,
        inputs: [
          { id: "queueName", required: true, pattern: "^[a-z0-9]+[a-z0-9-]+[a-z0-9]$", minLength: 3, maxLength: 63 },
          { id: "visiTimeout", required: true, dataType: "number", minValue: 0, maxValue: 604800, default: "0" },
          { id: "ttl", required: true, dataType: "number", minValue: 1, maxValue: 604800, default: "604800" },
          { id: "resourceDetailsToSend", values: ["", "minimal", "none"] },
          { id: "messagesToSend", values: ["", "text", "html", "markdown", "none"] },
          { id: "detailedMessagesToSend", values: ["", "text", "html", "markdown", "none"] },
        ],
      },
    ],
  },
  {
    id: "azureServiceBus", name: "Azure Service Bus", authenticationType: "external",
    inputs: [{ id: "connectionString", required: true, confidential: true, minLength: 1, maxLength: 500 }],
    actions: [
      {
        id: "serviceBusNotificationHubSend", name: "Send a message to a Notification Hub", supportedEventTypes: ["*"], keyInputs: ["notificationHubName"],
        inputs: [
          { id: "notificationHubName", required: true, maxLength: 50 },
          { id: "tagsExpression" },
        ],
      },
      {
        id: "serviceBusQueueSend", name: "Send a message to a Service Bus Queue", supportedEventTypes: ["*"], keyInputs: ["queueName"],
        inputs: [
          { id: "queueName", required: true, maxLength: 50 },
          { id: "resourceDetailsToSend", values: ["", "minimal", "none"] },
          { id: "messagesToSend", values: ["", "text", "html", "markdown", "none"] },
          { id: "detailedMessagesToSend", values: ["", "text", "html", "markdown", "none"] },
        ],
      },
      {
        id: "serviceBusTopicSend", name: "Send a message to a Service Bus Topic", supportedEventTypes: ["*"], keyInputs: ["topicName"],
        inputs: [
          { id: "topicName", required: true, maxLength: 50 },
          { id: "resourceDetailsToSend", values: ["", "minimal", "none"] },
          { id: "messagesToSend", values: ["", "text", "html", "markdown", "none"] },
          { id: "detailedMessagesToSend", values: ["", "text", "html", "markdown", "none"] },
        ],
      },
    ],
  },
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
    id: "trello", name: "Trello", authenticationType: "external",
    inputs: [{ id: "userToken", required: true, confidential: true, minLength: 64, maxLength: 64 }],
    actions: [
      {
        id: "createCard", name: "Create a card", supportedEventTypes: ["*"], keyInputs: ["boardId", "listId"],
        inputs: [
          { id: "boardId", required: true, dynamic: true },
          { id: "listId", required: true, dynamic: true },
          { id: "labels" },
          { id: "addToTop", dataType: "boolean" },
        ],
      },
      {
        id: "createList", name: "Create a list", supportedEventTypes: ["*"], keyInputs: ["boardId"],
        inputs: [
          { id: "boardId", required: true, dynamic: true },
          { id: "addToBottom", dataType: "boolean" },
        ],
      },
    ],
  },
  {
    id: "zendesk", name: "Zendesk", authenticationType: "external",
    inputs: [{ id: "accountName", required: true, maxLength: 63 }, { id: "username", required: true, maxLength: 254 }, { id: "apiToken", required: true, confidential: true, maxLength: 100 }],
    actions: [
      {
        id: "createPrivateComment", name: "Create a private comment in a ticket", supportedEventTypes: ["workitem.commented"], keyInputs: ["accountName"],
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
    id: "userVoice", name: "UserVoice", authenticationType: "external",
    inputs: [],
    actions: [
      {
        id: "sendLinkedWorkItemEvent", name: "Send linked work item event", supportedEventTypes: ["workitem.created", "workitem.updated"], keyInputs: ["url"],
        inputs: [
          { id: "url", required: true, dataType: "uri" },
          { id: "authToken", required: true, confidential: true },
        ],
      },
    ],
  },
  {
    id: "zapier", name: "Zapier", authenticationType: "none", managedExternally: true,
    inputs: [],
    actions: [
      {
        id: "sendNotification", name: "Send notification", supportedEventTypes: ["*"], keyInputs: ["url"],
        inputs: [
          { id: "url", required: true, dataType: "uri" },
        ],
      },
    ],
  },
  {
    id: "slack", name: "Slack", uncertain: true,
    inputs: [],
    actions: [
      {
        id: "postMessageToChannel", name: "Post a message to a channel", supportedEventTypes: ["*"], keyInputs: ["url"],
        inputs: [
          { id: "url", required: true, dataType: "uri", uncertain: true },
        ],
      },
    ],
  },
  {
    id: "grafana", name: "Grafana", uncertain: true,
    inputs: [],
    actions: [
      {
        id: "addAnnotation", name: "Add annotation to Grafana database", supportedEventTypes: ["ms.vss-release.deployment-completed-event"], keyInputs: ["url"],
        inputs: [
          { id: "url", required: true, dataType: "uri" },
          { id: "apiToken", required: true, confidential: true, uncertain: true },
          { id: "tags" },
          { id: "annotationDeploymentDurationWindow", dataType: "boolean" },
          { id: "dashboardId" },
          { id: "text", uncertain: true },
        ],
      },
    ],
  },
  {
    id: "datadog", name: "Datadog", uncertain: true,
    inputs: [{ id: "apiKey", required: true, confidential: true, uncertain: true }, { id: "accountType", uncertain: true }],
    actions: [
    ],
  },
  {
    id: "teams", name: "Microsoft Teams", uncertain: true,
    inputs: [],
    actions: [
    ],
  },
  {
    id: "office365", name: "Office 365", uncertain: true,
    inputs: [],
    actions: [
    ],
  },
  {
    id: "workplaceMessagingApps", name: "Workplace Message Apps", uncertain: true,
    inputs: [],
    actions: [
    ],
  },
  {
    id: "kato", name: "Kato", authenticationType: "external", retired: true,
    inputs: [{ id: "roomToken", required: true, confidential: true, maxLength: 300 }, { id: "roomName" }],
    actions: [
      {
        id: "postEventToRoom", name: "Post event to room", supportedEventTypes: ["*"], keyInputs: ["roomName"],
        inputs: [
        ],
      },
    ],
  },
  {
    id: "campfire", name: "Campfire", authenticationType: "external", retired: true,
    inputs: [{ id: "accountName", required: true, maxLength: 63 }, { id: "authToken", required: true, confidential: true }],
    actions: [
      {
        id: "postMessageToRoom", name: "Post a message to a room", supportedEventTypes: ["*"], keyInputs: ["accountName", "roomId"],
        inputs: [
          { id: "roomId", required: true, dataType: "number" },
          { id: "showDetails", dataType: "boolean" },
        ],
      },
    ],
  },
  {
    id: "hipChat", name: "HipChat", authenticationType: "external", retired: true,
    inputs: [{ id: "authToken", required: true, confidential: true }],
    actions: [
      {
        id: "postMessageToRoom", name: "Post a message to a room", supportedEventTypes: ["*"], keyInputs: ["roomName"],
        inputs: [
          { id: "roomName", required: true },
          { id: "notifyRoom", dataType: "boolean" },
          { id: "showDetails", dataType: "boolean" },
          { id: "bgColor", values: ["gray", "green", "purple", "random", "red", "yellow"] },
        ],
      },
    ],
  },
  {
    id: "flowdock", name: "Flowdock", authenticationType: "external", retired: true,
    inputs: [{ id: "flowAPIToken", required: true, confidential: true }, { id: "flowName", maxLength: 100 }, { id: "showDetails", dataType: "boolean" }],
    actions: [
      {
        id: "postMessageToChat", name: "Post a message to a team chat", supportedEventTypes: ["*"], keyInputs: ["flowName"],
        inputs: [
          { id: "externalUserName", required: true, maxLength: 16 },
          { id: "tags" },
        ],
      },
      {
        id: "postMessageToTeamInbox", name: "Post a message to a team inbox", supportedEventTypes: ["*"], keyInputs: ["flowName"],
        inputs: [
          { id: "subject", required: true },
          { id: "fromName" },
          { id: "fromAddress", required: true, maxLength: 254 },
          { id: "replyTo", maxLength: 254 },
          { id: "project" },
          { id: "tags" },
        ],
      },
    ],
  },
  {
    id: "hubot", name: "Hubot", authenticationType: "external", retired: true,
    inputs: [],
    actions: [
      {
        id: "postMessage", name: "Post a message", supportedEventTypes: ["message.posted"], keyInputs: ["url"],
        inputs: [
          { id: "url", required: true },
          { id: "username", required: true },
          { id: "password", required: true, confidential: true },
        ],
      },
      {
        id: "postMessageToQueue", name: "Post a message to an Azure Service Bus Queue", supportedEventTypes: ["message.posted"], keyInputs: ["queueName"],
        inputs: [
          { id: "connectionString", required: true, confidential: true },
          { id: "queueName", required: true },
        ],
      },
    ],
  },
];
