// recordMeterEvent (SPEC §3): one event, validated, stored and counted in one transaction, so it is
// in every summary and preview when the mutation returns (read-your-writes).
import type { Clock, Tenant } from "../../context.js";
import { MeterEventError } from "../../errors.js";
import type { Meter } from "../../generated/prisma/client.js";
import { lockCustomersUsage } from "../usage.js";
import { checkEvents } from "./check.js";
import { insertEvents, type StoredEventRow } from "./insert.js";
import { findInvoiced } from "./invoiced.js";
import type { RecordMeterEventInput } from "./validate.js";

/** A stored event with its meter loaded (the GraphQL MeterEvent's eventName). */
export type RecordedMeterEvent = StoredEventRow & { meter: Meter };

export async function recordMeterEvent(tenant: Tenant, clock: Clock, input: RecordMeterEventInput): Promise<RecordedMeterEvent> {
  const [checked] = await checkEvents(tenant.db, tenant.scope, clock, [input], () => ["input"]);
  if (!checked!.ok) throw checked!.error;
  const { event } = checked!;
  return tenant.db.$transaction(async (tx) => {
    await lockCustomersUsage(tx, [event.customer.id], "shared");
    const [row] = await insertEvents(tx, tenant.scope, [event]);
    if (row) return { ...row, meter: event.meter };
    // Not inserted: in an invoiced period, or the identifier is taken.
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
}

export function alreadyInvoiced(timestamp: Date, field: string[] | null): MeterEventError {
  return new MeterEventError(
    "TIMESTAMP_TOO_FAR_IN_PAST",
    `timestamp ${timestamp.toISOString()} falls in a usage period that was already invoiced`,
    field,
  );
}
