// What follows a change of a customer's available credit made without meter events, once it
// committed, in the same request (docs/concepts/credits.md#available-balance): a credit hold's
// creation or capture, a grant's void, a grant's expiry on the wall clock or a test clock's
// advance. The CREDIT_BALANCE alerts the lower balance crossed (docs/concepts/alerts.md#alert-types),
// then the auto-recharge it made due.
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { billingStatus } from "../../db/billing-status.js";
import type { AlertTrigger } from "../../generated/prisma/client.js";
import { evaluateCreditBalanceAlerts } from "../alerts/evaluate.js";
import { rechargeCrossed } from "../credit-purchases/auto-recharge.js";
import { billableInclude } from "../invoices/billable.js";
import { byId } from "../../db/tenant-scope.js";

/** Returns the alert triggers it stored, for the caller to announce. */
export async function afterCreditChange(
  tenant: Tenant,
  clock: Clock,
  customerIds: readonly string[],
): Promise<AlertTrigger[]> {
  const triggers: AlertTrigger[] = [];
  for (const customerId of new Set(customerIds)) {
    const stored = await tenant.prisma.$transaction(async (tx) => {
      const customer = await tx.customer.findUnique({
        where: byId(tenant.scope, customerId),
        include: { testClock: true },
      });
      if (!customer) return [];
      return evaluateCreditBalanceAlerts(tx, tenant.scope, clock, customer, () =>
        tx.subscription.findMany({
          where: { customerId, status: billingStatus },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
          include: billableInclude,
        }),
      );
    });
    triggers.push(...stored);
  }
  await rechargeCrossed(tenant, clock, [...new Set(customerIds)]);
  return triggers;
}
