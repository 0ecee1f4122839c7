// cancelMeterEvent (docs/concepts/meter-events.md#cancelling-an-event): the event stops counting. Allowed within 24 h of its receipt (in the
// customer's time, so test clocks apply) and only while its usage period has not been invoiced.
// Cancelling a cancelled event again returns it unchanged (idempotent, like recording).
import type { Tenant } from "../../context.js";
import type { Clock } from "../../clock.js";
import { MeterEventError } from "../../errors.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { customerNow } from "../time.js";
import { alreadyInvoicedError, findInvoiced } from "./invoiced.js";
import type { RecordedMeterEvent } from "./record.js";
import { recomputeHour } from "./rollup.js";

const CANCEL_WINDOW_MS = 24 * 3_600_000;

export async function cancelMeterEvent(
  tenant: Tenant,
  clock: Clock,
  input: { eventName: string; identifier: string },
): Promise<RecordedMeterEvent> {
  const notFound = () =>
    new MeterEventError("EVENT_NOT_FOUND", `No event ${input.identifier} of the meter ${input.eventName}`, [
      "input",
      "identifier",
    ]);
  const where = { accountId_mode_identifier: { ...tenant.scope, identifier: input.identifier } };
  const found = await tenant.prisma.meterEvent.findUnique({
    where,
    select: { customerId: true, meter: { select: { eventName: true } } },
  });
  if (!found || found.meter.eventName !== input.eventName) throw notFound();

  return tenant.prisma.$transaction(async (tx) => {
    // Exclusive: no ingest or invoice finalization for this customer until we commit.
    await lockCustomersUsage(tx, [found.customerId], "exclusive");
    const event = await tx.meterEvent.findUniqueOrThrow({
      where,
      include: { meter: true, customer: { include: { testClock: true } } },
    });
    const { customer, ...recorded } = event;
    if (event.canceledAt) return recorded;
    const now = customerNow(customer, clock);
    if (now.getTime() - event.createdAt.getTime() > CANCEL_WINDOW_MS) {
      throw new MeterEventError(
        "CANCEL_WINDOW_EXPIRED",
        `Events can be cancelled within 24 hours of their receipt; this one was received at ${event.createdAt.toISOString()}`,
        ["input", "identifier"],
      );
    }
    const invoiced = await findInvoiced(tx, tenant.scope, [
      { customerId: event.customerId, meterId: event.meterId, timestamp: event.timestamp },
    ]);
    if (invoiced.size > 0) throw alreadyInvoicedError(event.timestamp, ["input", "identifier"]);
    const canceled = await tx.meterEvent.update({ where: { seq: event.seq }, data: { canceledAt: now } });
    await recomputeHour(tx, tenant.scope, {
      meterId: event.meterId,
      customerId: event.customerId,
      at: event.timestamp,
    });
    return { ...canceled, meter: event.meter };
  });
}
