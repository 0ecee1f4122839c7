// Usage reads (SPEC §3, issue 4 "Metering"): a meter's aggregate for one customer over any range,
// computed from the per-hour rollups (MeterUsageHour) for whole hours plus the raw, non-cancelled
// events of the partial edge hours. The cost depends on the number of hours in the range, never
// on the number of events; the result equals a raw recomputation exactly (test/usage.test.ts).
import {
  Decimal,
  emptyPartial,
  finalizeAggregate,
  mergePartials,
  toDecimal,
  type Aggregation,
  type PartialAggregate,
} from "@tally/billing";
import type { Scope } from "../db/tenant.js";
import { Prisma, type PrismaClient } from "../generated/prisma/client.js";

/** Any Prisma client or transaction client. */
export type Db = Pick<PrismaClient, "$queryRaw" | "$executeRaw">;

export type GroupingWindow = "HOUR" | "DAY";

export interface UsageQuery {
  meterId: string;
  customerId: string;
  /** Inclusive. */
  start: Date;
  /** Exclusive. */
  end: Date;
}

/** One window of a grouped usage read: events with start ≤ timestamp < end. */
export interface WindowPartial {
  start: Date;
  end: Date;
  partial: PartialAggregate;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const floorTo = (date: Date, unitMs: number) => new Date(Math.floor(date.getTime() / unitMs) * unitMs);
const ceilTo = (date: Date, unitMs: number) => new Date(Math.ceil(date.getTime() / unitMs) * unitMs);

/**
 * The meter's partial aggregate over events with start ≤ timestamp < end: whole hours from
 * MeterUsageHour, the partial edge hours from raw MeterEvent rows (not canceled), merged with the
 * engine's mergePartials.
 */
export async function usagePartial(db: Db, scope: Scope, q: UsageQuery): Promise<PartialAggregate> {
  if (q.start >= q.end) return emptyPartial();
  const [row] = await queryPartials(db, scope, q, null);
  return row ? row.partial : emptyPartial();
}

/** finalizeAggregate(usagePartial(...), aggregation). */
export async function meterUsage(
  db: Db,
  scope: Scope,
  q: UsageQuery & { aggregation: Aggregation },
): Promise<Decimal> {
  return finalizeAggregate(await usagePartial(db, scope, q), q.aggregation);
}

/**
 * One partial per UTC hour or day window overlapping [start, end), in order, each window clipped
 * to the range; windows without events get the empty partial. One SQL query whatever the range.
 */
export async function usagePartialsByWindow(db: Db, scope: Scope, q: UsageQuery, window: GroupingWindow): Promise<WindowPartial[]> {
  if (q.start >= q.end) return [];
  const unitMs = window === "HOUR" ? HOUR_MS : DAY_MS;
  const found = new Map((await queryPartials(db, scope, q, window)).map((r) => [r.bucket.getTime(), r.partial]));
  const windows: WindowPartial[] = [];
  for (let t = floorTo(q.start, unitMs).getTime(); t < q.end.getTime(); t += unitMs) {
    windows.push({
      start: new Date(Math.max(t, q.start.getTime())),
      end: new Date(Math.min(t + unitMs, q.end.getTime())),
      partial: found.get(t) ?? emptyPartial(),
    });
  }
  return windows;
}

/**
 * Serialises usage writers against invoice finalisation for these customers: ingest takes it
 * "shared", cancellation and invoice finalisation take it "exclusive"; transaction-scoped advisory
 * locks (pg_advisory_xact_lock[_shared](hashtext('usage:' || customerId))) taken in sorted order so
 * batches never deadlock. Must run inside a transaction.
 */
export async function lockCustomersUsage(tx: Db, customerIds: string[], mode: "shared" | "exclusive"): Promise<void> {
  const ids = [...new Set(customerIds)].sort();
  if (ids.length === 0) return;
  const lock = mode === "shared" ? Prisma.raw("pg_advisory_xact_lock_shared") : Prisma.raw("pg_advisory_xact_lock");
  // The ORDER BY makes PostgreSQL take the locks one by one in sorted order.
  await tx.$queryRaw`
    SELECT count(${lock}(hashtext('usage:' || c.id)))::int AS locked
    FROM (SELECT unnest(${ids}::text[]) AS id ORDER BY 1) c`;
}

interface PartialRow {
  bucket: Date;
  count: unknown;
  sum: unknown;
  max: unknown;
  lastValue: unknown;
  lastTimestamp: Date | null;
  lastSeq: bigint | null;
}

const dec = (value: unknown): Decimal => toDecimal(String(value));

function partialOfRow(r: PartialRow): PartialAggregate {
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

/**
 * The partial aggregates of [start, end), grouped by `window` buckets (null: one bucket for the
 * whole range), in bucket order. Whole hours [hourStart, hourEnd) come from the rollups, the rest
 * from raw events; SQL reduces each source to one partial per bucket (same rules as the engine:
 * LAST orders by timestamp, then seq) and the engine merges the two.
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
  const bucketOf = (column: Prisma.Sql) =>
    window === null ? Prisma.sql`${q.start}::timestamptz` : Prisma.sql`date_trunc(${window.toLowerCase()}, ${column}, 'UTC')`;
  const rows = await db.$queryRaw<Array<PartialRow & { src: number }>>`
    WITH parts AS (
      SELECT 0 AS src, ${bucketOf(Prisma.sql`h."hour"`)} AS bucket, h."count"::numeric AS cnt, h."sum" AS sm,
             h."max" AS mx, h."lastValue" AS lv, h."lastTimestamp" AS lt, h."lastSeq" AS ls
      FROM "MeterUsageHour" h
      WHERE h."meterId" = ${q.meterId} AND h."customerId" = ${q.customerId}
        AND h."accountId" = ${scope.accountId} AND h."mode" = ${scope.mode}::"Mode"
        AND h."hour" >= ${hourStart}::timestamptz AND h."hour" < ${hourEnd}::timestamptz
      UNION ALL
      SELECT 1, ${bucketOf(Prisma.sql`e."timestamp"`)}, 1, e."value", e."value", e."value", e."timestamp", e."seq"
      FROM "MeterEvent" e
      WHERE e."meterId" = ${q.meterId} AND e."customerId" = ${q.customerId}
        AND e."accountId" = ${scope.accountId} AND e."mode" = ${scope.mode}::"Mode" AND e."canceledAt" IS NULL
        AND ((e."timestamp" >= ${q.start}::timestamptz AND e."timestamp" < ${hourStart}::timestamptz)
          OR (e."timestamp" >= ${hourEnd}::timestamptz AND e."timestamp" < ${q.end}::timestamptz))
    ),
    totals AS (
      SELECT src, bucket, sum(cnt) AS "count", sum(sm) AS "sum", max(mx) AS "max" FROM parts GROUP BY src, bucket
    ),
    lasts AS (
      SELECT DISTINCT ON (src, bucket) src, bucket, lv, lt, ls
      FROM parts WHERE lt IS NOT NULL ORDER BY src, bucket, lt DESC, ls DESC
    )
    SELECT t.src, t.bucket, t."count", t."sum", t."max", l.lv AS "lastValue", l.lt AS "lastTimestamp", l.ls AS "lastSeq"
    FROM totals t LEFT JOIN lasts l ON l.src = t.src AND l.bucket = t.bucket
    ORDER BY t.bucket, t.src`;
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
