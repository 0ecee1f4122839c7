// Which subscriptions bill (docs/concepts/subscriptions.md#trials): a trialing subscription has
// periods, invoices and counted usage like an active one; only a canceled one has none.
import { Prisma, type SubscriptionStatus } from "../generated/prisma/client.js";

const BILLING: readonly SubscriptionStatus[] = ["TRIALING", "ACTIVE"];

export function isBilling(status: SubscriptionStatus): boolean {
  return BILLING.includes(status);
}

/** The statuses as a Prisma filter: `where: { status: billingStatus }`. */
export const billingStatus = { in: [...BILLING] } satisfies Prisma.EnumSubscriptionStatusFilter;

/** The same rule for raw SQL: `s."status" IN (${billingStatusSql})`. */
export const billingStatusSql = Prisma.join(BILLING.map((status) => Prisma.sql`${status}::"SubscriptionStatus"`));
