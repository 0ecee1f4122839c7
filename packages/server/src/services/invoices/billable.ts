// A subscription with everything an invoice needs: its customer (and test clock), its items in
// order, each item's price with product and meter, and what changes left for its next invoice.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Tx } from "../../db/transaction.js";
import { byId, type Scope } from "../../db/tenant-scope.js";

/** Discounts in the order they apply, with their coupons (invoices/adjustments.ts). */
const discountsInOrder = { orderBy: { seq: "asc" }, include: { coupon: true } } as const;
/** Tax rates (through their join rows) in the order they were created. */
const ratesInOrder = { orderBy: { taxRate: { createdAt: "asc" } }, include: { taxRate: true } } as const;

/**
 * Pending items stored as the lines they become, each claimed by the first invoice of its customer
 * (and subscription, when tied) that takes it: one-off items and captured holds (docs/concepts/credits.md#holds).
 */
export const CUSTOMER_ITEM_KINDS = ["INVOICE_ITEM", "CREDIT_HOLD_CAPTURE"] as const;

export const billableInclude = {
  customer: { include: { testClock: true, discounts: discountsInOrder, defaultTaxRates: ratesInOrder } },
  items: {
    orderBy: { position: "asc" },
    include: { price: { include: { product: true, meter: true } }, taxRates: ratesInOrder },
  },
  discounts: discountsInOrder,
  defaultTaxRates: ratesInOrder,
  // What changes left for the next invoice (invoices/pending.ts); the customer's items are read there, locked.
  pendingItems: {
    where: { invoiceId: null, kind: { notIn: [...CUSTOMER_ITEM_KINDS] } },
    orderBy: { seq: "asc" },
    include: { price: { include: { meter: true } } },
  },
} as const satisfies Prisma.SubscriptionInclude;

export type BillableSubscription = Prisma.SubscriptionGetPayload<{ include: typeof billableInclude }>;

/** Reads a subscription for billing (through a tenant-scoped client or transaction). */
export function loadBillable(
  db: Pick<Tx, "subscription">,
  scope: Scope,
  id: string,
): Promise<BillableSubscription | null> {
  return db.subscription.findUnique({ where: byId(scope, id), include: billableInclude });
}

/** loadBillable for several subscriptions (a batch of period closes): the same reads, once for all. */
export function loadBillables(db: Pick<Tx, "subscription">, ids: readonly string[]): Promise<BillableSubscription[]> {
  return db.subscription.findMany({
    where: { id: { in: [...ids] } },
    include: billableInclude,
    orderBy: { id: "asc" },
  });
}
