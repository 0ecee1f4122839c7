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
  type InvoiceLine,
  type InvoiceSnapshot,
  type LicenseWindow,
  type Period,
  type SegmentCondition,
  type UsageWindow,
} from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import { loadCustomersGrantStates, loadGrantStates } from "../credits/grant-state.js";
import { balanceKey, readCustomerBalance, readCustomerBalances } from "../customer-balance/read.js";
import { lockCustomerBalance, lockCustomerBalances } from "../../db/locks.js";
import { intervalOf, priceModelOf, scheduleOf, segmentConditionsOf } from "../prices.js";
import { adjustmentsOf } from "./adjustments.js";
import type { BillableSubscription } from "./billable.js";
import {
  type CombinationReads,
  isWholeMeter,
  meteredQuantity,
  pendingCharges,
  pendingItemLines,
  priceSelections,
} from "./pending.js";
import { billedUsageStart } from "./usage-start.js";
import type { Db } from "../../db/transaction.js";
import { usageStore } from "../../usage-store/index.js";

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

/** What a locked period-end snapshot reads, but segmented usage, read for a batch of closes at once (periodEndReads). */
export interface PeriodEndReads {
  grants: CreditGrantState[];
  customerBalance: Decimal;
  invoiceItems: InvoiceLine[];
  thresholdBilled: Map<string, Decimal>;
  /** The plain usage of its metered items' windows (usageKey), read for the whole batch in one statement. */
  usage: Map<string, Decimal>;
}

/** The key of a customer's usage of a meter over a window, in PeriodEndReads.usage. */
const usageKey = (meterId: string, customerId: string, window: Period) =>
  `${meterId}:${customerId}:${window.start.getTime()}:${window.end.getTime()}`;

/**
 * The subscription's metered items with a meter, each with where its billed usage starts in the
 * period (billedUsageStart) and its price's selection of the meter's usage.
 */
function meteredItems(subscription: BillableSubscription, period: Period) {
  const selections = priceSelections(subscription);
  return subscription.items.flatMap((item) => {
    const meter = item.price.meter;
    if (item.price.usageType !== "METERED" || meter === null) return [];
    const start = billedUsageStart(subscription, item, period);
    return [{ item, meter, start, selection: selections.get(item.priceId) }];
  });
}

/** The unsegmented usage windows of the subscriptions' period ends, read in as few statements as the store can. */
async function periodEndUsage(
  db: Db,
  scope: Scope,
  subscriptions: readonly BillableSubscription[],
): Promise<Map<string, Decimal>> {
  const queries = subscriptions.flatMap((subscription) => {
    const period = openPeriod(scheduleOf(subscription));
    return meteredItems(subscription, period).flatMap(({ meter, start, selection }) =>
      start < period.end && isWholeMeter(selection)
        ? [
            {
              meterId: meter.id,
              customerId: subscription.customerId,
              start,
              end: period.end,
              aggregation: meter.aggregation,
            },
          ]
        : [],
    );
  });
  const values = await usageStore(db, scope).usages(queries);
  return new Map(queries.map((q, i) => [usageKey(q.meterId, q.customerId, q), values[i]!]));
}

/**
 * periodEndSnapshot's reads for several subscriptions of different customers (a batch of period
 * closes, or the previews of a spend cap's check), each kind in one statement for all, by
 * subscription id: with `lock` (the default) the locked ones one after another in the order of
 * db/locks.ts (every grant, then every balance, then every one-off item), then the threshold-billed
 * quantities and the unsegmented usage (periodEndUsage); without, all at once. The grants are read
 * in every currency and given in the invoice's.
 */
export async function periodEndReads(
  db: Db,
  scope: Scope,
  subscriptions: readonly BillableSubscription[],
  options: { lock: boolean } = { lock: true },
): Promise<Map<string, PeriodEndReads>> {
  const customerIds = subscriptions.map((s) => s.customerId);
  const balanceKeys = subscriptions.map((s) => ({ customerId: s.customerId, currency: s.currency }));
  const invoices = subscriptions.map((s) => ({ customerId: s.customerId, currency: s.currency, subscriptionId: s.id }));
  const periods = subscriptions.map((s) => ({ subscriptionId: s.id, periodStart: openPeriod(scheduleOf(s)).start }));
  const [grants, balances, items, billed, usage] = options.lock
    ? [
        await loadCustomersGrantStates(db, scope, { customerIds, lock: true }),
        // One currency per customer in a batch of closes: its locked balances come by customer.
        await lockCustomerBalances(db, scope, balanceKeys).then(
          (locked) => new Map(balanceKeys.map((k) => [balanceKey(k), locked.get(k.customerId)!])),
        ),
        await pendingItemLines(db, scope, invoices, { lock: true }),
        await thresholdsBilled(db, scope, periods),
        await periodEndUsage(db, scope, subscriptions),
      ]
    : await Promise.all([
        loadCustomersGrantStates(db, scope, { customerIds }),
        readCustomerBalances(db, scope, balanceKeys),
        pendingItemLines(db, scope, invoices),
        thresholdsBilled(db, scope, periods),
        periodEndUsage(db, scope, subscriptions),
      ]);
  return new Map(
    subscriptions.map((s) => [
      s.id,
      {
        grants: grants.get(s.customerId)!.filter((grant) => grant.currency === s.currency),
        customerBalance: toDecimal(balances.get(balanceKey(s))!),
        invoiceItems: items.get(s.id)!,
        thresholdBilled: billed.get(s.id)!,
        usage,
      },
    ]),
  );
}

/**
 * Whether periodEndSnapshot given periodEndReads reads nothing more for the subscription: every
 * metered item bills its meter's plain usage and no pending charge is a metered segment.
 */
export function readsNothingMore(subscription: BillableSubscription): boolean {
  const selections = priceSelections(subscription);
  return (
    subscription.items.every(
      (item) =>
        item.price.usageType !== "METERED" || item.price.meter === null || isWholeMeter(selections.get(item.priceId)),
    ) && subscription.pendingItems.every((row) => row.kind === "PRORATION")
  );
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
  // (db/adapter.ts); only without locks, whose order matters. `billed`: thresholdBilled read already;
  // `usage`: plain usage read already (periodEndUsage).
  options: { concurrent?: boolean; billed?: Map<string, Decimal>; usage?: Map<string, Decimal> } = {},
): Promise<UsageWindow> {
  const quantities = new Map<string, Decimal>();
  const starts = new Map<string, Date>();
  const reads: CombinationReads = new Map();
  const pending: Array<Promise<void>> = [];
  for (const { item, meter, start, selection } of meteredItems(subscription, period)) {
    if (start > period.start) starts.set(item.id, start);
    if (start >= period.end) continue;
    const own = { start, end: period.end };
    const known = isWholeMeter(selection)
      ? options.usage?.get(usageKey(meter.id, subscription.customerId, own))
      : undefined;
    if (known !== undefined) {
      quantities.set(item.id, known);
      continue;
    }
    const read = meteredQuantity(db, scope, subscription.customerId, meter, own, selection, reads).then(
      (quantity) => void quantities.set(item.id, quantity),
    );
    if (options.concurrent) pending.push(read);
    else await read;
  }
  const billed = options.billed ?? thresholdBilled(db, scope, subscription.id, period.start);
  await Promise.all(pending);
  // Insertion order of the items, whatever order the concurrent reads answered in.
  const ordered = new Map(
    subscription.items.flatMap((item) => (quantities.has(item.id) ? [[item.id, quantities.get(item.id)!]] : [])),
  );
  return { period, quantities: ordered, starts, billed: await billed };
}

/** Each item's quantity of the period starting at `periodStart` already invoiced by threshold invoices (docs/concepts/subscriptions.md#billing-thresholds). */
async function thresholdBilled(db: Db, scope: Scope, subscriptionId: string, periodStart: Date) {
  return (await thresholdsBilled(db, scope, [{ subscriptionId, periodStart }])).get(subscriptionId)!;
}

/** thresholdBilled for several subscriptions' periods, by subscription. */
async function thresholdsBilled(
  db: Db,
  scope: Scope,
  periods: ReadonlyArray<{ subscriptionId: string; periodStart: Date }>,
): Promise<Map<string, Map<string, Decimal>>> {
  const rows = await db.$queryRaw<Array<{ subscriptionId: string; itemId: string; quantity: string }>>`
    SELECT "subscriptionId", "itemId", "quantity"::text AS "quantity" FROM "ThresholdBilledUsage"
    WHERE ("subscriptionId", "periodStart") IN (
        SELECT * FROM unnest(${periods.map((p) => p.subscriptionId)}::text[], ${periods.map((p) => p.periodStart.toISOString())}::timestamptz[]))
      AND ${scopeClause(scope)}`;
  const billed = new Map(periods.map((p) => [p.subscriptionId, new Map<string, Decimal>()]));
  for (const row of rows) billed.get(row.subscriptionId)!.set(row.itemId, toDecimal(row.quantity));
  return billed;
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
  options: SnapshotOptions & { reads?: PeriodEndReads } = {},
): Promise<InvoiceSnapshot> {
  const schedule = scheduleOf(subscription);
  const period = openPeriod(schedule);
  const { reads } = options;
  // A preview locks nothing, so its reads go out at once; a finalization takes its locks one after
  // another, in db/locks.ts's order, or was given them (a batch of closes) and reads only usage, at once.
  const [usage, grants, balance, pending] = reads
    ? [
        await usageWindow(db, scope, subscription, period, {
          concurrent: true,
          billed: reads.thresholdBilled,
          usage: reads.usage,
        }),
        reads.grants,
        reads.customerBalance,
        await pendingCharges(db, scope, subscription, { ...options, invoiceItems: reads.invoiceItems }),
      ]
    : options.lock
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
