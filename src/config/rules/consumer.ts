import type { InputSpec } from "../../catalog/types.js";
import { quotedList } from "../../util/text.js";
import { absence, actionUnconfirmed, consumerInputUnconfirmed, consumerUnconfirmed, listed, suggestion, supportUnconfirmed } from "./absent.js";
import { report, type EntryFacts, type RuleContext } from "./context.js";
import { actionSpecs } from "./specs.js";
import { valueProblems } from "./values.js";

/** consumerId and consumerActionId known; retired, externally managed and unsupported events flagged. */
export function checkConsumer({ entry, view, where, consumer, action, event }: EntryFacts, context: RuleContext): void {
  const { consumerId, consumerActionId } = entry.fields;
  if (consumerId === undefined) return;
  if (!consumer) {
    const { severity, note } = absence(context, false, () => consumerUnconfirmed(consumerId));
    const message = `unknown consumerId "${consumerId}"${where}.${suggestion(consumerId, view.consumerIds(), "consumers")}${note}`;
    report(context, entry, severity, "unknown-consumer", message, ["consumerId"]);
    return;
  }
  if (consumer.retired) {
    report(
      context,
      entry,
      "warning",
      "retired-consumer",
      `consumer "${consumerId}" (${consumer.name}) was retired by Azure DevOps; new subscriptions to it will not deliver`,
      ["consumerId"],
    );
  }
  if (consumer.managedExternally) {
    report(
      context,
      entry,
      "warning",
      "externally-managed-consumer",
      `consumer "${consumerId}" (${consumer.name}) subscriptions are normally created from the ${consumer.name} side; managing them here may fight with it`,
      ["consumerId"],
    );
  }
  if (consumerActionId === undefined) return;
  if (!action) {
    const known = consumer.actions.map((candidate) => candidate.id);
    const incomplete = ` The catalog's list for "${consumerId}" is incomplete, so this may still work.`;
    const { severity, note } = absence(context, consumer.uncertain === true, () => actionUnconfirmed(consumerId, consumerActionId), incomplete);
    const message = `unknown consumerActionId "${consumerActionId}" for consumer "${consumerId}"${where}.${suggestion(consumerActionId, known, "actions")}${note}`;
    report(context, entry, severity, "unknown-action", message, ["consumerActionId"]);
    return;
  }
  const eventType = entry.fields.eventType;
  const supported = action.supportedEventTypes;
  if (!event || eventType === undefined || supported.includes("*") || supported.includes(eventType)) return;
  const uncertain = action.uncertain === true || consumer.uncertain === true;
  const { severity, note } = absence(context, uncertain, () => supportUnconfirmed(consumerId, consumerActionId, eventType));
  report(
    context,
    entry,
    severity,
    "unsupported-event-type",
    `"${consumerId}/${consumerActionId}"${where} does not accept "${eventType}"; it accepts ${listed(supported, "event types")}${note}`,
    ["eventType"],
  );
}

function isBlank(value: string | undefined): boolean {
  return (value ?? "").trim() === "";
}

/** Required, unless another way to authenticate is given (requiredUnless). */
function isRequired(spec: InputSpec, inputs: Record<string, string>): boolean {
  return spec.required === true && !(spec.requiredUnless ?? []).some((other) => !isBlank(inputs[other]));
}

/**
 * consumerInputs: known ids, required ones present (consumer-level and action-level), values of
 * the right form. A blank value is never sent (the service refuses it, REAL-SERVICE.md R5).
 */
export function checkConsumerInputs({ entry, where, consumer, action, inputs }: EntryFacts, context: RuleContext): void {
  if (!consumer || !action) return;
  const { list: specs, byId } = actionSpecs(consumer, action);
  const uncertainAction = consumer.uncertain === true || action.uncertain === true;
  const label = `"${consumer.id}/${action.id}"${where}`;
  const known = specs.map((candidate) => candidate.id);
  for (const [key, value] of Object.entries(inputs)) {
    const spec = byId.get(key);
    if (!spec) {
      const { severity, note } = absence(context, uncertainAction, () => consumerInputUnconfirmed(consumer.id, action.id, key));
      const message = `unknown consumer input "${key}" for ${label}.${suggestion(key, known, "inputs")}${note}`;
      report(context, entry, severity, "unknown-input", message, ["consumerInputs", key], "key");
      continue;
    }
    if (isBlank(value)) {
      // A required one is reported as missing below.
      if (!isRequired(spec, inputs)) {
        report(
          context,
          entry,
          "warning",
          "empty-input",
          `consumer input "${key}" is empty; an empty value is not sent (the service refuses it), so omit the key`,
          ["consumerInputs", key],
        );
      }
      continue;
    }
    // A confidential value is never echoed or checked, even when it is wrong.
    if (spec.confidential) continue;
    const problems = valueProblems(spec, value, "input");
    if (problems.error !== undefined) {
      report(context, entry, spec.uncertain || uncertainAction ? "warning" : "error", "invalid-input-value", `consumer input "${key}" ${problems.error}`, [
        "consumerInputs",
        key,
      ]);
    }
    if (problems.unknown !== undefined)
      report(context, entry, "warning", "unknown-input-value", `consumer input "${key}" ${problems.unknown}`, ["consumerInputs", key]);
  }
  // consumerInputs written with the wrong type was reported by the schema; its inputs are unknown, not missing.
  const unreadable = entry.present.has("consumerInputs") && entry.written.consumerInputs === undefined;
  const missing = unreadable ? [] : specs.filter((spec) => isRequired(spec, inputs) && isBlank(inputs[spec.id]));
  for (const spec of missing) {
    const hasDefault = spec.default !== undefined;
    const severity = hasDefault || spec.uncertain || uncertainAction ? "warning" : "error";
    const unless = spec.requiredUnless && spec.requiredUnless.length > 0 ? `, unless ${quotedList(spec.requiredUnless)} is set` : "";
    const requirement = `${label} requires consumer input "${spec.id}"${unless}`;
    const empty = spec.id in inputs;
    const message = hasDefault
      ? `${requirement}; ${empty ? "it is empty, so it is not sent and " : ""}the service default "${spec.default}" is assumed — set it explicitly`
      : empty
        ? `${requirement}, and an empty value is not sent (the service refuses it)`
        : requirement;
    // An empty value is pointed at; a missing one at the entry's own consumerInputs (or the entry), never at defaults: the gap is here.
    if (empty) report(context, entry, severity, "missing-input", message, ["consumerInputs", spec.id]);
    else report(context, entry, severity, "missing-input", message, entry.written.consumerInputs ? ["consumerInputs"] : [], "key");
  }
}
