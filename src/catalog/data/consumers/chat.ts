// Chat tools: their URL inputs are incoming-webhook addresses whose path is the secret (see ../../sensitive.ts).
import type { ConsumerSpec } from "../../types.js";

export const chatConsumers: readonly ConsumerSpec[] = [
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
    id: "teams", name: "Microsoft Teams",
    inputs: [{ id: "teamsUrl", required: true, dataType: "uri" }],
    actions: [
      {
        id: "postMessageToTeam", name: "Post a message to a team", supportedEventTypes: ["*"], keyInputs: ["teamsUrl"],
        inputs: [
        ],
      },
    ],
  },
  {
    id: "office365", name: "Office 365",
    inputs: [{ id: "officeConnectorUrl", required: true, dataType: "uri" }],
    actions: [
      {
        id: "postMessageToGroup", name: "Post a message to a group", supportedEventTypes: ["*"], keyInputs: ["officeConnectorUrl"],
        inputs: [
        ],
      },
    ],
  },
  {
    id: "workplaceMessagingApps", name: "Workplace Message Apps", managedExternally: true,
    inputs: [],
    actions: [
      {
        id: "httpRequest", name: "Send a message", supportedEventTypes: ["*"], keyInputs: ["url"],
        inputs: [
          { id: "url", required: true, dataType: "uri" },
        ],
      },
    ],
  },
];
