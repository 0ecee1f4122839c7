// recordMeterEvents (docs/concepts/meter-events.md#batches): 1–1000 events, each accepted or rejected on its own. Set-based from
// end to end: one lookup per kind (meters, customers), one multi-row insert with one rollup
// upsert, in one plain SQL transaction per batch (Tenant.transaction), run again with duplicates
// skipped if one was sent (retryingDuplicates).
import type { Tenant } from "../../context.js";
import type { Clock } from "../../clock.js";
import { InvalidInputError } from "../../errors.js";
import { evaluateUsageAlerts, type AlertsTriggeredListener } from "../alerts/evaluate.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { checkEvents } from "./check.js";
import { insertEventBatch, retryingDuplicates, type OnDuplicate } from "./insert.js";
import { alreadyInvoicedError, invoicedAmong } from "./invoiced.js";
import { meterInactive, type RecordMeterEventInput, type ValidEvent } from "./validate.js";

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

/** `onAlertsTriggered` hears the usage alerts the batch fired, once they are committed. */
export async function recordMeterEvents(
  tenant: Tenant,
  clock: Clock,
  events: RecordMeterEventInput[],
  onAlertsTriggered: AlertsTriggeredListener = () => {},
): Promise<RecordMeterEventsSummary> {
  if (events.length < 1 || events.length > MAX_BATCH_SIZE) {
    throw new InvalidInputError(`Send 1–${MAX_BATCH_SIZE} events per call (got ${events.length})`, ["input", "events"]);
  }
  const checked = await checkEvents(tenant.sql, tenant.scope, clock, events, (i) => ["input", "events", String(i)]);
  const rejected: RejectedMeterEvent[] = [];
  const valid: ValidEvent[] = [];
  /** Each valid event's position in the request. */
  const positions: number[] = [];
  for (const [index, c] of checked.entries()) {
    if (!c.ok) {
      rejected.push({ index, code: c.error.code, message: c.error.message });
      continue;
    }
    valid.push(c.event);
    positions.push(index);
  }

  if (valid.length === 0) return { accepted: 0, duplicates: 0, rejected };
  const store = (onDuplicate: OnDuplicate) =>
    tenant.transaction(async (sql) => {
      const [, outcome] = await Promise.all([
        lockCustomersUsage(
          sql,
          valid.map((e) => e.customer.id),
          "shared",
        ),
        insertEventBatch(sql, tenant.scope, valid, onDuplicate),
      ]);
      const { notInserted } = outcome;
      for (const { index, meterActive } of notInserted) {
        if (meterActive) continue;
        const error = meterInactive(valid[index]!.meter.eventName, null);
        rejected.push({ index: positions[index]!, code: error.code, message: error.message });
      }
      // Of the other events not inserted, those in an invoiced period are refused, the rest are duplicates.
      const skipped = notInserted.filter((s) => s.meterActive).map((s) => s.index);
      const invoiced = await invoicedAmong(sql, tenant.scope, valid, skipped);
      for (const i of invoiced) {
        const error = alreadyInvoicedError(valid[i]!.timestamp, null);
        rejected.push({ index: positions[i]!, code: error.code, message: error.message });
      }
      const missed = new Set(notInserted.map((s) => s.index));
      const inserted = (seqs: bigint[]) => valid.flatMap((e, i) => (missed.has(i) ? [] : [{ ...e, seq: seqs[i]! }]));
      const triggers = outcome.alertsWatch
        ? await evaluateUsageAlerts(sql, tenant.scope, clock, inserted(outcome.seqs))
        : [];
      return { accepted: valid.length - notInserted.length, duplicates: skipped.length - invoiced.size, triggers };
    });
  const { accepted, duplicates, triggers } = await retryingDuplicates(valid, store);
  onAlertsTriggered(triggers);
  rejected.sort((a, b) => a.index - b.index);
  return { accepted, duplicates, rejected };
}
