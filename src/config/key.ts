import { keyPartsOfBody, naturalKey as identityKey } from "../compare/index.js";

export { keyInputIds, RESERVED_PUBLISHER_INPUTS } from "../compare/index.js";

/** The fields that decide whether two subscriptions are "the same one". */
export interface NaturalKeyFields {
  project: string;
  publisherId: string;
  eventType: string;
  publisherInputs: Record<string, string>;
  consumerId: string;
  consumerActionId: string;
  consumerInputs: Record<string, string>;
}

/**
 * The reconciler's natural key (src/identity), with the project as written standing in for its
 * id: offline, names cannot be resolved, and two entries naming one project the same way collide.
 */
export function naturalKey(subscription: NaturalKeyFields): string {
  return identityKey({ ...keyPartsOfBody(subscription), projectId: subscription.project.trim().toLowerCase() });
}
