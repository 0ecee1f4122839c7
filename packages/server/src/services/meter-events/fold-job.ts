// The background job that folds the hourly rollups' shards (usage-store) of hours ended at least an
// hour ago, every minute, into one row per hour and into their day's row: reads of past usage then
// merge one row per day (per hour within partial days), and take busy hours' edges from their
// detail (minutes, and ten-minute blocks per combination). A late event adds a shard to its hour
// again; the next run folds it and rebuilds the hour's detail.
import type { AppDeps } from "../../context.js";
import type { Database } from "../../db/client.js";
import { startPeriodicJob, type PeriodicJob } from "../periodic.js";
import { foldUsageHours } from "../../usage-store/index.js";

/** Hours are folded once they started this long ago: ingest into the current hour is over. */
export const FOLD_AGE_MS = 2 * 3_600_000;
/** Hours folded per transaction, their raw events read again for the detail: a short one each, beside ingest. */
const HOURS_PER_TRANSACTION = 100;

export function startRollupFolding(
  deps: Pick<AppDeps, "database" | "clock" | "logger">,
  options: { intervalMs?: number } = {},
): PeriodicJob<number> {
  return startPeriodicJob({
    name: "rollup folding",
    intervalMs: options.intervalMs ?? 60_000,
    logger: deps.logger,
    idle: 0,
    run: (signal) => foldPastHours(deps.database, new Date(deps.clock.now().getTime() - FOLD_AGE_MS), signal),
  });
}

/** Folds every hour that starts before `before`, a transaction at a time; returns how many it folded. */
export async function foldPastHours(
  database: Pick<Database, "transaction">,
  before: Date,
  signal?: AbortSignal,
): Promise<number> {
  let folded = 0;
  for (;;) {
    const hours = await foldUsageHours(database, before, HOURS_PER_TRANSACTION);
    folded += hours;
    if (hours < HOURS_PER_TRANSACTION || signal?.aborted) return folded;
  }
}
