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
import { rollupRows, rollupSpans } from "./daily.js";
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
 * meterUsage of several queries (a batch of period closes), in query order: SUM and COUNT in one
 * statement for all (additiveUsages), the other aggregations one statement each, sent together.
 */
export async function meterUsages(
  db: Db,
  scope: Scope,
  queries: ReadonlyArray<UsageQuery & { aggregation: Aggregation }>,
): Promise<Decimal[]> {
  const additive = queries.flatMap((q, i) =>
    q.aggregation === "SUM" || q.aggregation === "COUNT" ? [{ ...q, aggregation: q.aggregation, i }] : [],
  );
  const totals =
    additive.length > 0 ? additiveUsages(db, scope, additive) : Promise.resolve(new Map<number, Decimal>());
  const others = queries.map((q) =>
    q.aggregation === "SUM" || q.aggregation === "COUNT" ? null : meterUsage(db, scope, q, q.aggregation),
  );
  const summed = await totals;
  return Promise.all(
    others.map((other, i) => other ?? summed.get(i) ?? finalizeAggregate(emptyPartial(), queries[i]!.aggregation)),
  );
}

/**
 * additiveTotals (null window) of several queries as one statement over arrays: each query's
 * rollup spans (rollupSpans: hourly rows, day rows, unfolded hourly rows) and edge pieces are
 * rows of two relations joined laterally to their index ranges, so one plan serves any batch.
 * By the query's `i`; queries with an empty range have none.
 */
async function additiveUsages(
  db: Db,
  scope: Scope,
  queries: ReadonlyArray<UsageQuery & { aggregation: "SUM" | "COUNT"; i: number }>,
): Promise<Map<number, Decimal>> {
  type Whom = { i: number; meterId: string; customerId: string; summed: boolean };
  // kind 0: hourly rows, 1: day rows, 2: unfolded hourly rows of whole days.
  const spans: Array<Whom & { lo: Date; hi: Date; kind: number }> = [];
  const scans: Array<Whom & EdgePiece> = [];
  for (const q of queries) {
    if (q.start >= q.end) continue;
    const of = { i: q.i, meterId: q.meterId, customerId: q.customerId, summed: q.aggregation === "SUM" };
    const plan = additivePlan(q, null);
    const { hours, days } = rollupSpans({
      from: plan.hourStart,
      to: plan.hourEnd,
      days: true,
      alsoHours: plan.edgeHours,
    });
    for (const [lo, hi] of hours) spans.push({ ...of, lo, hi, kind: 0 });
    if (days !== null) for (const kind of [1, 2]) spans.push({ ...of, lo: days[0], hi: days[1], kind });
    for (const scan of plan.scans) scans.push({ ...of, ...scan });
  }
  if (spans.length === 0) return new Map();
  const cut = cutAtHours(scans);
  const ofSpan = (alias: string) =>
    Prisma.sql`${scopeClause(scope, alias)} AND ${Prisma.raw(alias)}."meterId" = s.meter AND ${Prisma.raw(alias)}."customerId" = s.customer`;
  const rows = await db.$queryRaw<Array<{ i: number; value: unknown }>>`
    SELECT t.i, sum(t.v)::numeric AS value FROM (
      SELECT s.i, CASE WHEN s.summed THEN r."sum" ELSE r."count"::numeric END AS v
      FROM unnest(${spans.map((p) => p.i)}::int[], ${spans.map((p) => p.meterId)}::text[], ${spans.map((p) => p.customerId)}::text[],
                  ${spans.map((p) => p.summed)}::boolean[], ${spans.map((p) => p.lo)}::timestamptz[], ${spans.map((p) => p.hi)}::timestamptz[],
                  ${spans.map((p) => p.kind)}::int[]) AS s(i, meter, customer, summed, lo, hi, kind)
      CROSS JOIN LATERAL (
        SELECT h."count", h."sum" FROM "MeterUsageHour" h
        WHERE s.kind = 0 AND ${ofSpan("h")} AND h."hour" >= s.lo AND h."hour" < s.hi
        UNION ALL
        SELECT d."count", d."sum" FROM "MeterUsageDay" d
        WHERE s.kind = 1 AND ${ofSpan("d")} AND d."day" >= s.lo AND d."day" < s.hi
        UNION ALL
        SELECT h."count", h."sum" FROM "MeterUsageHour" h
        WHERE s.kind = 2 AND ${ofSpan("h")} AND h."shard" <> 0 AND h."hour" >= s.lo AND h."hour" < s.hi
      ) r
      UNION ALL
      SELECT x.i, x.sign * CASE WHEN x.summed THEN coalesce(a."sum", 0) ELSE a."count" END
      FROM unnest(${cut.map((p) => p.i)}::int[], ${cut.map((p) => p.meterId)}::text[], ${cut.map((p) => p.customerId)}::text[],
                  ${cut.map((p) => p.summed)}::boolean[], ${cut.map((p) => p.lo)}::timestamptz[], ${cut.map((p) => p.hi)}::timestamptz[],
                  ${cut.map((p) => p.sign)}::int[], ${cut.map((p) => p.mlo)}::timestamptz[], ${cut.map((p) => p.mhi)}::timestamptz[])
        AS x(i, meter, customer, summed, lo, hi, sign, mlo, mhi)
      ${edgeAggregates(scope, { meterId: Prisma.sql`x.meter`, customerId: Prisma.sql`x.customer` })}
    ) t
    GROUP BY t.i`;
  return new Map(rows.map((r) => [Number(r.i), dec(r.value)]));
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
  const cut = cutAtHours(pieces);
  return Prisma.sql`unnest(${cut.map((p) => p.lo)}::timestamptz[], ${cut.map((p) => p.hi)}::timestamptz[], ${cut.map((p) => p.bucket)}::timestamptz[],
      ${cut.map((p) => p.sign)}::int[], ${cut.map((p) => p.mlo)}::timestamptz[], ${cut.map((p) => p.mhi)}::timestamptz[])
    AS x(lo, hi, bucket, sign, mlo, mhi)`;
}

/** The pieces cut at hours, each with [mlo, mhi): its whole minutes, both hi if it has none. */
function cutAtHours<P extends EdgePiece>(pieces: readonly P[]): Array<P & { mlo: Date; mhi: Date }> {
  return pieces.flatMap((p) =>
    piecesOf(p.lo, p.hi, "HOUR", p.lo).map((h) => {
      const [mlo, mhi] = [ceilTo(h.lo, MINUTE_MS), floorTo(h.hi, MINUTE_MS)];
      return { ...p, lo: h.lo, hi: h.hi, ...(mlo < mhi ? { mlo, mhi } : { mlo: h.hi, mhi: h.hi }) };
    }),
  );
}

/** Whose usage a statement reads: the meter and customer as SQL, parameters or a batch's columns. */
interface Whose {
  meterId: Prisma.Sql;
  customerId: Prisma.Sql;
}

const whoseQuery = (q: UsageQuery): Whose => ({
  meterId: Prisma.sql`${q.meterId}`,
  customerId: Prisma.sql`${q.customerId}`,
});

/** The counting events of the customer on the meter, aliased e. */
const countingEvents = (scope: Scope, q: Whose) =>
  Prisma.sql`FROM "MeterEvent" e
    WHERE ${scopeClause(scope, "e")} AND e."meterId" = ${q.meterId} AND e."customerId" = ${q.customerId} AND e."canceledAt" IS NULL`;

/**
 * Joins to each piece of edgeRelation a."count", a."sum" and a."max" of its counting events. The
 * whole minutes come from MeterUsageMinute while the hour's detail is current (detail.ts), the
 * rest from raw events: each part one index range, at most two partial minutes of raw events in a
 * detailed hour.
 */
function edgeAggregates(scope: Scope, q: Whose): Prisma.Sql {
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
  const { hourStart, hourEnd, edgeHours, scans } = additivePlan(q, window);
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
      ${edgeAggregates(scope, whoseQuery(q))}
    ) t
    GROUP BY t.bucket
    ORDER BY t.bucket`;
  return rows.map((r) => ({ bucket: new Date(r.bucket), value: dec(r.value) }));
}

/**
 * How additiveTotals reads [start, end): whole hours [hourStart, hourEnd) and the edge hours from
 * the rollups, the raw events of `scans` added or (sign -1) subtracted.
 */
function additivePlan(q: UsageQuery, window: GroupingWindow | null) {
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
  return { hourStart, hourEnd, edgeHours, scans };
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
    ${edgeAggregates(scope, whoseQuery(q))}
    CROSS JOIN LATERAL (
      SELECT e."value", e."timestamp", e."seq" ${countingEvents(scope, whoseQuery(q))} AND e."timestamp" >= x.lo AND e."timestamp" < x.hi
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
