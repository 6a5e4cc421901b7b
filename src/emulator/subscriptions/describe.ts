/** The texts the service generates for a subscription from its filters and consumer inputs. */
import { catalog } from "../../catalog/index.js";
import { humanize } from "../metadata/text.js";

/** Publisher inputs that scope a subscription rather than filter its events. */
const SCOPE_INPUTS = new Set(["projectId", "teamId", "hostId", "tfsSubscriptionId"]);

function filled(inputs: Record<string, string>, id: string): string | undefined {
  const value = inputs[id];
  return value === undefined || value === "" ? undefined : value;
}

function describeBuild(inputs: Record<string, string>): string {
  const definition = filled(inputs, "definitionName");
  const status = filled(inputs, "buildStatus");
  if (definition && status) return `Build ${definition}, status ${status}`;
  if (definition) return `Build ${definition}`;
  if (status) return `Any build, status ${status}`;
  return "Any completed build";
}

function describePush(inputs: Record<string, string>): string {
  const branch = filled(inputs, "branch");
  const repository = filled(inputs, "repository");
  const pushedBy = filled(inputs, "pushedBy");
  const text = `${branch ? `Branch ${branch}` : "Any branch"} on ${repository ? `repository ${repository}` : "any repository"}`;
  return pushedBy ? `${text}, pushed by ${pushedBy}` : text;
}

function describeWorkItem(eventTypeId: string, inputs: Record<string, string>): string {
  const parts = filterParts(eventTypeId, inputs);
  return parts.length > 0 ? parts.join(", ") : "Any work item";
}

function filterParts(eventTypeId: string, inputs: Record<string, string>): string[] {
  const filters = catalog.eventType(eventTypeId)?.eventType.filters ?? [];
  const parts: string[] = [];
  for (const filter of filters) {
    if (SCOPE_INPUTS.has(filter.id)) continue;
    const value = filled(inputs, filter.id);
    if (value !== undefined) parts.push(`${humanize(filter.id)} ${value}`);
  }
  return parts;
}

export function describeEvent(eventTypeId: string, publisherInputs: Record<string, string>): string {
  if (eventTypeId === "build.complete") return describeBuild(publisherInputs);
  if (eventTypeId === "git.push") return describePush(publisherInputs);
  if (eventTypeId.startsWith("workitem.")) return describeWorkItem(eventTypeId, publisherInputs);
  const parts = filterParts(eventTypeId, publisherInputs);
  if (parts.length > 0) return parts.join(", ");
  const name = catalog.eventType(eventTypeId)?.eventType.name;
  return name ? `Any ${name.charAt(0).toLowerCase()}${name.slice(1)}` : "";
}

function hostnameOf(value: string): string {
  try {
    return new URL(value).hostname || value;
  } catch {
    return value;
  }
}

export function describeAction(consumerId: string, actionId: string, consumerInputs: Record<string, string>): string {
  const action = catalog.action(consumerId, actionId);
  if (!action) return "";
  const specs = new Map(catalog.consumerInputs(consumerId, actionId).map((input) => [input.id, input]));
  const keys = action.keyInputs.filter((id) => !specs.get(id)?.confidential && filled(consumerInputs, id) !== undefined);
  const [onlyKey] = keys;
  if (keys.length === 1 && onlyKey !== undefined && specs.get(onlyKey)?.dataType === "uri") {
    return `To host ${hostnameOf(consumerInputs[onlyKey] ?? "")}`;
  }
  return keys
    .map((id) => {
      const value = consumerInputs[id] ?? "";
      return `${humanize(id)}: ${specs.get(id)?.dataType === "uri" ? hostnameOf(value) : value}`;
    })
    .join(", ");
}
