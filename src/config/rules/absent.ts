import { catalog } from "../../catalog/index.js";
import { closest } from "../../util/suggest.js";
import { quotedList } from "../../util/text.js";
import type { Severity } from "../types.js";
import type { RuleContext } from "./context.js";

/** Longer lists of known ids are left out of messages: they would bury the finding. */
const MAX_LISTED = 12;

const UNCONFIRMED = " The catalog marks it unconfirmed, so the service may accept it anyway.";

/** " Did you mean …?", else the known ids when there are few, else nothing. */
export function suggestion(input: string, known: readonly string[], noun: string): string {
  const close = closest(input, known);
  if (close.length > 0) return ` Did you mean ${quotedList(close)}?`;
  if (known.length === 0 || known.length > MAX_LISTED) return "";
  return ` Known ${noun}: ${quotedList(known)}.`;
}

/** The ids, or how many there are when listing them would bury the message. */
export function listed(ids: readonly string[], noun: string): string {
  return ids.length > MAX_LISTED ? `${ids.length} ${noun}` : quotedList(ids) || `no ${noun}`;
}

export interface Absence {
  severity: Severity;
  /** Appended to the message: why a warning is only a warning. */
  note: string;
}

/**
 * How to report an item the source lacks. Where the source's own list is incomplete (a shipped
 * entry marked uncertain) it is a warning. A live source's lists are complete, so it is an error,
 * unless the shipped catalog knows the item but marks it unconfirmed: documented, yet in no
 * descriptor, so the service not describing it is expected.
 */
export function absence(context: RuleContext, incompleteList: boolean, shippedUnconfirmed: () => boolean, incompleteNote = ""): Absence {
  if (incompleteList) return { severity: "warning", note: incompleteNote };
  if (context.source.live && shippedUnconfirmed()) return { severity: "warning", note: UNCONFIRMED };
  return { severity: "error", note: "" };
}

// What the shipped catalog marks unconfirmed; an item it does not know at all is not.

export function publisherUnconfirmed(publisherId: string): boolean {
  return catalog.publisher(publisherId)?.uncertain === true;
}

export function eventTypeUnconfirmed(eventTypeId: string): boolean {
  const entry = catalog.eventType(eventTypeId);
  return entry !== undefined && (entry.eventType.uncertain === true || entry.publisher.uncertain === true);
}

export function filterUnconfirmed(eventTypeId: string, inputId: string): boolean {
  const entry = catalog.eventType(eventTypeId);
  const spec = entry && [...entry.eventType.filters, ...entry.publisher.inputs].find((candidate) => candidate.id === inputId);
  return spec !== undefined && (spec.uncertain === true || eventTypeUnconfirmed(eventTypeId));
}

export function consumerUnconfirmed(consumerId: string): boolean {
  return catalog.consumer(consumerId)?.uncertain === true;
}

export function actionUnconfirmed(consumerId: string, actionId: string): boolean {
  const action = catalog.action(consumerId, actionId);
  return action !== undefined && (action.uncertain === true || consumerUnconfirmed(consumerId));
}

/** The shipped catalog says the action takes the event, but unconfirmed. */
export function supportUnconfirmed(consumerId: string, actionId: string, eventTypeId: string): boolean {
  const supported = catalog.action(consumerId, actionId)?.supportedEventTypes ?? [];
  return (supported.includes("*") || supported.includes(eventTypeId)) && actionUnconfirmed(consumerId, actionId);
}

export function consumerInputUnconfirmed(consumerId: string, actionId: string, inputId: string): boolean {
  const spec = catalog.consumerInputs(consumerId, actionId).find((candidate) => candidate.id === inputId);
  return spec !== undefined && (spec.uncertain === true || actionUnconfirmed(consumerId, actionId));
}
