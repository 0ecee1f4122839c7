// recordMeterEvent (SPEC §3): one event, validated, stored and counted in one transaction, so it is
// in every summary and preview when the mutation returns (read-your-writes).
import type { Clock, Tenant } from "../../context.js";
import { withDirectSql } from "../../db/direct-sql.js";
import { MeterEventError } from "../../errors.js";
import type { Meter } from "../../generated/prisma/client.js";
import { evaluateUsageAlerts, type AlertsTriggeredListener } from "../alerts/evaluate.js";
import { lockCustomersUsage } from "../usage.js";
import { checkEvents } from "./check.js";
import { insertEvents, type InsertOutcome, type StoredEventRow } from "./insert.js";
import { findInvoiced } from "./invoiced.js";
import { alertsWatchAny } from "./lookup.js";
import { meterInactive, type RecordMeterEventInput } from "./validate.js";

/** A stored event with its meter loaded (the GraphQL MeterEvent's eventName). */
export type RecordedMeterEvent = StoredEventRow & { meter: Meter };

/** `onAlertsTriggered` hears the usage alerts this event fired, once they are committed. */
export async function recordMeterEvent(
  tenant: Tenant,
  clock: Clock,
  input: RecordMeterEventInput,
  onAlertsTriggered: AlertsTriggeredListener = () => {},
): Promise<RecordedMeterEvent> {
  const [checked] = await checkEvents(tenant.db, tenant.scope, clock, [input], () => ["input"]);
  if (!checked!.ok) throw checked!.error;
  const { event } = checked!;
  const { recorded, triggers } = await withDirectSql(tenant.db, async (tx, sql) => {
    await lockCustomersUsage(sql, [event.customer.id], "shared");
    const [{ row, meter }] = (await insertEvents(sql, tenant.scope, [event])) as [InsertOutcome];
    if (row) {
      const watched = await alertsWatchAny(sql, tenant.scope, [meter.id]);
      return { recorded: { ...row, meter }, triggers: watched ? await evaluateUsageAlerts(tx, tenant.scope, clock, [event]) : [] };
    }
    // Not inserted: the meter was deactivated, the event is in an invoiced period, or the identifier is taken.
    if (meter.status !== "ACTIVE") throw meterInactive(event.meter.eventName, ["input", "eventName"]);
    const invoiced = await findInvoiced(tx, tenant.scope, [{ customerId: event.customer.id, meterId: event.meter.id, timestamp: event.timestamp }]);
    if (invoiced.size > 0) throw alreadyInvoiced(event.timestamp, ["input", "timestamp"]);
    const existing = await tx.meterEvent.findUniqueOrThrow({
      where: { accountId_mode_identifier: { ...tenant.scope, identifier: event.identifier } },
      include: { meter: true },
    });
    throw new MeterEventError(
      "DUPLICATE_EVENT",
      `An event with the identifier ${event.identifier} was already recorded; this one is not counted`,
      ["input", "identifier"],
      existing,
    );
  });
  onAlertsTriggered(triggers);
  return recorded;
}

export function alreadyInvoiced(timestamp: Date, field: string[] | null): MeterEventError {
  return new MeterEventError(
    "TIMESTAMP_TOO_FAR_IN_PAST",
    `timestamp ${timestamp.toISOString()} falls in a usage period that was already invoiced`,
    field,
  );
}
