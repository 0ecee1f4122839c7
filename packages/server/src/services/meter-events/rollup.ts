// The hourly rollups (MeterUsageHour): rows per (meter, customer, UTC hour) holding the engine's
// PartialAggregate of the hour's counting events, one per shard that wrote to the hour. insert.ts
// adds new events to them incrementally; recomputeHour rebuilds one hour from its raw events for
// changes that cannot be applied incrementally (a cancelled event may have been the hour's MAX or
// LAST); foldRollupShards merges past hours' shards.
import type { Scope } from "../../db/tenant.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../usage.js";

const HOUR_MS = 3_600_000;

export const ROLLUP_COLUMNS = Prisma.sql`("accountId", "mode", "meterId", "customerId", "hour", "shard", "count", "sum", "max", "lastValue", "lastTimestamp", "lastSeq")`;

/**
 * The shard a transaction writes: its connection's. Two transactions at once are on two
 * connections, whose backend pids (consecutive when the pool opens them) fall on different shards
 * of 8, so they do not wait for each other's rollup rows. An hour holds at most 8 rows.
 */
export const ROLLUP_SHARD = Prisma.sql`(pg_backend_pid() % 8)::smallint`;

/**
 * The partial aggregate of the events aliased `e`, as the values of ROLLUP_COLUMNS' last six:
 * LAST is the event with the latest timestamp, ties broken by the later receipt (seq).
 */
export const PARTIAL_OF_EVENTS = Prisma.sql`count(*), sum(e."value"), max(e."value"),
  (array_agg(e."value" ORDER BY e."timestamp" DESC, e."seq" DESC))[1], max(e."timestamp"),
  (array_agg(e."seq" ORDER BY e."timestamp" DESC, e."seq" DESC))[1]`;

/**
 * The order in which every writer locks rollup rows, so that concurrent writers cannot deadlock:
 * by meter and customer in byte order (`COLLATE "C"`, which PostgreSQL sorts several times faster
 * than a locale's order), then `hour`, which the caller appends.
 */
export const rollupLockOrder = (alias: string) => Prisma.raw(`${alias}."meterId" COLLATE "C", ${alias}."customerId" COLLATE "C"`);

/** LAST's order (SPEC §2): later timestamp, ties broken by later receipt. */
const laterThanStored = Prisma.sql`(h."lastTimestamp" IS NULL OR (excluded."lastTimestamp", excluded."lastSeq") > (h."lastTimestamp", h."lastSeq"))`;

/** An upsert's conflict clause into `"MeterUsageHour" AS h`: the new partial merged into the stored one. */
export const MERGE_INTO_ROLLUP = Prisma.sql`ON CONFLICT ("meterId", "customerId", "hour", "shard") DO UPDATE SET
        "count" = h."count" + excluded."count",
        "sum" = h."sum" + excluded."sum",
        "max" = GREATEST(h."max", excluded."max"),
        "lastValue" = CASE WHEN ${laterThanStored} THEN excluded."lastValue" ELSE h."lastValue" END,
        "lastTimestamp" = CASE WHEN ${laterThanStored} THEN excluded."lastTimestamp" ELSE h."lastTimestamp" END,
        "lastSeq" = CASE WHEN ${laterThanStored} THEN excluded."lastSeq" ELSE h."lastSeq" END`;

/**
 * Folds the shards of past hours into shard 0, for up to `limit` hours starting before `before`; returns
 * how many hours it folded (an hour written by one connection only moves to shard 0). Ingest into one hour from several connections leaves up to 8 rows
 * that every read merges; folded, a month is read from one row per hour again. Safe beside ingest:
 * a shard being written is deleted with its committed values (the DELETE waits for its row lock),
 * and shard 0 is merged into, not replaced. All tenants at once: it changes no usage.
 */
export async function foldRollupShards(db: Db, before: Date, limit: number): Promise<number> {
  const [{ folded }] = await db.$queryRaw<[{ folded: number }]>`
    WITH hours AS (
      -- Read from the partial index of rows outside shard 0: once folded, past hours leave it.
      SELECT DISTINCT "meterId", "customerId", "hour" FROM "MeterUsageHour"
      WHERE "shard" <> 0 AND "hour" < ${before}::timestamptz
      LIMIT ${limit}
    ),
    removed AS (
      DELETE FROM "MeterUsageHour" r USING hours x
      WHERE r."meterId" = x."meterId" AND r."customerId" = x."customerId" AND r."hour" = x."hour" AND r."shard" <> 0
      RETURNING r.*
    ),
    merged AS (
      INSERT INTO "MeterUsageHour" AS h ${ROLLUP_COLUMNS}
      SELECT "accountId", "mode", "meterId", "customerId", "hour", 0, sum("count"), sum("sum"), max("max"),
             (array_agg("lastValue" ORDER BY "lastTimestamp" DESC, "lastSeq" DESC))[1], max("lastTimestamp"),
             (array_agg("lastSeq" ORDER BY "lastTimestamp" DESC, "lastSeq" DESC))[1]
      FROM removed
      GROUP BY "accountId", "mode", "meterId", "customerId", "hour"
      ORDER BY ${rollupLockOrder("removed")}, "hour"
      ${MERGE_INTO_ROLLUP}
      RETURNING 1
    )
    SELECT count(*)::int AS folded FROM merged`;
  return folded;
}

/** All the hour's shards become one row; an hour left without counting events has none. */
export async function recomputeHour(tx: Db, scope: Scope, q: { meterId: string; customerId: string; at: Date }): Promise<void> {
  const hour = new Date(Math.floor(q.at.getTime() / HOUR_MS) * HOUR_MS);
  const next = new Date(hour.getTime() + HOUR_MS);
  await tx.$executeRaw`
    DELETE FROM "MeterUsageHour"
    WHERE "meterId" = ${q.meterId} AND "customerId" = ${q.customerId} AND "hour" = ${hour}::timestamptz
      AND "accountId" = ${scope.accountId} AND "mode" = ${scope.mode}::"Mode"`;
  await tx.$executeRaw`
    INSERT INTO "MeterUsageHour" ${ROLLUP_COLUMNS}
    SELECT ${scope.accountId}, ${scope.mode}::"Mode", ${q.meterId}, ${q.customerId}, ${hour}::timestamptz, ${ROLLUP_SHARD}, ${PARTIAL_OF_EVENTS}
    FROM "MeterEvent" e
    WHERE e."meterId" = ${q.meterId} AND e."customerId" = ${q.customerId}
      AND e."accountId" = ${scope.accountId} AND e."mode" = ${scope.mode}::"Mode" AND e."canceledAt" IS NULL
      AND e."timestamp" >= ${hour}::timestamptz AND e."timestamp" < ${next}::timestamptz
    HAVING count(*) > 0`;
}
