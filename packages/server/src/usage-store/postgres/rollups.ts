// The hourly rollups (MeterUsageHour): rows per (meter, customer, UTC hour, combination of dimension
// values) holding the partial aggregate of the hour's counting events, one per shard that wrote to
// the hour (events without dimension values share combination 0, so a plain meter has one row per hour). Ingest adds new
// events to them incrementally (addToRollups); recomputeHour rebuilds one hour from its raw events
// for changes that cannot be applied incrementally (a cancelled event may have been the hour's MAX
// or LAST); foldRollups merges past hours' shards and keeps the detail (detail.ts) of busy ones. Both
// keep the daily rollups (daily.ts) the merge of the folded rows.
import type { Database } from "../../db/client.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";
import { mergedPartials, mergeExcludedInto, PARTIAL_COLUMNS, partialOfEvents } from "./aggregate.js";
import { addToDays, rebuildDay } from "./daily.js";
import { rebuildDetail } from "./detail.js";
import { floorTo, HOUR_MS } from "./units.js";

const ROLLUP_COLUMNS = Prisma.sql`("accountId", "mode", "meterId", "customerId", "hour", "combinationId", "shard", ${PARTIAL_COLUMNS})`;

/**
 * The shard a transaction writes: its connection's. Two transactions at once are on two
 * connections, whose backend pids (consecutive when the pool opens them) fall on different shards
 * of 8, so they do not wait for each other's rollup rows. Shard 0 is the folded row, written by
 * foldRollups alone, so every hour that gets events is folded (and detailed) once it is past.
 */
const ROLLUP_SHARD = Prisma.sql`(1 + pg_backend_pid() % 8)::smallint`;

/**
 * The order in which every writer locks rollup rows, so that concurrent writers cannot deadlock:
 * by meter and customer in byte order (`COLLATE "C"`, which PostgreSQL sorts several times faster
 * than a locale's order), then `hour` and `combinationId`, which the caller appends.
 */
const rollupLockOrder = (alias: string) =>
  Prisma.raw(`${alias}."meterId" COLLATE "C", ${alias}."customerId" COLLATE "C"`);

/** An upsert's conflict clause into `"MeterUsageHour" AS h`: the new partial merged into the stored one. */
const MERGE_INTO_ROLLUP = Prisma.sql`ON CONFLICT ("accountId", "mode", "meterId", "customerId", "hour", "combinationId", "shard") DO UPDATE SET ${mergeExcludedInto("h")}`;

/**
 * Adds the events of `source` (a relation with MeterEvent's columns, aliased e) to the hourly
 * rollups: one upsert per (meter, customer, hour, combination) into this connection's shard. Also the bench's
 * seeder uses it, so seeded rollups are exactly the server's.
 */
export function addToRollups(scope: Scope, source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
      INSERT INTO "MeterUsageHour" AS h ${ROLLUP_COLUMNS}
      SELECT ${scope.accountId}, ${scope.mode}::"Mode", ${rollupLockOrder("e")}, date_trunc('hour', e."timestamp", 'UTC'),
             e."combinationId", ${ROLLUP_SHARD}, ${partialOfEvents("e")}
      FROM ${source} e
      -- Grouped in the lock order, so that one sort serves both.
      GROUP BY ${rollupLockOrder("e")}, date_trunc('hour', e."timestamp", 'UTC'), e."combinationId"
      ORDER BY ${rollupLockOrder("e")}, date_trunc('hour', e."timestamp", 'UTC'), e."combinationId"
      ${MERGE_INTO_ROLLUP}`;
}

interface FoldedHour {
  accountId: string;
  mode: string;
  meterId: string;
  customerId: string;
  hour: Date;
}

/**
 * Folds the shards of up to `limit` hours starting before `before` into shard 0, and rebuilds the
 * detail of those hours (detail.ts); returns how many hours it folded. Ingest into one hour from
 * several connections leaves up to 8 rows that every read merges; folded, a month is read from
 * one row per hour again. Safe beside ingest: a shard being written is deleted with its committed
 * values (the lock waits for it), and shard 0 is merged into, not replaced. All tenants at once:
 * it changes no usage.
 */
export async function foldRollups(
  database: Pick<Database, "transaction">,
  before: Date,
  limit: number,
): Promise<number> {
  return database.transaction(async (tx) => {
    // One folder at a time, across server processes: two would build an hour's detail from
    // different snapshots.
    const [{ mine }] = await tx.$queryRaw<
      [{ mine: boolean }]
    >`SELECT pg_try_advisory_xact_lock(hashtext('tally:rollup-fold')) AS mine`;
    if (!mine) return 0;
    // Read from the partial index of rows outside shard 0: once folded, past hours leave it.
    const hours = await tx.$queryRaw<FoldedHour[]>`
      SELECT DISTINCT "accountId", "mode"::text AS "mode", "meterId", "customerId", "hour" FROM "MeterUsageHour"
      WHERE "shard" <> 0 AND "hour" < ${before}::timestamptz
      LIMIT ${limit}`;
    if (hours.length === 0) return 0;
    // Locks in every writer's order, so that none waits for another in a cycle: the customers'
    // usage first (shared, as ingest takes it; a cancellation, which replaces an hour's rows, holds
    // it exclusively), then the shards in ingest's order.
    await lockCustomersUsage(
      tx,
      hours.map((h) => h.customerId),
      "shared",
    );
    await tx.$queryRaw`
      SELECT 1 FROM "MeterUsageHour" r JOIN ${hoursRelation(hours)} USING ("accountId", "mode", "meterId", "customerId", "hour")
      WHERE r."shard" <> 0
      ORDER BY ${rollupLockOrder("r")}, r."hour", r."combinationId", r."shard"
      FOR UPDATE OF r`;
    // What shard 0 gains, its days gain in the same statement (daily.ts).
    await tx.$executeRaw`
      WITH removed AS (
        DELETE FROM "MeterUsageHour" r USING ${hoursRelation(hours)}
        WHERE r."accountId" = x."accountId" AND r."mode" = x."mode" AND r."meterId" = x."meterId" AND r."customerId" = x."customerId"
          AND r."hour" = x."hour" AND r."shard" <> 0
        RETURNING r.*
      ),
      folded AS (
        INSERT INTO "MeterUsageHour" AS h ${ROLLUP_COLUMNS}
        SELECT "accountId", "mode", "meterId", "customerId", "hour", "combinationId", 0, ${mergedPartials(null)}
        FROM removed
        GROUP BY "accountId", "mode", "meterId", "customerId", "hour", "combinationId"
        ORDER BY ${rollupLockOrder("removed")}, "hour", "combinationId"
        ${MERGE_INTO_ROLLUP}
      )
      ${addToDays(Prisma.sql`removed`)}`;
    await rebuildDetail(tx, hoursRelation(hours));
    return hours.length;
  });
}

/** The hours as a relation x("accountId", "mode", "meterId", "customerId", "hour"). */
const hoursRelation = (hours: FoldedHour[]) =>
  Prisma.sql`(
    SELECT u."accountId", u."mode"::"Mode" AS "mode", u."meterId", u."customerId", u."hour"
    FROM unnest(${hours.map((h) => h.accountId)}::text[], ${hours.map((h) => h.mode)}::text[], ${hours.map((h) => h.meterId)}::text[],
                ${hours.map((h) => h.customerId)}::text[], ${hours.map((h) => h.hour)}::timestamptz[])
      AS u("accountId", "mode", "meterId", "customerId", "hour")
  ) x`;

/**
 * All the hour's shards become one row per combination, and its day is rebuilt; an hour left
 * without counting events has none.
 */
export async function recomputeHour(
  tx: Db,
  scope: Scope,
  q: { meterId: string; customerId: string; at: Date },
): Promise<void> {
  const hour = floorTo(q.at, HOUR_MS);
  const next = new Date(hour.getTime() + HOUR_MS);
  await tx.$executeRaw`
    DELETE FROM "MeterUsageHour"
    WHERE "meterId" = ${q.meterId} AND "customerId" = ${q.customerId} AND "hour" = ${hour}::timestamptz
      AND ${scopeClause(scope)}`;
  await tx.$executeRaw`
    INSERT INTO "MeterUsageHour" ${ROLLUP_COLUMNS}
    SELECT ${scope.accountId}, ${scope.mode}::"Mode", ${q.meterId}, ${q.customerId}, ${hour}::timestamptz, e."combinationId", ${ROLLUP_SHARD},
           ${partialOfEvents("e")}
    FROM "MeterEvent" e
    WHERE e."meterId" = ${q.meterId} AND e."customerId" = ${q.customerId}
      AND ${scopeClause(scope, "e")} AND e."canceledAt" IS NULL
      AND e."timestamp" >= ${hour}::timestamptz AND e."timestamp" < ${next}::timestamptz
    GROUP BY e."combinationId"
    ORDER BY e."combinationId"`;
  // The hour's shard-0 rows are gone: its day is the merge of the others'.
  await rebuildDay(tx, scope, q);
}
