// A background job of the server process: one run at once, then one every interval; runs never
// overlap, and stopping waits for the run in progress (asked to end early through its signal).
import type { Logger } from "../logger.js";

export interface PeriodicJob<T> {
  /** Waits for a run in progress, then runs once more. */
  runNow(): Promise<T>;
  /** No new runs; resolves when the run in progress has ended. */
  stop(): Promise<void>;
}

export function startPeriodicJob<T>(options: {
  name: string;
  intervalMs: number;
  logger: Logger;
  /** What a skipped or failed run resolves to. */
  idle: T;
  run: (signal: AbortSignal) => Promise<T>;
}): PeriodicJob<T> {
  const { name, intervalMs, logger, idle } = options;
  const abort = new AbortController();
  let current: Promise<T> | null = null;

  const run = (): Promise<T> => {
    const next = (current ?? Promise.resolve(idle))
      .then(() => (abort.signal.aborted ? idle : options.run(abort.signal)))
      .catch((error: unknown) => {
        logger.error(`${name} run failed`, { error: error instanceof Error ? error : new Error(String(error)) });
        return idle;
      });
    current = next;
    void next.then(() => {
      if (current === next) current = null;
    });
    return next;
  };

  const timer = setInterval(() => {
    if (current === null) void run();
  }, intervalMs);
  timer.unref();
  void run();
  logger.info(`${name} started`, { intervalMs });

  return {
    runNow: run,
    async stop() {
      clearInterval(timer);
      abort.abort();
      await current;
    },
  };
}
