// A background job of the server process: one run at once, then one every interval, and one
// sooner when the job asks for it after a run (nextRunInMs); runs never overlap, and stopping
// waits for the run in progress (asked to end early through its signal).
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
  /** Asked after each run: in how many ms the job has work due (null: none known); sooner than the interval, a run is set for then. */
  nextRunInMs?: () => Promise<number | null>;
}): PeriodicJob<T> {
  const { name, intervalMs, logger, idle } = options;
  const abort = new AbortController();
  let current: Promise<T> | null = null;
  let wake: NodeJS.Timeout | null = null;

  const failed = (what: string) => (error: unknown) => {
    logger.error(`${name} ${what} failed`, { error: error instanceof Error ? error : new Error(String(error)) });
    return null;
  };

  const scheduleWake = async (): Promise<void> => {
    const ms = options.nextRunInMs ? await options.nextRunInMs().catch(failed("look-ahead")) : null;
    if (ms === null || ms >= intervalMs || abort.signal.aborted) return;
    if (wake) clearTimeout(wake);
    wake = setTimeout(
      () => {
        wake = null;
        if (current === null) void run();
      },
      Math.max(ms, 0),
    );
    wake.unref();
  };

  const run = (): Promise<T> => {
    const next = (current ?? Promise.resolve(idle)).then(async () => {
      if (abort.signal.aborted) return idle;
      const result = await options.run(abort.signal).catch(failed("run"));
      await scheduleWake();
      return result ?? idle;
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
      if (wake) clearTimeout(wake);
      abort.abort();
      await current;
    },
  };
}
