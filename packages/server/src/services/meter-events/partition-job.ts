// The background job that keeps MeterEvent's monthly partitions ahead of time and, when
// TALLY_EVENT_RETENTION_DAYS is set, removes raw events past their retention, every hour
// (docs/operations/databases.md#partitioned-events). Hourly rollups and invoices are never touched:
// every read that needs raw events (period edges, cancellations, late events) is newer than the cutoff.
import type { AppDeps } from "../../context.js";
import type { Database } from "../../db/client.js";
import { startPeriodicJob, type PeriodicJob } from "../periodic.js";
import {
  dropEventsBefore,
  ensureEventPartitions,
  MIN_RETENTION_DAYS,
  retentionCutoff,
  type RetentionOutcome,
} from "../../usage-store/index.js";

export interface PartitionRun {
  created: string[];
  /** Null without a retention setting. */
  retention: RetentionOutcome | null;
}

/** TALLY_EVENT_RETENTION_DAYS: days raw events are kept at least (≥ 35); unset, they are kept forever. */
export function eventRetentionDays(env: NodeJS.ProcessEnv): number | null {
  const raw = env.TALLY_EVENT_RETENTION_DAYS?.trim();
  if (!raw) return null;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS) {
    throw new Error(
      `TALLY_EVENT_RETENTION_DAYS must be a whole number of days, at least ${MIN_RETENTION_DAYS}; got ${raw}`,
    );
  }
  return days;
}

/** One run: partitions first, so that the events moved out of the default partition can go by whole months. */
export async function maintainEventPartitions(
  database: Pick<Database, "sql" | "transaction">,
  now: Date,
  retentionDays: number | null,
  signal?: AbortSignal,
): Promise<PartitionRun> {
  const created = await ensureEventPartitions(database, now);
  if (retentionDays === null) return { created, retention: null };
  const cutoff = await retentionCutoff(database.sql, now, retentionDays);
  return { created, retention: await dropEventsBefore(database, cutoff, signal) };
}

export function startEventPartitionMaintenance(
  deps: Pick<AppDeps, "database" | "clock" | "logger">,
  options: { retentionDays: number | null; intervalMs?: number },
): PeriodicJob<PartitionRun> {
  return startPeriodicJob({
    name: "event partitions",
    intervalMs: options.intervalMs ?? 3_600_000,
    logger: deps.logger,
    idle: { created: [], retention: null },
    run: async (signal) => {
      const run = await maintainEventPartitions(deps.database, deps.clock.now(), options.retentionDays, signal);
      if (run.created.length > 0 || run.retention?.partitionsDropped.length || run.retention?.eventsDeleted) {
        deps.logger.info("event partitions maintained", {
          created: run.created,
          dropped: run.retention?.partitionsDropped ?? [],
          eventsDeleted: run.retention?.eventsDeleted ?? 0,
        });
      }
      return run;
    },
  });
}
