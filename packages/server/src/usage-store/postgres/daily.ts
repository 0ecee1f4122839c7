// The daily rollups (MeterUsageDay): per (meter, customer, UTC day, combination of dimension
// values) the merge of the day's folded hourly rows (MeterUsageHour shard 0). Only the writers of
// shard 0 write them, in the same statement or transaction: folding adds the shards it merges into
// shard 0 to their day as well (addToDays), and a cancellation, which replaces an hour's rows,
// rebuilds its day (rebuildDay). So a whole day's usage is its day rows plus its hours' rows
// outside shard 0 (ingest since the last fold, and late events), read with rollupRows: a read of a
// period merges O(days × combinations) rows instead of O(hours × combinations), and stays exact.
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";
import { mergedPartials, mergeExcludedInto, PARTIAL_COLUMNS } from "./aggregate.js";
import { ceilTo, DAY_MS, floorTo, HOUR_MS } from "./units.js";

const DAY_COLUMNS = Prisma.sql`("accountId", "mode", "meterId", "customerId", "day", "combinationId", ${PARTIAL_COLUMNS})`;

/**
 * Merges the hourly rollup rows of `source` (a relation with MeterUsageHour's columns) into their
 * days. Day rows have no shards and need no lock order: their writers (folding, under its
 * advisory lock and the customers' shared usage locks, and cancellation, under the customer's
 * exclusive one) never run at once for one customer.
 */
export function addToDays(source: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "MeterUsageDay" AS d ${DAY_COLUMNS}
    SELECT "accountId", "mode", "meterId", "customerId", date_trunc('day', "hour", 'UTC'), "combinationId", ${mergedPartials(null)}
    FROM ${source}
    GROUP BY "accountId", "mode", "meterId", "customerId", date_trunc('day', "hour", 'UTC'), "combinationId"
    ON CONFLICT ("accountId", "mode", "meterId", "customerId", "day", "combinationId") DO UPDATE SET ${mergeExcludedInto("d")}`;
}

/** The day's rows again from its hours' shard-0 rows: after a change that replaced some of them. */
export async function rebuildDay(
  tx: Db,
  scope: Scope,
  q: { meterId: string; customerId: string; at: Date },
): Promise<void> {
  const day = floorTo(q.at, DAY_MS);
  const next = new Date(day.getTime() + DAY_MS);
  await tx.$executeRaw`
    DELETE FROM "MeterUsageDay"
    WHERE "meterId" = ${q.meterId} AND "customerId" = ${q.customerId} AND "day" = ${day}::timestamptz
      AND ${scopeClause(scope)}`;
  await tx.$executeRaw`${addToDays(Prisma.sql`(
      SELECT * FROM "MeterUsageHour" h
      WHERE h."meterId" = ${q.meterId} AND h."customerId" = ${q.customerId} AND ${scopeClause(scope, "h")}
        AND h."shard" = 0 AND h."hour" >= ${day}::timestamptz AND h."hour" < ${next}::timestamptz
    ) s`)}`;
}

/** Whole hours [from, to) and the hours `alsoHours` (outside them); `days`: whole UTC days inside as day rows. */
export interface RollupRange {
  from: Date;
  to: Date;
  days: boolean;
  alsoHours?: readonly Date[];
}

/**
 * Where rollupRows reads a range: the spans of hourly rows (never empty: an empty span when there
 * are none), and the whole days [dayStart, dayEnd) read as day rows plus unfolded hourly rows, or null.
 */
export function rollupSpans(range: RollupRange): { hours: Array<[Date, Date]>; days: [Date, Date] | null } {
  const dayStart = ceilTo(range.from, DAY_MS);
  const dayEnd = floorTo(range.to, DAY_MS);
  const withDays = range.days && dayStart < dayEnd;
  const spans: Array<[Date, Date]> = withDays
    ? [
        [range.from, dayStart],
        [dayEnd, range.to],
      ]
    : [[range.from, range.to]];
  for (const hour of range.alsoHours ?? []) spans.push([hour, new Date(hour.getTime() + HOUR_MS)]);
  const kept = spans.filter(([lo, hi]) => lo < hi);
  return { hours: kept.length > 0 ? kept : [[range.to, range.to]], days: withDays ? [dayStart, dayEnd] : null };
}

/**
 * The rollup rows that make up the customer's usage of the meter over the whole hours [from, to)
 * and the hours `alsoHours` (outside them), as a subquery of ("at", "combinationId",
 * PARTIAL_COLUMNS), "at" being the row's hour or day. With `days`, the whole UTC days inside
 * [from, to) are read as their day rows plus their hours' unfolded rows; without (hourly
 * windows), every hour's rows.
 */
export function rollupRows(scope: Scope, q: { meterId: string; customerId: string }, range: RollupRange): Prisma.Sql {
  const { hours: spans, days } = rollupSpans(range);
  const ofCustomer = (alias: string) =>
    Prisma.sql`${Prisma.raw(alias)}."meterId" = ${q.meterId} AND ${Prisma.raw(alias)}."customerId" = ${q.customerId} AND ${scopeClause(scope, alias)}`;
  const hourColumns = Prisma.sql`h."hour" AS "at", h."combinationId", h."count", h."sum", h."max", h."lastValue", h."lastTimestamp", h."lastSeq"`;
  // One arm per span, so that each is one index range of the hourly rows, never a scan of the customer's.
  const hours = Prisma.join(
    spans.map(
      ([lo, hi]) => Prisma.sql`
    SELECT ${hourColumns} FROM "MeterUsageHour" h
    WHERE ${ofCustomer("h")} AND h."hour" >= ${lo}::timestamptz AND h."hour" < ${hi}::timestamptz`,
    ),
    " UNION ALL ",
  );
  if (days === null) return hours;
  const [dayStart, dayEnd] = days;
  return Prisma.sql`
    ${hours}
    UNION ALL
    SELECT d."day", d."combinationId", d."count", d."sum", d."max", d."lastValue", d."lastTimestamp", d."lastSeq"
    FROM "MeterUsageDay" d
    WHERE ${ofCustomer("d")} AND d."day" >= ${dayStart}::timestamptz AND d."day" < ${dayEnd}::timestamptz
    UNION ALL
    -- The partial index of unfolded rows (migration 20261208130000_daily_rollups): ingest and late
    -- events not yet folded into the day rows.
    SELECT ${hourColumns}
    FROM "MeterUsageHour" h
    WHERE ${ofCustomer("h")} AND h."shard" <> 0 AND h."hour" >= ${dayStart}::timestamptz AND h."hour" < ${dayEnd}::timestamptz`;
}
