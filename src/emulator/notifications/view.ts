/** The wire form of a notification: confidential consumer inputs and header values masked, internal fields left out. */
import { MASKED_VALUE } from "../../ado/types.js";
import type { NotificationRecord } from "../state/records.js";
import { maskConsumerInputs } from "../subscriptions/view.js";

/**
 * `httpHeaders` is not a confidential input (a subscription GET shows it), but its values are
 * usually credentials: the history masks them as it masks the header values of the request.
 */
function maskHeaderValues(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => {
      const colon = line.indexOf(":");
      return colon <= 0 ? line : `${line.slice(0, colon)}: ${MASKED_VALUE}`;
    })
    .join("\n");
}

function historyConsumerInputs(record: NotificationRecord): Record<string, string> {
  const { details } = record;
  const inputs = maskConsumerInputs(details.consumerId, details.consumerActionId, details.consumerInputs);
  if (inputs.httpHeaders !== undefined) inputs.httpHeaders = maskHeaderValues(inputs.httpHeaders);
  return inputs;
}

export function notificationView(record: NotificationRecord): Record<string, unknown> {
  const { awaitingProbationRetry: _internal, details, ...rest } = record;
  return { ...rest, details: { ...details, consumerInputs: historyConsumerInputs(record) } };
}

/** Newest first: the latest created (highest id) leads. */
export function newestFirst(records: readonly NotificationRecord[]): NotificationRecord[] {
  return [...records].sort((a, b) => b.id - a.id);
}
