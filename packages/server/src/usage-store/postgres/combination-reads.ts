// Usage per combination of dimension values (docs/concepts/meters.md#dimensions): the reads behind
// grouped summaries, filtered summaries and alerts, and segmented prices. Whole days and hours come
// from the daily and hourly rollups (rollupRows, daily.ts), which carry the combination; the
// partial edge hours from raw events (index-only: the events' index includes combinationId). Like
// reads.ts, the cost follows the range's days and combinations, not its events.
import type { Aggregation } from "@tally/billing";
import type { Scope } from "../../db/tenant-scope.js";
import { scopeClause } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { CombinationUsage, GroupingWindow, UsageQuery } from "../store.js";
import { mergedPartials, needsOf, type PartialNeeds, partialOfEvents } from "./aggregate.js";
import { rollupRows } from "./daily.js";
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
    LEFT JOIN "MeterDimensionCombination" c ON c."id" = g."combinationId" AND g."combinationId" <> 0
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
 * The edges' events per combination as more arms of the UNION ALL, one per edge with its bounds as
 * constants: each is one index range of one event partition, pruned when planned (a lateral join
 * over the edges plans every partition), and aggregated without a sort (aggregate.ts).
 */
function edgeArms(
  scope: Scope,
  q: UsageQuery,
  edges: Array<{ lo: Date; hi: Date; bucket: Date }>,
  needs: PartialNeeds,
): Prisma.Sql {
  if (edges.length === 0) return Prisma.empty;
  const arms = edges.map(
    (p) => Prisma.sql`
      SELECT ${p.bucket}::timestamptz AS bucket, e."combinationId", ${partialOfEvents("e", needs)}
      FROM "MeterEvent" e
      WHERE e."meterId" = ${q.meterId} AND e."customerId" = ${q.customerId} AND e."canceledAt" IS NULL
        AND e."timestamp" >= ${p.lo}::timestamptz AND e."timestamp" < ${p.hi}::timestamptz
      GROUP BY e."combinationId"`,
  );
  return Prisma.sql`
    UNION ALL
    SELECT a.* FROM (${Prisma.join(arms, " UNION ALL ")}) a
    -- Events have no tenant index of their own: the meter vouches for the account and mode.
    WHERE EXISTS (SELECT 1 FROM "Meter" m WHERE m."id" = ${q.meterId} AND ${scopeClause(scope, "m")})`;
}
