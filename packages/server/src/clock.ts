/** The wall clock, injectable so tests and the scheduler agree on "now". */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** `clock` moved by `offsetMs`. */
export function offsetClock(clock: Clock, offsetMs: number): Clock {
  return { now: () => new Date(clock.now().getTime() + offsetMs) };
}

/** How often a replica re-measures its offset from the database's clock. */
const SYNC_INTERVAL_MS = 10_000;

/**
 * The database server's clock as this process reads it (docs/concepts/time-and-test-clocks.md#one-clock):
 * `local` plus the offset last measured against the database's clock (`readDatabaseNow`), re-measured
 * every 10 s, so that replicas on machines whose clocks disagree stamp events and close periods by
 * one clock. A failed measurement keeps the last offset.
 */
export async function databaseClock(
  local: Clock,
  readDatabaseNow: () => Promise<Date>,
  onError: (error: unknown) => void,
): Promise<{ clock: Clock; stop(): void }> {
  let offsetMs = 0;
  const measure = async () => {
    const before = local.now().getTime();
    const database = (await readDatabaseNow()).getTime();
    const after = local.now().getTime();
    // The database read its clock somewhere within the round trip: its middle is the best guess.
    offsetMs = database - (before + after) / 2;
  };
  await measure();
  const timer = setInterval(() => measure().catch(onError), SYNC_INTERVAL_MS);
  timer.unref();
  return {
    clock: { now: () => new Date(local.now().getTime() + offsetMs) },
    stop: () => clearInterval(timer),
  };
}
