// What subscription changes leave for the next invoice (PendingInvoiceItem rows, docs/concepts/subscriptions.md#proration):
// PRORATION lines as computed at the change, and usage segments at replaced metered prices, whose
// quantity is read when the invoice is made so that late events still count.
import { toDecimal, type Decimal, type PendingCharges, type Period, type ProrationLine } from "@tally/billing";
import type { Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import type { Meter } from "../../generated/prisma/client.js";
import { priceModelOf } from "../prices.js";
import { usageStore } from "../../usage-store/index.js";
import type { BillableSubscription } from "./billable.js";

type PendingRow = BillableSubscription["pendingItems"][number];

/** A meter's usage by the subscription's customer over a period: the one usage read of invoices. */
export function meteredQuantity(
  db: Db,
  scope: Scope,
  customerId: string,
  meter: Meter,
  period: Period,
): Promise<Decimal> {
  return usageStore(db, scope).usage(
    { meterId: meter.id, customerId, start: period.start, end: period.end },
    meter.aggregation,
  );
}

function prorationLine(row: PendingRow): ProrationLine {
  return {
    kind: "PRORATION",
    itemId: row.subscriptionItemId,
    priceId: row.priceId,
    description: row.description,
    tier: row.tier,
    quantity: toDecimal(String(row.quantity)),
    unitAmount: toDecimal(String(row.unitAmount)),
    flatAmount: toDecimal(String(row.flatAmount)),
    amount: toDecimal(String(row.amount)),
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
  };
}

/** The subscription's pending charges not invoiced yet, in the order they were made. */
export async function pendingCharges(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
): Promise<PendingCharges> {
  const prorations: ProrationLine[] = [];
  const segments: PendingCharges["segments"][number][] = [];
  for (const row of subscription.pendingItems) {
    if (row.kind === "PRORATION") {
      prorations.push(prorationLine(row));
      continue;
    }
    const meter = row.price.meter;
    if (meter === null) throw new Error(`Pending usage ${row.id} has a price without a meter`);
    const period = { start: row.periodStart, end: row.periodEnd };
    segments.push({
      item: {
        itemId: row.subscriptionItemId,
        priceId: row.priceId,
        description: row.description,
        usageType: "METERED",
        model: priceModelOf(row.price),
        quantity: 0,
      },
      period,
      quantity: await meteredQuantity(db, scope, subscription.customerId, meter, period),
    });
  }
  return { prorations, segments };
}
