// The usage store (docs/architecture.md#the-ingest-path): every statement on raw meter events, their
// hourly and daily rollups and their detail, invoiced usage periods and alert progress lives
// behind this seam.
// Services open a store on the connection or transaction they work in; the factory picks the
// implementation (PostgreSQL/PGlite SQL is the only one today).
import type { Database } from "../db/client.js";
import type { Scope } from "../db/tenant-scope.js";
import type { Db } from "../db/transaction.js";
import { postgresUsageStore } from "./postgres/store.js";
import { foldRollups } from "./postgres/rollups.js";
import type { UsageStore } from "./store.js";

export * from "./store.js";

/** The tenant's usage store on `db` (a connection, a Prisma transaction or a plain SQL transaction). */
export function usageStore(db: Db, scope: Scope): UsageStore {
  return postgresUsageStore(db, scope);
}

/**
 * Folds up to `limit` past hours' rollup shards (of every tenant) that start before `before`, in
 * one transaction, and rebuilds their detail; returns how many hours it folded. Another
 * server process folding at the same time makes it fold none.
 */
export function foldUsageHours(database: Pick<Database, "transaction">, before: Date, limit: number): Promise<number> {
  return foldRollups(database, before, limit);
}

export {
  dropEventsBefore,
  ensureEventPartitions,
  eventPartitions,
  MIN_RETENTION_DAYS,
  retentionCutoff,
  type RetentionOutcome,
} from "./postgres/partitions.js";
