// What waits for the next invoice (PendingInvoiceItem rows): what subscription changes left
// (docs/concepts/subscriptions.md#proration), PRORATION lines as computed at the change and usage
// segments at replaced metered prices, whose quantity is read when the invoice is made so that late
// events still count; and one-off invoice items (docs/concepts/invoices.md#one-off-invoice-items),
// read and locked here so each lands on exactly one invoice.
import {
  finalizeAggregate,
  segmentSelections,
  selectedPartial,
  toDecimal,
  valuesByKey,
  ZERO,
  type Decimal,
  type DimensionSelection,
  type InvoiceLine,
  type PendingCharges,
  type Period,
  type ProrationLine,
} from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { Prisma, type Meter, type Price } from "../../generated/prisma/client.js";
import { priceModelOf, segmentConditionsOf } from "../prices.js";
import { type CombinationUsage, usageStore } from "../../usage-store/index.js";
import { type BillableSubscription, CUSTOMER_ITEM_KINDS } from "./billable.js";

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
  if (isWholeMeter(selection)) return store.usage(q, meter.aggregation);
  const key = `${meter.id}:${period.start.getTime()}:${period.end.getTime()}`;
  if (!reads.has(key)) reads.set(key, store.usageByCombination(q, null, meter.aggregation));
  const rows = (await reads.get(key)!).map((r) => ({
    values: valuesByKey(meter.dimensionPayloadKeys, r.values),
    partial: r.partial,
  }));
  return finalizeAggregate(selectedPartial(rows, selection), meter.aggregation);
}

/** A selection of every event of its meter (an unsegmented price alone on it): billed as the meter's plain usage. */
export function isWholeMeter(selection: DimensionSelection = {}): boolean {
  return !selection.filters?.length && !selection.excluding?.length;
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
    itemId: row.subscriptionItemId!,
    priceId: row.priceId!,
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

/** Which one-off items an invoice takes: its customer's, in its currency, and where they stand. */
export type InvoiceItemSelection =
  /** Still pending: a subscription's (with the customer's not tied to any) or, with null, only untied ones. */
  | { pendingFor: { customerId: string; currency: string; subscriptionId: string | null } }
  /** Those a DRAFT holds. */
  | { invoiceId: string };

interface InvoiceItemRow {
  id: string;
  kind: (typeof CUSTOMER_ITEM_KINDS)[number];
  priceId: string | null;
  description: string;
  quantity: unknown;
  unitAmount: unknown;
  amount: unknown;
  periodStart: Date;
  periodEnd: Date;
}

/**
 * One-off items as INVOICE_ITEM lines and captured holds as CREDIT_HOLD_CAPTURE lines, in creation order. With `lock` the rows stay locked
 * (`FOR UPDATE`) until the transaction ends: a concurrent invoice waits and then no longer finds
 * them pending, and an edit or deletion waits for the invoice (db/locks.ts has the order).
 */
export async function invoiceItemLines(
  db: Db,
  scope: Scope,
  selection: InvoiceItemSelection,
  options: { lock?: boolean } = {},
): Promise<InvoiceLine[]> {
  if ("pendingFor" in selection) {
    const { pendingFor } = selection;
    return (await pendingItemLines(db, scope, [pendingFor], options)).get(pendingFor.subscriptionId ?? "")!;
  }
  const rows = await db.$queryRaw<InvoiceItemRow[]>`
    SELECT "id", "kind"::text AS "kind", "priceId", "description", "quantity", "unitAmount", "amount", "periodStart", "periodEnd"
    FROM "PendingInvoiceItem"
    WHERE ${scopeClause(scope)} AND "kind"::text IN (${Prisma.join([...CUSTOMER_ITEM_KINDS])}) AND "invoiceId" = ${selection.invoiceId}
    ORDER BY "seq"
    ${options.lock ? Prisma.sql`FOR UPDATE` : Prisma.empty}`;
  return rows.map(itemLine);
}

type PendingFor = Extract<InvoiceItemSelection, { pendingFor: unknown }>["pendingFor"];

/**
 * The pending one-off items each of several invoices takes (a batch of period closes, one per
 * customer), as invoiceItemLines, in one statement: by subscription id ("" for null).
 */
export async function pendingItemLines(
  db: Db,
  scope: Scope,
  invoices: readonly PendingFor[],
  options: { lock?: boolean } = {},
): Promise<Map<string, InvoiceLine[]>> {
  const rows = await db.$queryRaw<Array<InvoiceItemRow & { for: string | null }>>`
    SELECT p."id", p."kind"::text AS "kind", p."priceId", p."description", p."quantity", p."unitAmount", p."amount", p."periodStart", p."periodEnd",
           f."subscriptionId" AS "for"
    FROM "PendingInvoiceItem" p
    JOIN unnest(${invoices.map((i) => i.customerId)}::text[], ${invoices.map((i) => i.currency)}::text[],
                ${invoices.map((i) => i.subscriptionId)}::text[]) AS f("customerId", "currency", "subscriptionId")
      ON p."customerId" = f."customerId" AND p."currency" = f."currency"
        AND (p."subscriptionId" IS NULL OR p."subscriptionId" = f."subscriptionId")
    WHERE ${scopeClause(scope, "p")} AND p."kind"::text IN (${Prisma.join([...CUSTOMER_ITEM_KINDS])}) AND p."invoiceId" IS NULL
    ORDER BY p."seq"
    ${options.lock ? Prisma.sql`FOR UPDATE OF p` : Prisma.empty}`;
  const lines = new Map<string, InvoiceLine[]>(invoices.map((i) => [i.subscriptionId ?? "", []]));
  for (const row of rows) lines.get(row.for ?? "")!.push(itemLine(row));
  return lines;
}

function itemLine(row: InvoiceItemRow): InvoiceLine {
  return {
    kind: row.kind,
    itemId: row.id,
    priceId: row.priceId,
    description: row.description,
    tier: null,
    quantity: toDecimal(String(row.quantity)),
    unitAmount: toDecimal(String(row.unitAmount)),
    flatAmount: ZERO,
    amount: toDecimal(String(row.amount)),
    periodStart: new Date(row.periodStart),
    periodEnd: new Date(row.periodEnd),
  };
}

/**
 * The subscription's pending charges not invoiced yet, in the order they were made, with the
 * one-off items it takes (its own and the customer's untied ones in its currency; given when
 * read already, by pendingItemLines); `lock` as in invoiceItemLines, for invoices made to be stored.
 */
export async function pendingCharges(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  options: { lock?: boolean; invoiceItems?: InvoiceLine[] } = {},
): Promise<PendingCharges> {
  const prorations: ProrationLine[] = [];
  const segments: PendingCharges["segments"][number][] = [];
  const reads: CombinationReads = new Map();
  for (const row of subscription.pendingItems) {
    if (row.kind === "PRORATION") {
      prorations.push(prorationLine(row));
      continue;
    }
    const meter = row.price?.meter ?? null;
    if (row.price === null || meter === null) throw new Error(`Pending usage ${row.id} has a price without a meter`);
    const period = { start: row.periodStart, end: row.periodEnd };
    segments.push({
      item: {
        itemId: row.subscriptionItemId!,
        priceId: row.price.id,
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
        priceSelections(subscription, [row.price]).get(row.price.id),
        reads,
      ),
    });
  }
  const pendingFor = {
    customerId: subscription.customerId,
    currency: subscription.currency,
    subscriptionId: subscription.id,
  };
  const invoiceItems = options.invoiceItems ?? (await invoiceItemLines(db, scope, { pendingFor }, options));
  return { prorations, segments, invoiceItems };
}
