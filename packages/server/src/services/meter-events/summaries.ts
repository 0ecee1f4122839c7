// meterEventSummaries (SPEC §3): a meter's aggregation for one customer over [startTime, endTime),
// in one summary or one per UTC hour or day. Read from the rollups (usage.ts), one SQL query per
// call whatever the range.
import { finalizeAggregate, type Decimal } from "@tally/billing";
import type { Tenant } from "../../context.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import { usagePartial, usagePartialsByWindow, type GroupingWindow } from "../usage.js";

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

export async function meterEventSummaries(tenant: Tenant, q: SummariesQuery): Promise<MeterEventSummary[]> {
  for (const name of ["startTime", "endTime"] as const) {
    if (q[name].getTime() % MINUTE_MS !== 0) throw new InvalidInputError(`${name} must fall on a whole minute`, [name]);
  }
  if (q.startTime >= q.endTime) throw new InvalidInputError("startTime must be before endTime", ["endTime"]);
  if (q.groupingWindow) {
    const unit = WINDOW_MS[q.groupingWindow];
    const windows = Math.ceil(q.endTime.getTime() / unit) - Math.floor(q.startTime.getTime() / unit);
    if (windows > MAX_WINDOWS) {
      throw new InvalidInputError(`At most ${MAX_WINDOWS} ${q.groupingWindow} windows per request (this range has ${windows})`, ["endTime"]);
    }
  }
  const [meter, customer] = await Promise.all([
    tenant.db.meter.findUnique({ where: { id: q.meterId }, select: { id: true, aggregation: true } }),
    tenant.db.customer.findUnique({ where: { id: q.customerId }, select: { id: true } }),
  ]);
  if (!meter) throw new NotFoundError(`No meter ${q.meterId}`, ["meterId"]);
  if (!customer) throw new NotFoundError(`No customer ${q.customerId}`, ["customerId"]);

  const range = { meterId: meter.id, customerId: customer.id, start: q.startTime, end: q.endTime };
  const windows = q.groupingWindow
    ? await usagePartialsByWindow(tenant.sql, tenant.scope, range, q.groupingWindow)
    : [{ start: q.startTime, end: q.endTime, partial: await usagePartial(tenant.sql, tenant.scope, range) }];
  return windows.map((w) => ({ startTime: w.start, endTime: w.end, aggregatedValue: finalizeAggregate(w.partial, meter.aggregation) }));
}
