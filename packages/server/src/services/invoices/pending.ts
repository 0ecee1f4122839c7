// What subscription changes leave for the next invoice (PendingInvoiceItem rows, docs/concepts/subscriptions.md#proration):
// PRORATION lines as computed at the change, and usage segments at replaced metered prices, whose
// quantity is read when the invoice is made so that late events still count.
import {
  finalizeAggregate,
  segmentSelections,
  selectedPartial,
  toDecimal,
  valuesByKey,
  type Decimal,
  type DimensionSelection,
  type PendingCharges,
  type Period,
  type ProrationLine,
} from "@tally/billing";
import type { Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import type { Meter, Price } from "../../generated/prisma/client.js";
import { priceModelOf, segmentConditionsOf } from "../prices.js";
import { type CombinationUsage, usageStore } from "../../usage-store/index.js";
import type { BillableSubscription } from "./billable.js";

type PendingRow = BillableSubscription["pendingItems"][number];

/** A read of a meter's usage per combination of dimension values, kept for the other prices of one invoice. */
export type CombinationReads = Map<string, Promise<CombinationUsage[]>>;

/**
 * A meter's usage by the subscription's customer over a period: the one usage read of invoices.
 * With a selection (a segmented price's, docs/concepts/prices.md#segments), the usage of the
 * combinations of dimension values it selects; prices of one meter and period share one read.
 */
export async function meteredQuantity(
  db: Db,
  scope: Scope,
  customerId: string,
  meter: Meter,
  period: Period,
  selection: DimensionSelection = {},
  reads: CombinationReads = new Map(),
): Promise<Decimal> {
  const store = usageStore(db, scope);
  const q = { meterId: meter.id, customerId, start: period.start, end: period.end };
  if (!selection.filters?.length && !selection.excluding?.length) return store.usage(q, meter.aggregation);
  const key = `${meter.id}:${period.start.getTime()}:${period.end.getTime()}`;
  if (!reads.has(key)) reads.set(key, store.usageByCombination(q, null));
  const rows = (await reads.get(key)!).map((r) => ({
    values: valuesByKey(meter.dimensionPayloadKeys, r.values),
    partial: r.partial,
  }));
  return finalizeAggregate(selectedPartial(rows, selection), meter.aggregation);
}

/**
 * What each metered price bills among the subscription's prices and `others` (docs/concepts/prices.md#segments):
 * its conditions, or for the one price of a meter without conditions, the remainder.
 */
export function priceSelections(
  subscription: BillableSubscription,
  others: readonly Price[] = [],
): Map<string, DimensionSelection> {
  const prices = new Map<string, Price>();
  for (const price of [...subscription.items.map((item) => item.price), ...others]) prices.set(price.id, price);
  return segmentSelections(
    [...prices.values()].flatMap((p) =>
      p.meterId === null ? [] : [{ priceId: p.id, meterId: p.meterId, conditions: segmentConditionsOf(p) }],
    ),
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
  const reads: CombinationReads = new Map();
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
      quantity: await meteredQuantity(
        db,
        scope,
        subscription.customerId,
        meter,
        period,
        priceSelections(subscription, [row.price]).get(row.priceId),
        reads,
      ),
    });
  }
  return { prorations, segments };
}
