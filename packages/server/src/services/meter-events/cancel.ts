// cancelMeterEvent (docs/concepts/meter-events.md#cancelling-an-event): the event stops counting,
// if settled.ts allows it (the cancel window, the already-invoiced rule). Cancelling a cancelled
// event again returns it unchanged (idempotent, like recording).
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { usageStore } from "../../usage-store/index.js";
import { customerNow } from "../time.js";
import { eventNotFound } from "./errors.js";
import type { RecordedMeterEvent } from "./ingest.js";
import { customersById } from "./lookup.js";
import { cancelWindowError, invoicedRefusals } from "./settled.js";

const FIELD = ["input", "identifier"];

export async function cancelMeterEvent(
  tenant: Tenant,
  clock: Clock,
  input: { eventName: string; identifier: string },
): Promise<RecordedMeterEvent> {
  const found = await usageStore(tenant.sql, tenant.scope).eventByIdentifier(input.identifier);
  if (!found || found.meter.eventName !== input.eventName)
    throw eventNotFound(input.eventName, input.identifier, FIELD);

  return tenant.transaction(async (sql) => {
    // Exclusive: no ingest or invoice finalization for this customer until we commit.
    await lockCustomersUsage(sql, [found.customerId], "exclusive");
    const store = usageStore(sql, tenant.scope);
    const [event, customers] = await Promise.all([
      store.eventByIdentifier(input.identifier),
      customersById(sql, tenant.scope, [found.customerId]),
    ]);
    if (event!.canceledAt) return event!;
    const now = customerNow(customers.get(found.customerId)!, clock);
    const expired = cancelWindowError(event!.createdAt, now, FIELD);
    if (expired) throw expired;
    const at = { meter: { id: event!.meterId }, customer: { id: event!.customerId }, timestamp: event!.timestamp };
    const invoiced = (await invoicedRefusals(store, [at], [0], () => FIELD)).get(0);
    if (invoiced) throw invoiced;
    const { meter, ...stored } = event!;
    return { ...(await store.cancelEvent(stored, now)), meter };
  });
}
