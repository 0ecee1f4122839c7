// meterEventSummaries (docs/concepts/meters.md#summaries): a meter's aggregation for one customer over [startTime, endTime),
// in one summary or one per UTC hour or day. Read from the usage store: two SQL statements per call
// (existence checks, usage) whatever the range.
import type { Aggregation, Decimal } from "@tally/billing";
import type { Tenant } from "../../context.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import { scopeClause } from "../../db/tenant-scope.js";
import { type GroupingWindow, usageStore } from "../../usage-store/index.js";

export interface MeterEventSummary {
  startTime: Date;
  endTime: Date;
  aggregatedValue: Decimal;
}

export interface SummariesQuery {
  meterId: string;
  customerId: string;
  startTime: Date;
  endTime: Date;
  groupingWindow?: GroupingWindow | null;
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
  const [found] = await tenant.sql.$queryRaw<Array<{ aggregation: Aggregation | null; customer: boolean }>>`
    SELECT (SELECT "aggregation"::text FROM "Meter" WHERE "id" = ${q.meterId} AND ${scopeClause(tenant.scope)}) AS "aggregation",
           EXISTS (SELECT 1 FROM "Customer" WHERE "id" = ${q.customerId} AND ${scopeClause(tenant.scope)}) AS "customer"`;
  const aggregation = found!.aggregation;
  if (!aggregation) throw new NotFoundError(`No meter ${q.meterId}`, ["meterId"]);
  if (!found!.customer) throw new NotFoundError(`No customer ${q.customerId}`, ["customerId"]);

  const range = { meterId: q.meterId, customerId: q.customerId, start: q.startTime, end: q.endTime };
  const windows = await usageStore(tenant.sql, tenant.scope).usageByWindow(
    range,
    q.groupingWindow ?? null,
    aggregation,
  );
  return windows.map((w) => ({ startTime: w.start, endTime: w.end, aggregatedValue: w.value }));
}
