// Services Azure DevOps retired; kept so old live subscriptions can still be read and exported.
import type { ConsumerSpec } from "../../types.js";

export const retiredConsumers: readonly ConsumerSpec[] = [
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
