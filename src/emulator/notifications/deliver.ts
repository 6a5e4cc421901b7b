/**
 * Runs deliveries (test notifications, published events, probation retries) and the emulator's
 * virtual clock: retries run when POST /_emulator/clock moves time past their due date, never on a
 * real timer.
 */
import type { EmulatorRuntime } from "../runtime.js";
import { MAX_PROBATION_RETRIES } from "./schedule.js";
import { type DeliveryVerdict, deliverNotification } from "./send.js";
import { applyVerdict, awaitingCount, type ChangingDelivery, nextDueRetry } from "./state-machine.js";

/** A test notification never changes its subscription's status; the other two do. */
export type DeliveryKind = "test" | ChangingDelivery;

export class DeliveryQueue {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly stop = new AbortController();
  /** Clock moves run one after the other, so retries stay in due order. */
  private clockQueue: Promise<unknown> = Promise.resolve();

  constructor(private readonly runtime: EmulatorRuntime) {}

  /** Starts a delivery; the promise (which never rejects) settles once the history and the subscription are updated. */
  start(notificationId: number, kind: DeliveryKind): Promise<DeliveryVerdict> {
    const task = this.run(notificationId, kind).catch((error: unknown) => {
      this.runtime.log(`delivery of notification ${notificationId} failed: ${error instanceof Error ? error.message : String(error)}`);
      return "aborted" as const;
    });
    this.pending.add(task);
    void task.finally(() => this.pending.delete(task));
    return task;
  }

  /** Resolves when every delivery started so far has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.idle();
  }

  /** Moves emulator time forward by `ms` and runs, in due order, every probation retry that came due; resolves with how many ran. */
  advanceClock(ms: number): Promise<number> {
    const moved = this.clockQueue.then(() => this.runDueRetries(ms));
    this.clockQueue = moved.catch(() => undefined);
    return moved;
  }

  private async run(notificationId: number, kind: DeliveryKind): Promise<DeliveryVerdict> {
    const verdict = await deliverNotification(this.runtime, notificationId, { quickRetries: kind !== "test", signal: this.stop.signal });
    if (kind !== "test") applyVerdict(this.runtime, notificationId, kind, verdict);
    return verdict;
  }

  private async runDueRetries(ms: number): Promise<number> {
    const { runtime } = this;
    const finalOffset = runtime.clockOffset + Math.max(0, ms);
    // Each retry either ends its notification's wait or moves it to the next of a finite schedule.
    const bound = awaitingCount(runtime) * (MAX_PROBATION_RETRIES + 1);
    let retried = 0;
    for (let round = 0; round < bound && !this.stop.signal.aborted; round++) {
      const until = runtime.now().getTime() + (finalOffset - runtime.clockOffset);
      const due = nextDueRetry(runtime, until);
      if (!due) break;
      // The retry runs at its due time, so the dates it leaves follow the schedule.
      runtime.advanceClock(due.due - runtime.now().getTime());
      await this.start(due.notificationId, "probationRetry");
      retried += 1;
    }
    runtime.advanceClock(finalOffset - runtime.clockOffset);
    return retried;
  }
}
