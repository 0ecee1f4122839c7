// Usage per combination of dimension values (docs/concepts/meters.md#dimensions): the reads behind
// grouped summaries, filtered summaries and alerts, and segmented prices. Whole days and hours come
// from the daily and hourly rollups (rollupRows, daily.ts), which carry the combination; the
// partial edge hours from the ten-minute blocks of busy past hours (MeterUsageBlock, detail.ts)
// and raw events (index-only: the events' index includes combinationId). Like reads.ts, the cost
// follows the range's days and combinations, not its events.
import type { Aggregation } from "@tally/billing";
import type { Scope } from "../../db/tenant-scope.js";
import { scopeClause } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { CombinationUsage, GroupingWindow, UsageQuery } from "../store.js";
import { mergedPartials, needsOf, type PartialNeeds, partialOfEvents } from "./aggregate.js";
import { rollupRows } from "./daily.js";
import { BLOCK_MS, currentDetail } from "./detail.js";
import { partialOfRow, piecesOf, rollupBucket, type PartialColumns } from "./reads.js";
import { ceilTo, DAY_MS, floorTo, HOUR_MS } from "./units.js";

/**
 * The partial aggregate per window bucket and combination over [start, end), with the
 * combination's values; LAST only for `aggregation` LAST (aggregate.ts: the others hash).
 */
export async function combinationUsage(
  db: Db,
  scope: Scope,
  q: UsageQuery,
  window: GroupingWindow | null,
  aggregation: Aggregation,
): Promise<CombinationUsage[]> {
  if (q.start >= q.end) return [];
  let hourStart = ceilTo(q.start, HOUR_MS);
  let hourEnd = floorTo(q.end, HOUR_MS);
  if (hourStart >= hourEnd) hourStart = hourEnd = q.end;
  const edges = [...piecesOf(q.start, hourStart, window, q.start), ...piecesOf(hourEnd, q.end, window, q.start)];
  const needs = needsOf(aggregation);
  // Merged per combination id before its values are joined: one lookup per result row, no sort by text.
  const rows = await db.$queryRaw<Array<PartialColumns & { bucket: Date; values: string | null }>>`
    SELECT g.bucket, c."values"::text AS "values", g."count", g."sum", g."max", g."lastValue", g."lastTimestamp", g."lastSeq"
    FROM (
      SELECT t.bucket, t."combinationId", ${mergedPartials("t", needs)}
      FROM (
        SELECT ${rollupBucket(q, window)} AS bucket, h."combinationId", h."count", h."sum", h."max", h."lastValue", h."lastTimestamp", h."lastSeq"
        FROM (${rollupRows(scope, q, { from: hourStart, to: hourEnd, days: window !== "HOUR" })}) h
        ${edgeArms(scope, q, edges, needs)}
      ) t
      GROUP BY t.bucket, t."combinationId"
    ) g
    LEFT JOIN "MeterDimensionCombination" c ON ${scopeClause(scope, "c")} AND c."id" = g."combinationId" AND g."combinationId" <> 0
    ORDER BY g.bucket, g."combinationId"`;
  const unitMs = window === "HOUR" ? HOUR_MS : DAY_MS;
  return rows.map((r) => {
    const bucket = new Date(r.bucket);
    return {
      start: window === null ? q.start : new Date(Math.max(bucket.getTime(), q.start.getTime())),
      end: window === null ? q.end : new Date(Math.min(bucket.getTime() + unitMs, q.end.getTime())),
      values: r.values === null ? [] : (JSON.parse(r.values) as Array<string | null>),
      partial: partialOfRow(r),
    };
  });
}

/**
 * The edges' usage per combination as more arms of the UNION ALL, each with its bounds as
 * constants: each is one index range, of one event partition or of the block detail, pruned when
 * planned (a lateral join over the edges plans every partition), and aggregated without a sort
 * (aggregate.ts). An edge's whole ten-minute blocks come from MeterUsageBlock while its hour's
 * detail is current (detail.ts), the rest from raw events: in a detailed hour, at most two partial
 * blocks of raw events per edge.
 */
function edgeArms(
  scope: Scope,
  q: UsageQuery,
  edges: Array<{ lo: Date; hi: Date; bucket: Date }>,
  needs: PartialNeeds,
): Prisma.Sql {
  const eventsArm = (bucket: Date, lo: Date, hi: Date, when: Prisma.Sql) => Prisma.sql`
      SELECT ${bucket}::timestamptz AS bucket, e."combinationId", ${partialOfEvents("e", needs)}
      FROM "MeterEvent" e
      WHERE ${when} AND ${scopeClause(scope, "e")} AND e."meterId" = ${q.meterId} AND e."customerId" = ${q.customerId} AND e."canceledAt" IS NULL
        AND e."timestamp" >= ${lo}::timestamptz AND e."timestamp" < ${hi}::timestamptz
      GROUP BY e."combinationId"`;
  const blocksArm = (bucket: Date, lo: Date, hi: Date, when: Prisma.Sql) => Prisma.sql`
      SELECT ${bucket}::timestamptz AS bucket, u."combinationId", u."count", u."sum", u."max", u."lastValue", u."lastTimestamp", u."lastSeq"
      FROM "MeterUsageBlock" u
      WHERE ${when} AND ${scopeClause(scope, "u")} AND u."meterId" = ${q.meterId} AND u."customerId" = ${q.customerId}
        AND u."block" >= ${lo}::timestamptz AND u."block" < ${hi}::timestamptz`;
  // The detail is per hour: an edge that spans two (a range without a whole hour) is cut.
  const arms = edges.flatMap((edge) =>
    piecesOf(edge.lo, edge.hi, "HOUR", edge.lo).flatMap(({ lo, hi }) => {
      const [blockLo, blockHi] = [ceilTo(lo, BLOCK_MS), floorTo(hi, BLOCK_MS)];
      if (blockLo >= blockHi) return [eventsArm(edge.bucket, lo, hi, Prisma.sql`true`)];
      const current = Prisma.sql`(${currentDetail(scope, q, Prisma.sql`${floorTo(lo, HOUR_MS)}::timestamptz`)})`;
      return [
        eventsArm(edge.bucket, lo, hi, Prisma.sql`NOT ${current}`),
        blocksArm(edge.bucket, blockLo, blockHi, current),
        ...(lo < blockLo ? [eventsArm(edge.bucket, lo, blockLo, current)] : []),
        ...(blockHi < hi ? [eventsArm(edge.bucket, blockHi, hi, current)] : []),
      ];
    }),
  );
  if (arms.length === 0) return Prisma.empty;
  return Prisma.sql`
    UNION ALL
    SELECT a.* FROM (${Prisma.join(arms, " UNION ALL ")}) a`;
}
