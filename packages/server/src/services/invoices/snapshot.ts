// Snapshots: everything the engine's composeInvoice needs, read from the database. The same
// snapshot serves the stored invoice and the preview, so they can never disagree.
import {
  nextPeriod,
  openPeriod,
  prorationFactor,
  type CreditGrantState,
  ZERO,
  toDecimal,
  type Decimal,
  type InvoiceItem,
  type InvoiceSnapshot,
  type LicenseWindow,
  type Period,
  type SegmentCondition,
  type UsageWindow,
} from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import { loadGrantStates } from "../credits/grant-state.js";
import { readCustomerBalance } from "../customer-balance/read.js";
import { lockCustomerBalance } from "../../db/locks.js";
import { intervalOf, priceModelOf, scheduleOf, segmentConditionsOf } from "../prices.js";
import { adjustmentsOf } from "./adjustments.js";
import type { BillableSubscription } from "./billable.js";
import { type CombinationReads, meteredQuantity, pendingCharges, priceSelections } from "./pending.js";
import { billedUsageStart } from "./usage-start.js";
import type { Db } from "../../db/transaction.js";

/** A segmented price's lines name its segment (docs/concepts/invoices.md#segmented-usage). */
function describeItem(product: string, conditions: readonly SegmentCondition[]): string {
  return conditions.length === 0
    ? product
    : `${product} (${conditions.map((c) => `${c.dimension}: ${c.value}`).join(", ")})`;
}

function invoiceItems(subscription: BillableSubscription): InvoiceItem[] {
  return subscription.items.map((item) => ({
    itemId: item.id,
    priceId: item.priceId,
    description: describeItem(item.price.product.name, segmentConditionsOf(item.price)),
    usageType: item.price.usageType,
    model: priceModelOf(item.price),
    // Licensed quantities are integers (an Int column); metered items have none and ignore it.
    quantity: item.quantity ?? 0,
  }));
}

interface SnapshotOptions {
  /**
   * Finalization: lock the customer's grants read for the invoice until the transaction ends
   * (credits/grant-state.ts), so the applications stored are computed on current balances, and
   * the one-off items it takes (invoices/pending.ts), so each is billed once and as read.
   * Previews read without locks.
   */
  lock?: boolean;
}

/** The customer's grants in the invoice's currency; the engine picks those that apply at its time. */
function creditGrants(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  options: SnapshotOptions,
): Promise<CreditGrantState[]> {
  return loadGrantStates(db, scope, {
    customerId: subscription.customerId,
    currency: subscription.currency,
    lock: options.lock,
  });
}

/**
 * The customer's balance in the invoice's currency, applied after credits (docs/concepts/customer-balance.md#on-invoices);
 * locked like the grants when the invoice is to be stored, and read after them (db/locks.ts order).
 */
async function customerBalance(
  db: Db,
  scope: Scope,
  subscription: Pick<BillableSubscription, "customerId" | "currency">,
  options: SnapshotOptions,
): Promise<Decimal> {
  const { customerId, currency } = subscription;
  if (options.lock) return toDecimal(await lockCustomerBalance(db, scope, customerId, currency));
  return readCustomerBalance(db, scope, customerId, currency);
}

function base(subscription: BillableSubscription, at: Date, grants: CreditGrantState[]) {
  return {
    currency: subscription.currency,
    billingMode: subscription.billingMode,
    at,
    items: invoiceItems(subscription),
    grants,
    // Discounts and tax rates in force at the invoice's time (docs/concepts/discounts.md#the-order-of-the-steps).
    ...adjustmentsOf(subscription, at),
  };
}

function licenseWindow(subscription: BillableSubscription, period: Period): LicenseWindow {
  // The trial is the period that ends at trialEnd; it spans any number of intervals and is free.
  if (subscription.trialEnd !== null && period.end <= subscription.trialEnd) {
    return { period, prorationFactor: ZERO, trial: true };
  }
  return {
    period,
    prorationFactor: prorationFactor(period, intervalOf(subscription), subscription.billingCycleAnchor),
  };
}

/**
 * Each metered item's usage over [period.start, period.end), exact (rollups plus edge events); an
 * item whose price started inside the period (docs/concepts/subscriptions.md#metered-items-and-changes) from that instant,
 * and none before the trial's end (docs/concepts/subscriptions.md#trials).
 */
async function usageWindow(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  period: Period,
  // Reads sent together cost one round trip on a plain SQL transaction's pipelining connection
  // (db/adapter.ts); only without locks, whose order matters.
  options: { concurrent?: boolean } = {},
): Promise<UsageWindow> {
  const quantities = new Map<string, Decimal>();
  const starts = new Map<string, Date>();
  const selections = priceSelections(subscription);
  const reads: CombinationReads = new Map();
  const pending: Array<Promise<void>> = [];
  for (const item of subscription.items) {
    const meter = item.price.meter;
    if (item.price.usageType !== "METERED" || meter === null) continue;
    const start = billedUsageStart(subscription, item, period);
    if (start > period.start) starts.set(item.id, start);
    if (start >= period.end) continue;
    const own = { start, end: period.end };
    const read = meteredQuantity(
      db,
      scope,
      subscription.customerId,
      meter,
      own,
      selections.get(item.priceId),
      reads,
    ).then((quantity) => void quantities.set(item.id, quantity));
    if (options.concurrent) pending.push(read);
    else await read;
  }
  const billed = thresholdBilled(db, scope, subscription.id, period.start);
  await Promise.all(pending);
  // Insertion order of the items, whatever order the concurrent reads answered in.
  const ordered = new Map(
    subscription.items.flatMap((item) => (quantities.has(item.id) ? [[item.id, quantities.get(item.id)!]] : [])),
  );
  return { period, quantities: ordered, starts, billed: await billed };
}

/** Each item's quantity of the period starting at `periodStart` already invoiced by threshold invoices (docs/concepts/subscriptions.md#billing-thresholds). */
async function thresholdBilled(db: Db, scope: Scope, subscriptionId: string, periodStart: Date) {
  const rows = await db.$queryRaw<Array<{ itemId: string; quantity: string }>>`
    SELECT "itemId", "quantity"::text AS "quantity" FROM "ThresholdBilledUsage"
    WHERE "subscriptionId" = ${subscriptionId} AND "periodStart" = ${periodStart} AND ${scopeClause(scope)}`;
  return new Map(rows.map((row) => [row.itemId, toDecimal(row.quantity)]));
}

/**
 * A threshold invoice (docs/concepts/subscriptions.md#billing-thresholds): the usage of the current
 * period up to `now` not yet invoiced, and the pending charges, read under the finalization's locks.
 * `throughNow`: the events stamped at now count (they are what crossed; timestamps are whole
 * milliseconds), except when the threshold resets the cycle at now, where they open the new period.
 */
export async function thresholdSnapshot(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  now: Date,
  throughNow = true,
): Promise<InvoiceSnapshot> {
  const { start } = openPeriod(scheduleOf(subscription));
  const end = throughNow ? new Date(now.getTime() + 1) : now;
  const usage = await usageWindow(db, scope, subscription, { start, end });
  const grants = await creditGrants(db, scope, subscription, { lock: true });
  return {
    ...base(subscription, now, grants),
    customerBalance: await customerBalance(db, scope, subscription, { lock: true }),
    kind: "FINAL",
    usage: { ...usage, period: { start, end: now } },
    pending: await pendingCharges(db, scope, subscription, { lock: true }),
  };
}

/**
 * The first invoice: licensed items for the subscription's first period (its current one at
 * creation). Credits pay usage only, and a first invoice has none to pay (at most CLASSIC's zero
 * usage lines), so it reads no grants; the customer balance applies to it. Made only to be stored.
 */
export async function firstInvoiceSnapshot(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  at: Date,
): Promise<InvoiceSnapshot> {
  return {
    ...base(subscription, at, []),
    customerBalance: await customerBalance(db, scope, subscription, { lock: true }),
    kind: "FIRST",
    license: licenseWindow(subscription, openPeriod(scheduleOf(subscription))),
  };
}

/**
 * The invoice at the end of the current period, as of that end: its usage, plus licensed items for
 * the next period unless the subscription is set to cancel there.
 */
export async function periodEndSnapshot(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  options: SnapshotOptions = {},
): Promise<InvoiceSnapshot> {
  const schedule = scheduleOf(subscription);
  const period = openPeriod(schedule);
  // A preview locks nothing, so its reads go out at once; a finalization takes its locks one after
  // another, in db/locks.ts's order.
  const [usage, grants, balance, pending] = options.lock
    ? [
        await usageWindow(db, scope, subscription, period, { concurrent: false }),
        await creditGrants(db, scope, subscription, options),
        await customerBalance(db, scope, subscription, options),
        await pendingCharges(db, scope, subscription, options),
      ]
    : await Promise.all([
        usageWindow(db, scope, subscription, period, { concurrent: true }),
        creditGrants(db, scope, subscription, options),
        customerBalance(db, scope, subscription, options),
        pendingCharges(db, scope, subscription, options),
      ]);
  const common = { ...base(subscription, period.end, grants), customerBalance: balance, pending };
  if (subscription.cancelAtPeriodEnd) return { ...common, kind: "PERIOD_END", usage };
  return { ...common, kind: "PERIOD_END", usage, license: licenseWindow(subscription, nextPeriod(schedule)) };
}

/**
 * The final invoice of a cancellation at `now`: the usage of the current period cut short at now,
 * [start, now), half-open like every period, so an event stamped at now belongs to what follows
 * the cancellation (e.g. a subscription starting then), as one stamped at a period end belongs to
 * the next period.
 */
export async function finalSnapshot(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  now: Date,
): Promise<InvoiceSnapshot> {
  const { start } = openPeriod(scheduleOf(subscription));
  const usage = await usageWindow(db, scope, subscription, { start, end: now });
  // A final invoice is only ever made to be stored: its grants are locked like any finalization's.
  const grants = await creditGrants(db, scope, subscription, { lock: true });
  return {
    ...base(subscription, now, grants),
    customerBalance: await customerBalance(db, scope, subscription, { lock: true }),
    kind: "FINAL",
    usage,
    pending: await pendingCharges(db, scope, subscription, { lock: true }),
  };
}

/**
 * The invoice of a change invoiced at once (ALWAYS_INVOICE): the pending charges only, for the
 * current period, at `now`. Made only to be stored, so its grants are locked.
 */
export async function updateSnapshot(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  now: Date,
  options: SnapshotOptions = { lock: true },
): Promise<InvoiceSnapshot> {
  const grants = await creditGrants(db, scope, subscription, options);
  return {
    ...base(subscription, now, grants),
    customerBalance: await customerBalance(db, scope, subscription, options),
    kind: "UPDATE",
    period: openPeriod(scheduleOf(subscription)),
    pending: await pendingCharges(db, scope, subscription, options),
  };
}

/**
 * The invoice of a billing cycle reset at `at` (billingCycleAnchor NOW), read after the reset is
 * stored: the usage of the cut period [endedStart, at), the pending charges, and the licensed items
 * for the new full period. Made only to be stored, so its grants are locked.
 */
export async function anchorResetSnapshot(
  db: Db,
  scope: Scope,
  subscription: BillableSubscription,
  endedStart: Date,
): Promise<InvoiceSnapshot> {
  const period = openPeriod(scheduleOf(subscription));
  const usage = await usageWindow(db, scope, subscription, { start: endedStart, end: period.start });
  const grants = await creditGrants(db, scope, subscription, { lock: true });
  return {
    ...base(subscription, period.start, grants),
    customerBalance: await customerBalance(db, scope, subscription, { lock: true }),
    kind: "PERIOD_END",
    usage,
    license: licenseWindow(subscription, period),
    pending: await pendingCharges(db, scope, subscription, { lock: true }),
  };
}
