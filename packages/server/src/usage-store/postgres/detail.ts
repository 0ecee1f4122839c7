// The detail of busy folded hours, finer than the hour: per UTC minute their count, sum and max
// (MeterUsageMinute), for usage reads (reads.ts), and per ten-minute block and combination of
// dimension values their whole partial aggregate (MeterUsageBlock), for reads per combination
// (combination-reads.ts). A read's partial edge hour takes its whole minutes or blocks from here
// while the detail is current, and the rest from raw events.
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";
import { partialOfEvents } from "./aggregate.js";
import { MINUTE_MS } from "./units.js";

/**
 * Hours of at least this many events get detail when folded: a usage read then takes at most two
 * partial minutes (two partial blocks per combination) of such an hour from raw events. Below it,
 * the half hour of raw events an edge may read is cheaper than the hour's detail rows would be to keep.
 */
export const DETAIL_MIN_EVENTS = 600;

/** The blocks of MeterUsageBlock: an hour's events per combination in six rows, not a row per minute. */
export const BLOCK_MS = 10 * MINUTE_MS;

/**
 * The minute rows (and, for meters with dimensions, the block rows) of the folded hours `x` (a relation x("accountId", "mode", "meterId",
 * "customerId", "hour")), from their raw events, and on each hour's shard 0 the count they were
 * built from (none below DETAIL_MIN_EVENTS). One statement, so the detail and the count are of one
 * snapshot, in which the raw events and the hour's rollup rows agree. Later, ingest only adds to
 * the hour's count, and cancellation (rollups.ts recomputeHour) replaces its rows, count unset: a
 * read that finds the hour's count equal to detailCount may use the detail (currentDetail).
 */
export async function rebuildDetail(tx: Db, hours: Prisma.Sql): Promise<void> {
  const ofHour = (alias: string) =>
    Prisma.sql`${Prisma.raw(alias)}."accountId" = x."accountId" AND ${Prisma.raw(alias)}."mode" = x."mode"
      AND ${Prisma.raw(alias)}."meterId" = x."meterId" AND ${Prisma.raw(alias)}."customerId" = x."customerId"`;
  const hourEvents = Prisma.sql`FROM "MeterEvent" e
        WHERE ${ofHour("e")} AND e."canceledAt" IS NULL
          AND e."timestamp" >= x."hour" AND e."timestamp" < x."hour" + interval '1 hour'`;
  await tx.$executeRaw`
    WITH x AS (SELECT * FROM ${hours}),
    minutes AS MATERIALIZED (
      SELECT x."accountId", x."mode", x."meterId", x."customerId", x."hour", m.*
      FROM x CROSS JOIN LATERAL (
        SELECT date_trunc('minute', e."timestamp", 'UTC') AS "minute", count(*) AS "count", sum(e."value") AS "sum", max(e."value") AS "max"
        ${hourEvents}
        GROUP BY 1
      ) m
    ),
    totals AS (
      SELECT "accountId", "mode", "meterId", "customerId", "hour", sum("count") AS "count" FROM minutes
      GROUP BY 1, 2, 3, 4, 5 HAVING sum("count") >= ${DETAIL_MIN_EVENTS}
    ),
    kept AS (
      SELECT m.* FROM minutes m JOIN totals t USING ("accountId", "mode", "meterId", "customerId", "hour")
    ),
    -- Only meters with dimensions are read per combination (docs/concepts/meters.md#dimensions).
    blocks AS (
      SELECT x."accountId", x."mode", x."meterId", x."customerId", b.*
      FROM x JOIN totals t USING ("accountId", "mode", "meterId", "customerId", "hour")
      JOIN "Meter" m ON m."accountId" = x."accountId" AND m."mode" = x."mode" AND m."id" = x."meterId"
        AND cardinality(m."dimensionPayloadKeys") > 0
      CROSS JOIN LATERAL (
        SELECT date_bin(${`${BLOCK_MS / MINUTE_MS} minutes`}::interval, e."timestamp", x."hour") AS "block", e."combinationId", ${partialOfEvents("e")}
        ${hourEvents}
        GROUP BY 1, 2
      ) b
    ),
    -- Deletes and upserts touch different rows: one statement must not modify a row twice. NOT IN
    -- (no key is null) hashes the kept rows: an anti join, planned for the few rows a CTE is
    -- estimated to hold, would scan them once per stored row.
    stale_minutes AS (
      DELETE FROM "MeterUsageMinute" u USING x
      WHERE ${ofHour("u")} AND u."minute" >= x."hour" AND u."minute" < x."hour" + interval '1 hour'
        AND (u."accountId", u."mode", u."meterId", u."customerId", u."minute")
          NOT IN (SELECT "accountId", "mode", "meterId", "customerId", "minute" FROM kept)
    ),
    minutes_written AS (
      INSERT INTO "MeterUsageMinute" AS u ("accountId", "mode", "meterId", "customerId", "minute", "count", "sum", "max")
      SELECT "accountId", "mode", "meterId", "customerId", "minute", "count", "sum", "max" FROM kept
      ON CONFLICT ("accountId", "mode", "meterId", "customerId", "minute") DO UPDATE SET "count" = excluded."count", "sum" = excluded."sum", "max" = excluded."max"
    ),
    stale_blocks AS (
      DELETE FROM "MeterUsageBlock" u USING x
      WHERE ${ofHour("u")} AND u."block" >= x."hour" AND u."block" < x."hour" + interval '1 hour'
        AND (u."accountId", u."mode", u."meterId", u."customerId", u."block", u."combinationId")
          NOT IN (SELECT "accountId", "mode", "meterId", "customerId", "block", "combinationId" FROM blocks)
    ),
    blocks_written AS (
      INSERT INTO "MeterUsageBlock" AS u ("accountId", "mode", "meterId", "customerId", "block", "combinationId", "count", "sum", "max", "lastValue", "lastTimestamp", "lastSeq")
      SELECT * FROM blocks
      ON CONFLICT ("accountId", "mode", "meterId", "customerId", "block", "combinationId") DO UPDATE SET "count" = excluded."count", "sum" = excluded."sum",
        "max" = excluded."max", "lastValue" = excluded."lastValue", "lastTimestamp" = excluded."lastTimestamp", "lastSeq" = excluded."lastSeq"
    )
    UPDATE "MeterUsageHour" h SET "detailCount" = t."count"
    FROM x LEFT JOIN totals t USING ("accountId", "mode", "meterId", "customerId", "hour")
    WHERE ${ofHour("h")} AND h."hour" = x."hour" AND h."shard" = 0`;
}

/**
 * A query of one boolean column "current": whether the detail of the customer's hour `hour` (an
 * SQL timestamptz) stands for it, that is, the hour's rows still count the events its detail was
 * built from. detailCount is set on shard 0 only; a late event adds to another shard.
 */
export function currentDetail(
  scope: Scope,
  q: { meterId: string | Prisma.Sql; customerId: string | Prisma.Sql },
  hour: Prisma.Sql,
): Prisma.Sql {
  return Prisma.sql`
    SELECT coalesce(sum(r."count") = max(r."detailCount"), false) AS current FROM "MeterUsageHour" r
    WHERE ${scopeClause(scope, "r")} AND r."meterId" = ${q.meterId} AND r."customerId" = ${q.customerId} AND r."hour" = ${hour}`;
}
