/** Caps how many tasks run at once; waiting tasks start in the order they asked. */
export class ConcurrencyLimit {
  readonly limit: number;
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.limit = Math.max(1, Math.floor(limit));
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

/**
 * `items.map(task)` with at most `limit` tasks running at a time; results keep the input order.
 * Once `signal` aborts no further item starts (its result stays undefined); the promise settles
 * when those in flight are done.
 */
export function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]>;
export function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  signal: AbortSignal | undefined,
): Promise<(R | undefined)[]>;
export async function mapBounded<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>, signal?: AbortSignal): Promise<(R | undefined)[]> {
  const gate = new ConcurrencyLimit(limit);
  return Promise.all(items.map((item) => gate.run(async () => (signal?.aborted === true ? undefined : task(item)))));
}
