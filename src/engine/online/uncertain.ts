/**
 * Whether the catalog itself calls an item unconfirmed (documented, but in no official descriptor).
 * The live service not describing such an item is expected, so online findings about it are warnings.
 * An item the catalog does not know at all is not "uncertain": the live service is the authority then.
 */
import { catalog } from "../../catalog/index.js";

export function publisherUncertain(publisherId: string): boolean {
  return catalog.publisher(publisherId)?.uncertain === true;
}

export function eventTypeUncertain(eventTypeId: string): boolean {
  const entry = catalog.eventType(eventTypeId);
  return entry !== undefined && (entry.eventType.uncertain === true || entry.publisher.uncertain === true);
}

export function filterUncertain(eventTypeId: string, inputId: string): boolean {
  const entry = catalog.eventType(eventTypeId);
  if (!entry) return false;
  const spec = [...entry.eventType.filters, ...entry.publisher.inputs].find((candidate) => candidate.id === inputId);
  return spec !== undefined && (spec.uncertain === true || eventTypeUncertain(eventTypeId));
}

export function consumerUncertain(consumerId: string): boolean {
  return catalog.consumer(consumerId)?.uncertain === true;
}

export function actionUncertain(consumerId: string, actionId: string): boolean {
  const action = catalog.action(consumerId, actionId);
  return action !== undefined && (action.uncertain === true || consumerUncertain(consumerId));
}

export function consumerInputUncertain(consumerId: string, actionId: string, inputId: string): boolean {
  const spec = catalog.consumerInputs(consumerId, actionId).find((candidate) => candidate.id === inputId);
  return spec !== undefined && (spec.uncertain === true || actionUncertain(consumerId, actionId));
}
