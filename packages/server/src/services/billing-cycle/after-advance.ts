// What follows a test clock's advance once its catch-up committed, in the same request
// (docs/concepts/time-and-test-clocks.md#advancing-a-clock): the billing thresholds its customers
// reach at the new time without a new event (usage stamped up to it, pending invoice items), then
// the CREDIT_BALANCE alerts and auto-recharges its expiries and period closes made due.
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import type { AlertTrigger } from "../../generated/prisma/client.js";
import { afterCreditChange } from "../credits/after-change.js";
import { billThresholds } from "../thresholds/bill.js";

/** Returns the alert triggers it stored, for the caller to announce. */
export async function afterTestClockAdvance(
  tenant: Tenant,
  clock: Clock,
  testClockId: string,
): Promise<AlertTrigger[]> {
  const customers = await tenant.prisma.customer.findMany({ where: { testClockId }, select: { id: true } });
  const ids = customers.map((c) => c.id);
  await billThresholds(tenant, clock, ids);
  return afterCreditChange(tenant, clock, ids);
}
