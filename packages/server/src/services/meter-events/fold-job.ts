// The background job that folds the hourly rollups' shards (rollup.ts) of hours ended at least an
// hour ago, every minute: reads of past usage then merge one row per hour. A late event adds a
// shard to its hour again; the next run folds it.
import type { AppDeps } from "../../context.js";
import { startPeriodicJob, type PeriodicJob } from "../periodic.js";
import { foldRollupShards } from "./rollup.js";

const HOUR_MS = 3_600_000;
/** Hours folded per statement: a short transaction each, beside ingest. */
const HOURS_PER_STATEMENT = 1000;

export function startRollupFolding(deps: Pick<AppDeps, "database" | "clock" | "logger">, options: { intervalMs?: number } = {}): PeriodicJob<number> {
  return startPeriodicJob({
    name: "rollup folding",
    intervalMs: options.intervalMs ?? 60_000,
    logger: deps.logger,
    idle: 0,
    run: async (signal) => {
      const before = new Date(deps.clock.now().getTime() - 2 * HOUR_MS);
      let folded = 0;
      for (;;) {
        const hours = await foldRollupShards(deps.database.sql, before, HOURS_PER_STATEMENT);
        folded += hours;
        if (hours < HOURS_PER_STATEMENT || signal.aborted) return folded;
      }
    },
  });
}
