// Web Hooks and the Azure messaging consumers: the actions that may choose a resourceVersion.
import type { ConsumerSpec, InputSpec } from "../../types.js";

/** What each delivery carries; "" and "all" both mean everything (REAL-SERVICE.md R7). */
export const OUTPUT_OPTIONS: readonly InputSpec[] = [
  { id: "resourceDetailsToSend", values: ["", "all", "minimal", "none"] },
  { id: "messagesToSend", values: ["", "all", "text", "html", "markdown", "none"] },
  { id: "detailedMessagesToSend", values: ["", "all", "text", "html", "markdown", "none"] },
];

/**
 * Key-less mode through an Azure Resource Manager service connection: the docs name the mode but
 * not its input ids, so the id is hookops's choice and unconfirmed. When it has a value, the key
 * or connection string is not required.
 */
const SERVICE_CONNECTION: InputSpec = { id: "serviceConnectionId", dataType: "guid", uncertain: true };
const UNLESS_SERVICE_CONNECTION = [SERVICE_CONNECTION.id];

export const azureConsumers: readonly ConsumerSpec[] = [
  {
    id: "webHooks", name: "Web Hooks", authenticationType: "none",
    inputs: [],
    actions: [
      {
        id: "httpRequest", name: "Post via HTTP", supportedEventTypes: ["*"], keyInputs: ["url"], allowResourceVersionOverride: true,
        inputs: [
          { id: "url", required: true, dataType: "uri" },
          { id: "httpHeaders" },
          { id: "basicAuthUsername", minLength: 1, maxLength: 256, pattern: "^[\\S]+$" },
          { id: "basicAuthPassword", confidential: true, minLength: 1, maxLength: 256, pattern: "^[\\S]+$" },
          ...OUTPUT_OPTIONS,
          { id: "acceptUntrustedCerts", values: ["true", "false"], uncertain: true },
        ],
      },
    ],
  },
  {
    id: "azureStorageQueue", name: "Azure Storage", authenticationType: "external",
    inputs: [
      { id: "accountName", required: true, minLength: 1, maxLength: 100 },
      { id: "accountKey", required: true, confidential: true, minLength: 64, maxLength: 100, requiredUnless: UNLESS_SERVICE_CONNECTION },
      SERVICE_CONNECTION,
    ],
    actions: [
      {
        id: "enqueue", name: "Insert a message in a Storage Queue", supportedEventTypes: ["*"], keyInputs: ["accountName", "queueName"], allowResourceVersionOverride: true,
        inputs: [
          { id: "queueName", required: true, pattern: "^[a-z0-9]+[a-z0-9-]+[a-z0-9]$", minLength: 3, maxLength: 63 },
          { id: "visiTimeout", required: true, dataType: "number", minValue: 0, maxValue: 604800, default: "0" },
          { id: "ttl", required: true, dataType: "number", minValue: 1, maxValue: 604800, default: "604800" },
          ...OUTPUT_OPTIONS,
        ],
      },
    ],
  },
  {
    id: "azureServiceBus", name: "Azure Service Bus", authenticationType: "external",
    inputs: [
      { id: "connectionString", required: true, confidential: true, minLength: 1, maxLength: 500, requiredUnless: UNLESS_SERVICE_CONNECTION },
      SERVICE_CONNECTION,
      // Without a connection string the namespace has to be named; the id is unconfirmed like the mode.
      { id: "serviceBusNamespace", uncertain: true },
    ],
    actions: [
      {
        id: "serviceBusNotificationHubSend", name: "Send a message to a Notification Hub", supportedEventTypes: ["*"], keyInputs: ["notificationHubName"], allowResourceVersionOverride: true,
        inputs: [
          { id: "notificationHubName", required: true, maxLength: 50 },
          { id: "tagsExpression" },
        ],
      },
      {
        id: "serviceBusQueueSend", name: "Send a message to a Service Bus Queue", supportedEventTypes: ["*"], keyInputs: ["queueName"], allowResourceVersionOverride: true,
        inputs: [
          { id: "queueName", required: true, maxLength: 50 },
          { id: "bypassSerializer", dataType: "boolean" },
          ...OUTPUT_OPTIONS,
        ],
      },
      {
        id: "serviceBusTopicSend", name: "Send a message to a Service Bus Topic", supportedEventTypes: ["*"], keyInputs: ["topicName"], allowResourceVersionOverride: true,
        inputs: [
          { id: "topicName", required: true, maxLength: 50 },
          { id: "bypassSerializer", dataType: "boolean" },
          ...OUTPUT_OPTIONS,
        ],
      },
    ],
  },
];
