// What a live usage message carries (docs/concepts/customer-sessions.md#live-usage): a customer's
// exact usage of a meter over its current billing period — the period usage alerts count over
// (alerts/evaluate.ts billingPeriods) — and the total of the upcoming invoice of the subscription
// billing that meter, read like any summary and preview (read-your-writes).
import type { Aggregation, Decimal } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { billingStatus } from "../../db/billing-status.js";
import { NotFoundError } from "../../errors.js";
import { usageStore } from "../../usage-store/index.js";
import { billingPeriods } from "../alerts/evaluate.js";
import { previewInvoice } from "../invoices/preview.js";
import { customerNow } from "../time.js";
import { byId } from "../../db/tenant-scope.js";

export interface UsageUpdate {
  customerId: string;
  meterId: string;
  periodStart: Date;
  periodEnd: Date;
  usage: Decimal;
  /** Null when no subscription bills the meter for this customer. */
  upcomingInvoiceTotal: { amount: Decimal; currency: string } | null;
}

export async function periodUsage(
  tenant: Tenant,
  clock: Clock,
  customerId: string,
  meterId: string,
): Promise<UsageUpdate> {
  const [customer, meter, subscription] = await Promise.all([
    tenant.prisma.customer.findUnique({ where: byId(tenant.scope, customerId), include: { testClock: true } }),
    tenant.prisma.meter.findUnique({ where: byId(tenant.scope, meterId), select: { aggregation: true } }),
    // The oldest, as the period's rule (billingPeriods) picks it.
    tenant.prisma.subscription.findFirst({
      where: { customerId, status: billingStatus, items: { some: { price: { meterId } } } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true },
    }),
  ]);
  if (!customer) throw new NotFoundError(`No customer ${customerId}`, ["customerId"], "CUSTOMER_NOT_FOUND");
  if (!meter) throw new NotFoundError(`No meter ${meterId}`, ["meterId"], "METER_NOT_FOUND");
  const now = customerNow(customer, clock);
  const periodOf = await billingPeriods(tenant.sql, tenant.scope, [{ meterId, customerId }], () => now);
  const period = periodOf(meterId, customerId);
  const [usage, preview] = await Promise.all([
    usageStore(tenant.sql, tenant.scope).usage(
      { meterId, customerId, start: period.start, end: period.end },
      meter.aggregation as Aggregation,
    ),
    subscription ? previewInvoice(tenant, subscription.id) : null,
  ]);
  return {
    customerId,
    meterId,
    periodStart: period.start,
    periodEnd: period.end,
    usage,
    upcomingInvoiceTotal: preview && { amount: preview.draft.total, currency: preview.draft.currency },
  };
}
