/** Delivers test notifications to web hook URLs and records the outcome like the service's history. */
import { MASKED_VALUE } from "../../ado/types.js";
import type { EmulatorRuntime } from "../runtime.js";
import type { NotificationRecord } from "../state/records.js";

const DELIVERY_TIMEOUT_MS = 5_000;
const RESPONSE_TEXT_LIMIT = 2_048;

function parseHeaderLines(text: string | undefined): [string, string][] {
  if (!text) return [];
  const headers: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  }
  return headers;
}

/** The request as the delivery history shows it: every header value but the content type is masked. */
function describeRequest(url: string, headers: [string, string][], body: string): string {
  const lines = headers.map(([name, value]) => `  ${name}: ${name.toLowerCase() === "content-type" ? value : MASKED_VALUE}`);
  return `Method: POST\nURI: ${url}\nHTTP Version: 1.1\nHeaders:\n{\n${lines.join("\n")}\n}\nContent:\n${body}`;
}

export class DeliveryQueue {
  private readonly pending = new Set<Promise<void>>();
  private readonly stop = new AbortController();

  constructor(private readonly runtime: EmulatorRuntime) {}

  start(record: NotificationRecord): void {
    const task = this.run(record).catch(() => undefined);
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
  }

  /** Resolves when every delivery started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.idle();
  }

  private finish(record: NotificationRecord, outcome: Partial<NotificationRecord["details"]>, succeeded: boolean): void {
    const date = this.runtime.now().toISOString();
    this.runtime.store.updateNotification({
      ...record,
      status: "completed",
      result: succeeded ? "succeeded" : "failed",
      modifiedDate: date,
      details: { ...record.details, ...outcome, processedDate: date, completedDate: date },
    });
  }

  private async run(record: NotificationRecord): Promise<void> {
    const { details } = record;
    if (details.consumerId !== "webHooks" || details.consumerActionId !== "httpRequest") {
      this.finish(record, { errorMessage: `The emulator delivers only to webHooks; '${details.consumerId}' was not called.` }, false);
      return;
    }
    const url = details.consumerInputs.url ?? "";
    const body = JSON.stringify(details.event);
    const headers: [string, string][] = [["Content-Type", "application/json; charset=utf-8"], ...parseHeaderLines(details.consumerInputs.httpHeaders)];
    const username = details.consumerInputs.basicAuthUsername;
    if (username) {
      const credentials = Buffer.from(`${username}:${details.consumerInputs.basicAuthPassword ?? ""}`).toString("base64");
      headers.push(["Authorization", `Basic ${credentials}`]);
    }
    const request = describeRequest(url, headers, body);
    const startedAt = performance.now();
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      const text = (await response.text()).slice(0, RESPONSE_TEXT_LIMIT);
      const outcome = {
        request,
        response: `Status Code: ${response.status}\nReason Phrase: ${response.statusText}\nContent:\n${text}`,
        requestAttempts: 1,
        requestDuration: (performance.now() - startedAt) / 1000,
      };
      this.finish(record, response.ok ? outcome : { ...outcome, errorMessage: `The endpoint answered ${response.status}.` }, response.ok);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.finish(
        record,
        { request, requestAttempts: 1, requestDuration: (performance.now() - startedAt) / 1000, errorMessage: `The request failed: ${reason}` },
        false,
      );
    }
  }
}
