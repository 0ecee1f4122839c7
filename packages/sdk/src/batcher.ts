// High-volume reporting: add() queues one event and returns a promise of that event's own outcome;
// events go out in recordMeterEvents calls of up to maxBatch, as soon as a batch is full or
// maxDelayMs after the first queued event. Each event gets its identifier at add() time, so the
// batch's retries (see meter-events.ts) can never count it twice.
import type { RecordMeterEventInput } from "./generated/graphql.js";
import { nameEvent, type BatchResult, type EventResult, type NamedEvent } from "./named-events.js";

export interface BatcherOptions {
  /** Events per request, 1–1000 (the API's limit); default 1000. */
  maxBatch?: number;
  /** How long a queued event may wait for its batch to fill; default 250 ms. */
  maxDelayMs?: number;
}

interface Queued extends NamedEvent {
  resolve(result: EventResult): void;
  reject(error: unknown): void;
}

export class MeterEventBatcher {
  readonly #send: (events: NamedEvent[]) => Promise<BatchResult>;
  readonly #maxBatch: number;
  readonly #maxDelayMs: number;
  #queue: Queued[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #inFlight = new Set<Promise<void>>();
  #closed = false;

  constructor(send: (events: NamedEvent[]) => Promise<BatchResult>, options: BatcherOptions = {}) {
    const maxBatch = options.maxBatch ?? 1000;
    if (!Number.isInteger(maxBatch) || maxBatch < 1 || maxBatch > 1000)
      throw new RangeError("maxBatch must be an integer from 1 to 1000.");
    this.#send = send;
    this.#maxBatch = maxBatch;
    this.#maxDelayMs = options.maxDelayMs ?? 250;
  }

  /**
   * Queues an event. Resolves with its outcome (accepted, duplicate or rejected with its code);
   * rejects only when its whole batch failed (e.g. the network, after the retries).
   */
  add(event: RecordMeterEventInput): Promise<EventResult> {
    if (this.#closed) return Promise.reject(new Error("This batcher is closed."));
    return new Promise<EventResult>((resolve, reject) => {
      this.#queue.push({ ...nameEvent(event), resolve, reject });
      if (this.#queue.length >= this.#maxBatch) this.#drain(this.#maxBatch);
      else this.#timer ??= setTimeout(() => this.#drain(1), this.#maxDelayMs);
    });
  }

  /** Sends everything queued and waits until every batch sent so far is settled. */
  async flush(): Promise<void> {
    this.#drain(1);
    while (this.#inFlight.size > 0) await Promise.all(this.#inFlight);
  }

  /** Flushes, then refuses further add() calls. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.flush();
  }

  /** Sends batches while at least `minimum` events are queued; the timer lives while anything is. */
  #drain(minimum: number): void {
    while (this.#queue.length >= minimum && this.#queue.length > 0)
      this.#sendBatch(this.#queue.splice(0, this.#maxBatch));
    if (this.#queue.length === 0) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #sendBatch(batch: Queued[]): void {
    const sent = this.#send(batch).then(
      ({ results }) => {
        for (const [i, queued] of batch.entries()) queued.resolve(results[i]!);
      },
      (error: unknown) => {
        for (const queued of batch) queued.reject(error);
      },
    );
    this.#inFlight.add(sent);
    void sent.finally(() => this.#inFlight.delete(sent));
  }
}
