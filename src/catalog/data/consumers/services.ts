// Work tracking, automation and monitoring services.
import type { ConsumerSpec } from "../../types.js";

export const serviceConsumers: readonly ConsumerSpec[] = [
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
          { id: "cardName" },
          { id: "cardDescription" },
        ],
      },
      {
        id: "createList", name: "Create a list", supportedEventTypes: ["*"], keyInputs: ["boardId"],
        inputs: [
          { id: "boardId", required: true, dynamic: true },
          { id: "addToBottom", dataType: "boolean" },
          { id: "listName" },
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
    id: "bapiconnectors", name: "Azure Logic Apps and Power Automate", managedExternally: true,
    inputs: [],
    actions: [
      {
        id: "httpRequest", name: "Send an event to a flow", supportedEventTypes: ["*"], keyInputs: ["url"],
        inputs: [
          { id: "url", required: true, dataType: "uri" },
        ],
      },
    ],
  },
  {
    id: "mobileCenter", name: "App Center", managedExternally: true,
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
    id: "grafana", name: "Grafana",
    inputs: [{ id: "url", required: true, dataType: "uri" }, { id: "apiToken", required: true, confidential: true }],
    actions: [
      {
        id: "addAnnotation", name: "Add annotation to Grafana database", supportedEventTypes: ["ms.vss-release.deployment-completed-event"], keyInputs: ["url", "dashboardId"],
        inputs: [
          { id: "tags", required: true },
          { id: "text" },
          { id: "dashboardId" },
          { id: "annotationDeploymentDurationWindow", dataType: "boolean" },
        ],
      },
    ],
  },
  {
    id: "datadog", name: "Datadog",
    inputs: [{ id: "apiKey", required: true, confidential: true, pattern: "^[a-zA-Z0-9]+$" }, { id: "accountType", required: true }],
    actions: [
      {
        id: "postEventInDatadog", name: "Post an event in Datadog", supportedEventTypes: ["*"], keyInputs: ["accountType"],
        inputs: [
        ],
      },
    ],
  },
];
