// recordMeterEvent (SPEC §3): one event, validated, stored and counted in one transaction, so it is
// in every summary and preview when the mutation returns (read-your-writes). The transaction is
// plain SQL (Tenant.transaction), not Prisma's: an event of a meter no alert watches costs two
// round trips, BEGIN with the lock and the insert (pipelined), then COMMIT.
import type { Clock, Tenant } from "../../context.js";
import { MeterEventError } from "../../errors.js";
import type { Meter } from "../../generated/prisma/client.js";
import { evaluateUsageAlerts, type AlertsTriggeredListener } from "../alerts/evaluate.js";
import { lockCustomersUsage } from "../usage.js";
import { checkEvents } from "./check.js";
import { insertEvents, type InsertOutcome, type StoredEventRow } from "./insert.js";
import { findInvoiced } from "./invoiced.js";
import { meterInactive, type RecordMeterEventInput, type ValidEvent } from "./validate.js";

/** A stored event with its meter loaded (the GraphQL MeterEvent's eventName). */
export type RecordedMeterEvent = StoredEventRow & { meter: Meter };

/** `onAlertsTriggered` hears the usage alerts this event fired, once they are committed. */
export async function recordMeterEvent(
  tenant: Tenant,
  clock: Clock,
  input: RecordMeterEventInput,
  onAlertsTriggered: AlertsTriggeredListener = () => {},
): Promise<RecordedMeterEvent> {
  const [checked] = await checkEvents(tenant.sql, tenant.scope, clock, [input], () => ["input"]);
  if (!checked!.ok) throw checked!.error;
  const { event } = checked!;
  const stored = await tenant.transaction(async (sql) => {
    const [, [{ row, meter, alertsWatch }]] = (await Promise.all([
      lockCustomersUsage(sql, [event.customer.id], "shared"),
      insertEvents(sql, tenant.scope, [event]),
    ])) as [void, [InsertOutcome]];
    if (row) return { recorded: { ...row, meter }, triggers: alertsWatch ? await evaluateUsageAlerts(sql, tenant.scope, clock, [event]) : [] };
    // Not inserted: the meter was deactivated, the event is in an invoiced period, or the identifier is taken.
    if (meter.status !== "ACTIVE") throw meterInactive(event.meter.eventName, ["input", "eventName"]);
    const invoiced = await findInvoiced(sql, tenant.scope, [{ customerId: event.customer.id, meterId: event.meter.id, timestamp: event.timestamp }]);
    if (invoiced.size > 0) throw alreadyInvoiced(event.timestamp, ["input", "timestamp"]);
    return null;
  });
  if (!stored) throw await duplicateEvent(tenant, event);
  onAlertsTriggered(stored.triggers);
  return stored.recorded;
}

/** DUPLICATE_EVENT, carrying the stored event (committed, since the unique constraint saw it). */
async function duplicateEvent(tenant: Tenant, event: ValidEvent): Promise<MeterEventError> {
  const existing = await tenant.db.meterEvent.findUniqueOrThrow({
    where: { accountId_mode_identifier: { ...tenant.scope, identifier: event.identifier } },
    include: { meter: true },
  });
  return new MeterEventError(
    "DUPLICATE_EVENT",
    `An event with the identifier ${event.identifier} was already recorded; this one is not counted`,
    ["input", "identifier"],
    existing,
  );
}

export function alreadyInvoiced(timestamp: Date, field: string[] | null): MeterEventError {
  return new MeterEventError(
    "TIMESTAMP_TOO_FAR_IN_PAST",
    `timestamp ${timestamp.toISOString()} falls in a usage period that was already invoiced`,
    field,
  );
}
