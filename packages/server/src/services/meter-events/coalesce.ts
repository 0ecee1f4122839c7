// Work items submitted at the same time under one key, run together: `run` gets the items that
// queued while the key's earlier runs were busy, up to `maxItems` at a time, and answers each.
// At most `maxInFlight` runs per key at once; a key with room runs what arrived during the current
// turn of the event loop, so a lone item waits for nothing. A run that throws on several items is
// retried item by item, so one item's failure is its own.
export interface CoalescerOptions {
  maxInFlight: number;
  maxItems: number;
}

interface Waiter<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

interface Queue<T, R> {
  waiting: Array<Waiter<T, R>>;
  inFlight: number;
  scheduled: boolean;
}

export class Coalescer<T, R> {
  private readonly queues = new Map<string, Queue<T, R>>();

  constructor(
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly options: CoalescerOptions,
  ) {}

  submit(key: string, item: T): Promise<R> {
    let queue = this.queues.get(key);
    if (!queue) this.queues.set(key, (queue = { waiting: [], inFlight: 0, scheduled: false }));
    const queued = queue;
    return new Promise<R>((resolve, reject) => {
      queued.waiting.push({ item, resolve, reject });
      this.schedule(key, queued);
    });
  }

  private schedule(key: string, queue: Queue<T, R>): void {
    if (queue.scheduled || queue.inFlight >= this.options.maxInFlight) return;
    if (queue.waiting.length === 0) {
      if (queue.inFlight === 0) this.queues.delete(key);
      return;
    }
    queue.scheduled = true;
    setImmediate(() => {
      queue.scheduled = false;
      void this.flush(key, queue);
    });
  }

  private async flush(key: string, queue: Queue<T, R>): Promise<void> {
    const group = queue.waiting.splice(0, this.options.maxItems);
    queue.inFlight += 1;
    // Room for another run (the rest of the queue beyond maxItems) is used at once.
    this.schedule(key, queue);
    try {
      await this.settle(group);
    } finally {
      queue.inFlight -= 1;
      this.schedule(key, queue);
    }
  }

  private async settle(group: Array<Waiter<T, R>>): Promise<void> {
    let results: R[];
    try {
      results = await this.run(group.map((w) => w.item));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      await Promise.all(group.map((w) => this.settle([w])));
      return;
    }
    for (const [i, w] of group.entries()) w.resolve(results[i]!);
  }
}
