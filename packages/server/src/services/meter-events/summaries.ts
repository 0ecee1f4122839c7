// meterEventSummaries (docs/concepts/meters.md#summaries): a meter's aggregation for one customer over [startTime, endTime),
// in one summary or one per UTC hour or day, optionally filtered and grouped by dimension values
// (docs/concepts/meters.md#dimensions). Read from the usage store: two SQL statements per call
// (existence checks, usage) whatever the range.
import {
  type Aggregation,
  type CombinationPartial,
  type Decimal,
  type DimensionFilter,
  type DimensionValues,
  finalizeAggregate,
  groupPartials,
  selects,
  valuesByKey,
} from "@tally/billing";
import type { Tenant } from "../../context.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import { scopeClause } from "../../db/tenant-scope.js";
import { type GroupingWindow, usageStore } from "../../usage-store/index.js";

export interface MeterEventSummary {
  startTime: Date;
  endTime: Date;
  aggregatedValue: Decimal;
  /** The group's value per groupBy dimension, in groupBy's order (none without groupBy). */
  dimensions: Array<{ dimension: string; value: string | null }>;
}

export interface SummariesQuery {
  meterId: string;
  customerId: string;
  startTime: Date;
  endTime: Date;
  groupingWindow?: GroupingWindow | null;
  groupBy?: readonly string[] | null;
  dimensionFilters?: readonly DimensionFilter[] | null;
}

const MINUTE_MS = 60_000;
const WINDOW_MS: Record<GroupingWindow, number> = { HOUR: 3_600_000, DAY: 86_400_000 };
/** A leap year of hours: more windows than that is a mistake, not a report. */
export const MAX_WINDOWS = 366 * 24;

/** How many summaries [startTime, endTime) is answered with: one without a grouping window. */
export function windowCount(q: Pick<SummariesQuery, "startTime" | "endTime" | "groupingWindow">): number {
  if (!q.groupingWindow) return 1;
  const unit = WINDOW_MS[q.groupingWindow];
  return Math.ceil(q.endTime.getTime() / unit) - Math.floor(q.startTime.getTime() / unit);
}

export async function meterEventSummaries(tenant: Tenant, q: SummariesQuery): Promise<MeterEventSummary[]> {
  for (const name of ["startTime", "endTime"] as const) {
    if (q[name].getTime() % MINUTE_MS !== 0) throw new InvalidInputError(`${name} must fall on a whole minute`, [name]);
  }
  if (q.startTime >= q.endTime) throw new InvalidInputError("startTime must be before endTime", ["endTime"]);
  const count = windowCount(q);
  if (count > MAX_WINDOWS) {
    throw new InvalidInputError(
      `At most ${MAX_WINDOWS} ${q.groupingWindow} windows per request (this range has ${count})`,
      ["endTime"],
    );
  }
  // Both existence checks (and the aggregation) in one direct statement: this read is a hot path.
  const [found] = await tenant.sql.$queryRaw<
    Array<{ aggregation: Aggregation | null; keys: string[] | null; customer: boolean }>
  >`
    SELECT (SELECT "aggregation"::text FROM "Meter" WHERE "id" = ${q.meterId} AND ${scopeClause(tenant.scope)}) AS "aggregation",
           (SELECT "dimensionPayloadKeys" FROM "Meter" WHERE "id" = ${q.meterId} AND ${scopeClause(tenant.scope)}) AS "keys",
           EXISTS (SELECT 1 FROM "Customer" WHERE "id" = ${q.customerId} AND ${scopeClause(tenant.scope)}) AS "customer"`;
  const aggregation = found!.aggregation;
  if (!aggregation) throw new NotFoundError(`No meter ${q.meterId}`, ["meterId"]);
  if (!found!.customer) throw new NotFoundError(`No customer ${q.customerId}`, ["customerId"]);

  const range = { meterId: q.meterId, customerId: q.customerId, start: q.startTime, end: q.endTime };
  const groupBy = q.groupBy ?? [];
  const filters = q.dimensionFilters ?? [];
  if (groupBy.length > 0 || filters.length > 0) {
    checkDimensions(found!.keys ?? [], groupBy, filters);
    return dimensionSummaries(tenant, q, aggregation, found!.keys ?? [], groupBy, filters);
  }
  const windows = await usageStore(tenant.sql, tenant.scope).usageByWindow(
    range,
    q.groupingWindow ?? null,
    aggregation,
  );
  return windows.map((w) => ({ startTime: w.start, endTime: w.end, aggregatedValue: w.value, dimensions: [] }));
}

/** Every groupBy and filter dimension is one of the meter's, named once. */
function checkDimensions(
  keys: readonly string[],
  groupBy: readonly string[],
  filters: readonly DimensionFilter[],
): void {
  const known = (dimension: string, field: string[]) => {
    if (!keys.includes(dimension)) {
      throw new InvalidInputError(
        `${dimension} is not a dimension of the meter (${keys.length ? keys.join(", ") : "it has none"})`,
        field,
      );
    }
  };
  groupBy.forEach((dimension, i) => {
    known(dimension, ["groupBy", String(i)]);
    if (groupBy.indexOf(dimension) !== i)
      throw new InvalidInputError(`${dimension} is grouped by twice`, ["groupBy", String(i)]);
  });
  filters.forEach((f, i) => {
    known(f.dimension, ["dimensionFilters", String(i), "dimension"]);
  });
}

/** The windows of [start, end) (one without a grouping window), each clipped to the range. */
function windowsOf(q: SummariesQuery): Array<{ start: Date; end: Date }> {
  if (!q.groupingWindow) return [{ start: q.startTime, end: q.endTime }];
  const unit = WINDOW_MS[q.groupingWindow];
  const windows = [];
  for (let t = Math.floor(q.startTime.getTime() / unit) * unit; t < q.endTime.getTime(); t += unit) {
    windows.push({
      start: new Date(Math.max(t, q.startTime.getTime())),
      end: new Date(Math.min(t + unit, q.endTime.getTime())),
    });
  }
  return windows;
}

/** Groups in a stable order: by each groupBy value, no value last. */
function compareGroups(groupBy: readonly string[]) {
  return (a: DimensionValues, b: DimensionValues): number => {
    for (const key of groupBy) {
      const [x, y] = [a[key] ?? null, b[key] ?? null];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return 0;
  };
}

/**
 * Summaries from the usage per combination of dimension values: the filtered combinations merged
 * per window and group. Without groupBy every window has its row; with it, each window has a row
 * per group that has events in it.
 */
async function dimensionSummaries(
  tenant: Tenant,
  q: SummariesQuery,
  aggregation: Aggregation,
  keys: readonly string[],
  groupBy: readonly string[],
  filters: readonly DimensionFilter[],
): Promise<MeterEventSummary[]> {
  const range = { meterId: q.meterId, customerId: q.customerId, start: q.startTime, end: q.endTime };
  const rows = await usageStore(tenant.sql, tenant.scope).usageByCombination(
    range,
    q.groupingWindow ?? null,
    aggregation,
  );
  const byWindow = new Map<number, CombinationPartial[]>();
  for (const r of rows) {
    const values = valuesByKey(keys, r.values);
    if (!selects(values, { filters })) continue;
    const at = r.start.getTime();
    byWindow.set(at, [...(byWindow.get(at) ?? []), { values, partial: r.partial }]);
  }
  const summaries: MeterEventSummary[] = [];
  for (const window of windowsOf(q)) {
    const combinations = byWindow.get(window.start.getTime()) ?? [];
    if (groupBy.length > 0 && combinations.length === 0) continue;
    const groups = groupPartials(combinations, groupBy).sort((a, b) => compareGroups(groupBy)(a.group, b.group));
    for (const g of groups) {
      summaries.push({
        startTime: window.start,
        endTime: window.end,
        aggregatedValue: finalizeAggregate(g.partial, aggregation),
        dimensions: groupBy.map((dimension) => ({ dimension, value: g.group[dimension] ?? null })),
      });
    }
  }
  return summaries;
}
