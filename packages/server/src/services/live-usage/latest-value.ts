// One subscriber's side of a live feed: an async iterator that holds only the latest value offered
// and hands it out at most once per `intervalMs`, so a slow or busy consumer gets coalesced
// updates, never a backlog (docs/concepts/customer-sessions.md#live-usage).
export class LatestValue<T> implements AsyncIterableIterator<T> {
  #pending: { value: T } | null = null;
  #waiting: ((result: IteratorResult<T>) => void) | null = null;
  #failWaiting: ((error: unknown) => void) | null = null;
  #failure: { error: unknown } | null = null;
  #lastSent = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #onClose: Array<() => void> = [];

  constructor(readonly intervalMs: number) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Runs once the consumer stops or the feed fails. */
  onClose(hook: () => void): void {
    if (this.#closed) hook();
    else this.#onClose.push(hook);
  }

  offer(value: T): void {
    if (this.#closed) return;
    this.#pending = { value };
    this.#flush();
  }

  /** Ends the iteration with `error` (thrown by the next `next()`). */
  fail(error: unknown): void {
    if (this.#closed) return;
    this.#failure = { error };
    const reject = this.#failWaiting;
    this.#close();
    reject?.(error);
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#failure) {
      const { error } = this.#failure;
      this.#failure = null;
      return Promise.reject(error);
    }
    if (this.#closed) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failWaiting = reject;
      this.#flush();
    });
  }

  return(): Promise<IteratorResult<T>> {
    const resolve = this.#waiting;
    this.#failure = null;
    this.#close();
    resolve?.({ done: true, value: undefined });
    return Promise.resolve({ done: true, value: undefined });
  }

  #flush(): void {
    if (!this.#pending || !this.#waiting || this.#timer) return;
    const wait = this.#lastSent + this.intervalMs - Date.now();
    if (wait > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#flush();
      }, wait);
      return;
    }
    const { value } = this.#pending;
    const resolve = this.#waiting;
    this.#pending = null;
    this.#waiting = null;
    this.#failWaiting = null;
    this.#lastSent = Date.now();
    resolve({ done: false, value });
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = null;
    this.#waiting = null;
    this.#failWaiting = null;
    clearTimeout(this.#timer);
    for (const hook of this.#onClose.splice(0)) hook();
  }
}
