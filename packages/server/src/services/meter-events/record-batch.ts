// recordMeterEvents (SPEC §3): 1–1000 events, each accepted or rejected on its own. Set-based from
// end to end: one lookup per kind (meters, customers), one multi-row insert with one rollup
// upsert, in one transaction per batch.
import type { Clock, Tenant } from "../../context.js";
import { InvalidInputError } from "../../errors.js";
import { lockCustomersUsage } from "../usage.js";
import { checkEvents } from "./check.js";
import { insertEvents } from "./insert.js";
import { findInvoiced } from "./invoiced.js";
import { alreadyInvoiced } from "./record.js";
import type { RecordMeterEventInput, ValidEvent } from "./validate.js";

export const MAX_BATCH_SIZE = 1000;

export interface RejectedMeterEvent {
  index: number;
  code: string;
  message: string;
}

export interface RecordMeterEventsSummary {
  accepted: number;
  /** Events whose identifier was already stored, or used by an earlier event of the batch. */
  duplicates: number;
  rejected: RejectedMeterEvent[];
}

export async function recordMeterEvents(tenant: Tenant, clock: Clock, events: RecordMeterEventInput[]): Promise<RecordMeterEventsSummary> {
  if (events.length < 1 || events.length > MAX_BATCH_SIZE) {
    throw new InvalidInputError(`Send 1–${MAX_BATCH_SIZE} events per call (got ${events.length})`, ["input", "events"]);
  }
  const checked = await checkEvents(tenant.db, tenant.scope, clock, events, (i) => ["input", "events", String(i)]);
  const rejected: RejectedMeterEvent[] = [];
  const valid: Array<ValidEvent & { index: number }> = [];
  checked.forEach((c, index) => {
    if (c.ok) valid.push({ ...c.event, index });
    else rejected.push({ index, code: c.error.code, message: c.error.message });
  });

  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };
  const { accepted, duplicates } = await tenant.db.$transaction(async (tx) => {
    await lockCustomersUsage(tx, valid.map((e) => e.customer.id), "shared");
    const inserted = new Set((await insertEvents(tx, tenant.scope, valid)).map((row) => row.index));
    const skipped = valid.filter((_, i) => !inserted.has(i));
    const invoiced = await findInvoiced(
      tx,
      tenant.scope,
      skipped.map((e) => ({ customerId: e.customer.id, meterId: e.meter.id, timestamp: e.timestamp })),
    );
    skipped.forEach((event, i) => {
      if (!invoiced.has(i)) return;
      const error = alreadyInvoiced(event.timestamp, null);
      rejected.push({ index: event.index, code: error.code, message: error.message });
    });
    return { accepted: inserted.size, duplicates: skipped.length - invoiced.size };
  });
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, duplicates, rejected };
}
