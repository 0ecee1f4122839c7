// Usage reads (docs/concepts/meters.md#summaries): a meter's aggregate for one customer over any range,
// computed from the daily and hourly rollups (rollupRows, daily.ts) for whole days and hours plus
// the partial edge hours: their whole minutes from the minute detail of busy past hours
// (MeterUsageMinute), the rest from raw, non-cancelled events. The cost depends on the number of
// days (hours, for hourly windows) in the range, not on the number of events; the result equals a raw recomputation exactly (test/usage.test.ts).
import {
  type Decimal,
  emptyPartial,
  finalizeAggregate,
  mergePartials,
  toDecimal,
  type Aggregation,
  type PartialAggregate,
} from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { GroupingWindow, UsageQuery, WindowUsage } from "../store.js";
import { lastEventFirst, mergedPartials } from "./aggregate.js";
import { rollupRows } from "./daily.js";
import { currentDetail } from "./detail.js";
import { ceilTo, DAY_MS, floorTo, HOUR_MS, MINUTE_MS } from "./units.js";

/**
 * The meter's aggregation over events with start ≤ timestamp < end. SUM and COUNT take the
 * additive path, which reads fewer raw events at the edges (additiveTotals).
 */
export async function meterUsage(db: Db, scope: Scope, q: UsageQuery, aggregation: Aggregation): Promise<Decimal> {
  const [usage] = await usageByWindow(db, scope, q, null, aggregation);
  return usage ? usage.value : finalizeAggregate(emptyPartial(), aggregation);
}

/**
 * The meter's aggregation per UTC hour or day window overlapping [start, end) (null: one window,
 * the range), in order, each window clipped to the range; windows without events get the
 * aggregation of none. One SQL query whatever the range.
 */
export async function usageByWindow(
  db: Db,
  scope: Scope,
  q: UsageQuery,
  window: GroupingWindow | null,
  aggregation: Aggregation,
): Promise<WindowUsage[]> {
  if (q.start >= q.end) return [];
  const rows =
    aggregation === "SUM" || aggregation === "COUNT"
      ? await additiveTotals(db, scope, q, window, aggregation)
      : (await queryPartials(db, scope, q, window)).map((r) => ({
          bucket: r.bucket,
          value: finalizeAggregate(r.partial, aggregation),
        }));
  const found = new Map(rows.map((r) => [r.bucket.getTime(), r.value]));
  const none = finalizeAggregate(emptyPartial(), aggregation);
  if (window === null) return [{ start: q.start, end: q.end, value: found.get(q.start.getTime()) ?? none }];
  const unitMs = window === "HOUR" ? HOUR_MS : DAY_MS;
  const windows: WindowUsage[] = [];
  for (let t = floorTo(q.start, unitMs).getTime(); t < q.end.getTime(); t += unitMs) {
    windows.push({
      start: new Date(Math.max(t, q.start.getTime())),
      end: new Date(Math.min(t + unitMs, q.end.getTime())),
      value: found.get(t) ?? none,
    });
  }
  return windows;
}

/** The partial-aggregate columns as raw SQL returns them (MeterUsageHour's and UsageAlertProgress's). */
export interface PartialColumns {
  count: unknown;
  sum: unknown;
  max: unknown;
  lastValue: unknown;
  lastTimestamp: Date | null;
  lastSeq: bigint | null;
}

interface PartialRow extends PartialColumns {
  bucket: Date;
}

const dec = (value: unknown): Decimal => toDecimal(String(value));

/** The engine's PartialAggregate of a row of partial-aggregate columns. */
export function partialOfRow(r: PartialColumns): PartialAggregate {
  return {
    count: dec(r.count),
    sum: dec(r.sum),
    max: r.max === null ? null : dec(r.max),
    last:
      r.lastValue === null || r.lastTimestamp === null || r.lastSeq === null
        ? null
        : { value: dec(r.lastValue), timestamp: new Date(r.lastTimestamp), seq: BigInt(r.lastSeq) },
  };
}

/** [start, end) cut at the window's boundaries, each piece with its bucket (null window: one). */
export function piecesOf(
  start: Date,
  end: Date,
  window: GroupingWindow | null,
  bucketAll: Date,
): Array<{ lo: Date; hi: Date; bucket: Date }> {
  if (start >= end) return [];
  if (window === null) return [{ lo: start, hi: end, bucket: bucketAll }];
  const unitMs = window === "HOUR" ? HOUR_MS : DAY_MS;
  const pieces = [];
  for (let t = floorTo(start, unitMs).getTime(); t < end.getTime(); t += unitMs) {
    pieces.push({
      lo: new Date(Math.max(t, start.getTime())),
      hi: new Date(Math.min(t + unitMs, end.getTime())),
      bucket: new Date(t),
    });
  }
  return pieces;
}

/** Events with lo ≤ timestamp < hi, counted into `bucket` with `sign`. */
interface EdgePiece {
  lo: Date;
  hi: Date;
  bucket: Date;
  sign: number;
}

/**
 * The pieces as a relation x(lo, hi, bucket, sign, mlo, mhi), cut at hours, since minute detail
 * is per hour: [mlo, mhi) are the whole minutes of [lo, hi), both hi if it has none.
 */
export function edgeRelation(pieces: EdgePiece[]): Prisma.Sql {
  const cut = pieces.flatMap((p) => piecesOf(p.lo, p.hi, "HOUR", p.lo).map((h) => ({ ...p, lo: h.lo, hi: h.hi })));
  const whole = cut.map((p) => {
    const [mlo, mhi] = [ceilTo(p.lo, MINUTE_MS), floorTo(p.hi, MINUTE_MS)];
    return mlo < mhi ? { mlo, mhi } : { mlo: p.hi, mhi: p.hi };
  });
  return Prisma.sql`unnest(${cut.map((p) => p.lo)}::timestamptz[], ${cut.map((p) => p.hi)}::timestamptz[], ${cut.map((p) => p.bucket)}::timestamptz[],
      ${cut.map((p) => p.sign)}::int[], ${whole.map((w) => w.mlo)}::timestamptz[], ${whole.map((w) => w.mhi)}::timestamptz[])
    AS x(lo, hi, bucket, sign, mlo, mhi)`;
}

/** The counting events of the customer on the meter, aliased e. */
const countingEvents = (scope: Scope, q: UsageQuery) =>
  Prisma.sql`FROM "MeterEvent" e
    WHERE ${scopeClause(scope, "e")} AND e."meterId" = ${q.meterId} AND e."customerId" = ${q.customerId} AND e."canceledAt" IS NULL`;

/**
 * Joins to each piece of edgeRelation a."count", a."sum" and a."max" of its counting events. The
 * whole minutes come from MeterUsageMinute while the hour's detail is current (detail.ts), the
 * rest from raw events: each part one index range, at most two partial minutes of raw events in a
 * detailed hour.
 */
function edgeAggregates(scope: Scope, q: UsageQuery): Prisma.Sql {
  const ofEvents = Prisma.sql`SELECT count(*)::numeric, sum(e."value"), max(e."value") ${countingEvents(scope, q)}`;
  return Prisma.sql`
    CROSS JOIN LATERAL (${currentDetail(scope, q, Prisma.sql`date_trunc('hour', x.lo, 'UTC')`)}) d
    CROSS JOIN LATERAL (
      SELECT sum(p.n) AS "count", sum(p.s) AS "sum", max(p.m) AS "max" FROM (
        ${ofEvents} AND e."timestamp" >= x.lo AND e."timestamp" < CASE WHEN d.current THEN x.mlo ELSE x.hi END
        UNION ALL
        ${ofEvents} AND d.current AND e."timestamp" >= x.mhi AND e."timestamp" < x.hi
        UNION ALL
        SELECT sum(u."count"), sum(u."sum"), max(u."max") FROM "MeterUsageMinute" u
        WHERE d.current AND ${scopeClause(scope, "u")} AND u."meterId" = ${q.meterId} AND u."customerId" = ${q.customerId}
          AND u."minute" >= x.mlo AND u."minute" < x.mhi
      ) p(n, s, m)
    ) a`;
}

/** The bucket of rollupRows' row aliased h: its window's start, or the range's start for one window. */
export function rollupBucket(q: UsageQuery, window: GroupingWindow | null): Prisma.Sql {
  return window === null
    ? Prisma.sql`${q.start}::timestamptz`
    : Prisma.sql`date_trunc(${window.toLowerCase()}, h."at", 'UTC')`;
}

/**
 * SUM or COUNT over [start, end) per `window` bucket (null: one bucket), in bucket order. These
 * aggregations subtract, so an edge that is the longer part of its hour is read as the hour's
 * rollup minus the rest of the hour: an edge reads at most half an hour of raw events, two partial
 * minutes in a busy past hour (the period start of a preview is anywhere in its hour, its end
 * usually in the future).
 */
async function additiveTotals(
  db: Db,
  scope: Scope,
  q: UsageQuery,
  window: GroupingWindow | null,
  aggregation: "SUM" | "COUNT",
): Promise<Array<{ bucket: Date; value: Decimal }>> {
  let hourStart = ceilTo(q.start, HOUR_MS);
  let hourEnd = floorTo(q.end, HOUR_MS);
  if (hourStart >= hourEnd) hourStart = hourEnd = q.end;
  const bucketOf = (at: Date) => (window === null ? q.start : floorTo(at, window === "HOUR" ? HOUR_MS : DAY_MS));
  const edgeHours: Date[] = [];
  const scans: EdgePiece[] = [];
  for (const piece of [
    ...piecesOf(q.start, hourStart, "HOUR", q.start),
    ...piecesOf(hourEnd, q.end, "HOUR", q.start),
  ]) {
    const hour = piece.bucket;
    const next = new Date(hour.getTime() + HOUR_MS);
    const bucket = bucketOf(hour);
    if (piece.hi.getTime() - piece.lo.getTime() <= HOUR_MS / 2) {
      scans.push({ lo: piece.lo, hi: piece.hi, bucket, sign: 1 });
      continue;
    }
    edgeHours.push(hour);
    if (hour < piece.lo) scans.push({ lo: hour, hi: piece.lo, bucket, sign: -1 });
    if (piece.hi < next) scans.push({ lo: piece.hi, hi: next, bucket, sign: -1 });
  }
  const rollupColumn = aggregation === "SUM" ? Prisma.sql`h."sum"` : Prisma.sql`h."count"`;
  const edgeValue = aggregation === "SUM" ? Prisma.sql`coalesce(a."sum", 0)` : Prisma.sql`a."count"`;
  const rows = await db.$queryRaw<Array<{ bucket: Date; value: unknown }>>`
    SELECT t.bucket, sum(t.v)::numeric AS value FROM (
      SELECT ${rollupBucket(q, window)} AS bucket, sum(${rollupColumn}) AS v
      FROM (${rollupRows(scope, q, { from: hourStart, to: hourEnd, days: window !== "HOUR", alsoHours: edgeHours })}) h
      GROUP BY 1
      UNION ALL
      SELECT x.bucket, x.sign * ${edgeValue}
      FROM ${edgeRelation(scans)}
      ${edgeAggregates(scope, q)}
    ) t
    GROUP BY t.bucket
    ORDER BY t.bucket`;
  return rows.map((r) => ({ bucket: new Date(r.bucket), value: dec(r.value) }));
}

/**
 * The partial aggregates of [start, end), grouped by `window` buckets (null: one bucket for the
 * whole range), in bucket order. Whole hours [hourStart, hourEnd) come from the rollups, the
 * partial hours at the edges from minute detail and raw events; SQL reduces each to partials
 * (aggregate.ts) and the engine merges them. Each edge is edgeAggregates' index ranges — the raw
 * ones index-only on (accountId, mode, meterId, customerId, timestamp, seq) INCLUDE (value, canceledAt) — and LAST
 * is the first row of the edge's range read backwards: no sort, no materialised rows, however
 * many events an hour holds.
 */
async function queryPartials(
  db: Db,
  scope: Scope,
  q: UsageQuery,
  window: GroupingWindow | null,
): Promise<Array<{ bucket: Date; partial: PartialAggregate }>> {
  let hourStart = ceilTo(q.start, HOUR_MS);
  let hourEnd = floorTo(q.end, HOUR_MS);
  // No whole hour inside the range: everything comes from raw events.
  if (hourStart >= hourEnd) hourStart = hourEnd = q.end;
  const edges = [...piecesOf(q.start, hourStart, window, q.start), ...piecesOf(hourEnd, q.end, window, q.start)].map(
    (p) => ({ ...p, sign: 1 }),
  );
  const rows = await db.$queryRaw<Array<PartialRow & { src: number }>>`
    SELECT 0 AS src, ${rollupBucket(q, window)} AS bucket, ${mergedPartials("h")}
    FROM (${rollupRows(scope, q, { from: hourStart, to: hourEnd, days: window !== "HOUR" })}) h
    GROUP BY 2
    UNION ALL
    SELECT 1, x.bucket, a."count", a."sum", a."max", l."value", l."timestamp", l."seq"
    FROM ${edgeRelation(edges)}
    ${edgeAggregates(scope, q)}
    CROSS JOIN LATERAL (
      SELECT e."value", e."timestamp", e."seq" ${countingEvents(scope, q)} AND e."timestamp" >= x.lo AND e."timestamp" < x.hi
      ${lastEventFirst("e")} LIMIT 1
    ) l
    ORDER BY 2, 1`;
  const merged: Array<{ bucket: Date; partial: PartialAggregate }> = [];
  for (const row of rows) {
    const bucket = new Date(row.bucket);
    const previous = merged.at(-1);
    if (previous && previous.bucket.getTime() === bucket.getTime()) {
      previous.partial = mergePartials(previous.partial, partialOfRow(row));
    } else {
      merged.push({ bucket, partial: partialOfRow(row) });
    }
  }
  return merged;
}
