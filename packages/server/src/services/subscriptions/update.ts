// updateSubscription (docs/concepts/subscriptions.md#changing-a-subscription): change, add or remove items with
// prorations (licensed) and the metered split, undo a cancel at period end; the change, its
// pending charges or its invoice and the event are stored in one transaction.
import {
  addInterval,
  composeInvoice,
  openPeriod,
  prorateLicensedChanges,
  type InvoiceDraft,
  type LicensedChange,
  type ProrationLine,
} from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockCustomersUsage, lockSubscription, lockedCustomerNow } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
import { BILLING_TRANSACTION, type Tx } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { Prisma, Price, Subscription, SubscriptionItem } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { closeDuePeriods } from "../billing-cycle/close-period.js";
import { recordEvent } from "../event-log/record.js";
import { previousValues, subscriptionEventData } from "../event-log/serializers.js";
import { loadBillable, type BillableSubscription } from "../invoices/billable.js";
import { anchorResetSnapshot, updateSnapshot } from "../invoices/snapshot.js";
import { storeFinalizedInvoice } from "../invoices/store.js";
import { intervalOf, priceModelOf, scheduleOf } from "../prices.js";
import { planChange, type ItemChange, type PlannedItem } from "./plan-change.js";
import { changeTrialEnd } from "./trial.js";
import { billedUsageStart } from "../invoices/usage-start.js";
import { replaceDiscounts, type DiscountInput } from "../discounts/apply.js";
import { checkTaxRates, setTaxRates } from "../tax-rates.js";
import {
  type BillingThresholdsInput,
  checkThresholdPrices,
  type SpendCapInput,
  spendCapColumns,
  thresholdColumns,
} from "../spend-caps/rules.js";
import { forgetSpendCaps } from "../spend-caps/watch.js";
import { byId } from "../../db/tenant-scope.js";

export type ProrationBehavior = "CREATE_PRORATIONS" | "ALWAYS_INVOICE" | "NONE";

export interface UpdateSubscriptionInput {
  id: string;
  items?: readonly ItemChange[] | null;
  prorationBehavior?: ProrationBehavior | null;
  prorationDate?: Date | null;
  cancelAtPeriodEnd?: boolean | null;
  /** NOW: the current period ends at the proration date and a new cycle starts there (docs/concepts/subscriptions.md#resetting-the-billing-cycle). */
  billingCycleAnchor?: "NOW" | "UNCHANGED" | null;
  /** Ends ("now") or moves the trial's end (docs/concepts/subscriptions.md#trials); not combined with items or billingCycleAnchor. */
  trialEnd?: Date | "now" | null;
  /** Replaces the subscription's discounts; [] removes them (docs/concepts/discounts.md#customers-and-subscriptions). */
  discounts?: readonly DiscountInput[] | null;
  /** Replaces the subscription's default tax rates; [] removes them. */
  defaultTaxRates?: readonly string[] | null;
  /** Sets the spend cap (docs/concepts/subscriptions.md#spend-caps); null removes it, undefined leaves it. */
  spendCap?: SpendCapInput | null;
  /** Sets billing thresholds (docs/concepts/subscriptions.md#billing-thresholds); null removes them, undefined leaves them. */
  billingThresholds?: BillingThresholdsInput | null;
}

/** The licensed holding of an item before or after the change (null when it has no licensed price). */
function licensed(itemId: string, price: Price & { product: { name: string } }, quantity: number | null) {
  if (price.usageType !== "LICENSED") return null;
  return {
    itemId,
    priceId: price.id,
    description: price.product.name,
    model: priceModelOf(price),
    quantity: quantity ?? 1,
  };
}

/**
 * The licensed changes of the change (docs/concepts/subscriptions.md#proration). On a cycle reset every licensed item is
 * credited for its unused time only: the new period is charged in full by the reset's invoice.
 */
function licensedChanges(subscription: BillableSubscription, planned: PlannedItem[], reset: boolean): LicensedChange[] {
  if (reset) {
    return subscription.items.map((item) => ({ before: licensed(item.id, item.price, item.quantity), after: null }));
  }
  const after = new Map(planned.filter((p) => p.existingId !== null).map((p) => [p.existingId!, p]));
  const changes: LicensedChange[] = subscription.items.map((item) => {
    const next = after.get(item.id);
    return {
      before: licensed(item.id, item.price, item.quantity),
      after: next ? licensed(item.id, next.price, next.quantity) : null,
    };
  });
  for (const added of planned.filter((p) => p.existingId === null)) {
    changes.push({ before: null, after: licensed(added.id, added.price, added.quantity) });
  }
  return changes.filter((change) => change.before !== null || change.after !== null);
}

/** Pending rows for PRORATION lines and for usage of replaced metered prices up to `at`. */
function pendingRows(
  scope: Scope,
  subscription: BillableSubscription,
  planned: PlannedItem[],
  prorations: ProrationLine[],
  at: Date,
): Prisma.PendingInvoiceItemCreateManyInput[] {
  const kept = new Map(planned.filter((p) => p.existingId !== null).map((p) => [p.existingId!, p]));
  const common = {
    ...scope,
    customerId: subscription.customerId,
    currency: subscription.currency,
    subscriptionId: subscription.id,
    createdAt: at,
  };
  const rows: Prisma.PendingInvoiceItemCreateManyInput[] = prorations.map((line) => ({
    ...common,
    id: newId("InvoiceItem"),
    subscriptionItemId: line.itemId,
    kind: "PRORATION",
    priceId: line.priceId,
    description: line.description,
    tier: line.tier,
    quantity: line.quantity.toFixed(),
    unitAmount: line.unitAmount.toFixed(),
    flatAmount: line.flatAmount.toFixed(),
    amount: line.amount.toFixed(),
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
  }));
  for (const item of subscription.items) {
    if (item.price.usageType !== "METERED" || kept.get(item.id)?.price.id === item.priceId) continue;
    const start = billedUsageStart(subscription, item, { start: subscription.currentPeriodStart, end: at });
    // A price that started at the proration date (or a trial still running) has no usage of its own to settle.
    if (start >= at) continue;
    rows.push({
      ...common,
      id: newId("InvoiceItem"),
      subscriptionItemId: item.id,
      kind: "USAGE",
      priceId: item.priceId,
      description: item.price.product.name,
      periodStart: start,
      periodEnd: at,
    });
  }
  return rows;
}

/** prorationDate: in the current period and not after now (PRORATION_DATE_OUT_OF_PERIOD). */
function checkProrationDate(subscription: Subscription, at: Date, now: Date): void {
  const period = openPeriod(scheduleOf(subscription));
  if (at < period.start || at >= period.end || at > now) {
    throw new InvalidInputError(
      `prorationDate ${at.toISOString()} must lie in the current period [${period.start.toISOString()}, ${period.end.toISOString()}) and not after the customer's now ${now.toISOString()}`,
      ["input", "prorationDate"],
      "PRORATION_DATE_OUT_OF_PERIOD",
    );
  }
}

/** Writes the planned items: updates, deletions, additions (metered prices started at `at`). */
async function writeItems(tx: Tx, scope: Scope, subscription: BillableSubscription, planned: PlannedItem[], at: Date) {
  const kept = new Set(planned.map((p) => p.existingId));
  const removed = subscription.items.filter((item) => !kept.has(item.id)).map((item) => item.id);
  if (removed.length > 0) await tx.subscriptionItem.deleteMany({ where: { id: { in: removed } } });
  let position = Math.max(-1, ...subscription.items.map((item) => item.position));
  for (const item of planned) {
    const old = subscription.items.find((existing) => existing.id === item.existingId);
    const swapped = old === undefined || old.priceId !== item.price.id;
    const usageStart = item.price.usageType === "METERED" && swapped ? at : (old?.usageStart ?? null);
    if (old !== undefined) {
      await tx.subscriptionItem.update({
        where: byId(scope, old.id),
        data: { priceId: item.price.id, quantity: item.quantity, usageStart },
      });
    } else {
      position += 1;
      await tx.subscriptionItem.create({
        data: {
          id: item.id,
          ...scope,
          subscriptionId: subscription.id,
          priceId: item.price.id,
          quantity: item.quantity,
          position,
          usageStart,
        },
      });
    }
  }
}

/** The subscription's default tax rates and discounts, when the change gives them. */
async function setTaxRatesAndDiscounts(
  tx: Tx,
  scope: Scope,
  subscription: BillableSubscription,
  input: UpdateSubscriptionInput,
  now: Date,
): Promise<void> {
  if (input.defaultTaxRates != null) {
    await checkTaxRates(tx, input.defaultTaxRates, ["input", "defaultTaxRates"]);
    await setTaxRates(tx, scope, { subscriptionId: subscription.id }, input.defaultTaxRates);
  }
  if (input.discounts != null) {
    await replaceDiscounts(tx, scope, { subscriptionId: subscription.id }, input.discounts, now, subscription.currency);
  }
}

/**
 * Items' own tax rates given with the change: an entry with an id sets that item's; the entries
 * that add items set theirs in order (planChange adds them in the entries' order).
 */
async function setItemTaxRates(
  tx: Tx,
  scope: Scope,
  changes: readonly ItemChange[],
  planned: PlannedItem[],
): Promise<void> {
  const added = planned.filter((item) => item.existingId === null);
  let next = 0;
  for (const [index, change] of changes.entries()) {
    const itemId = change.id ?? (change.deleted ? null : added[next++]?.id);
    if (change.taxRates == null || itemId == null || change.deleted) continue;
    await checkTaxRates(tx, change.taxRates, ["input", "items", String(index), "taxRates"]);
    await setTaxRates(tx, scope, { itemId }, change.taxRates);
  }
}

/** What a change stored: the subscription after it, and the invoice it finalized at once (ALWAYS_INVOICE), if any. */
export interface AppliedChange {
  subscription: Subscription & { items: SubscriptionItem[] };
  invoice: InvoiceDraft | null;
}

/**
 * Applies the change inside `tx`, under the billing locks in db/locks.ts order: the test clock, the
 * subscription, then the customer's usage. Shared by updateSubscription and the preview of a change
 * (preview-change.ts), which rolls it back.
 */
export async function applyChange(
  tx: Tx,
  scope: Scope,
  clock: Clock,
  customer: { testClockId: string | null },
  input: UpdateSubscriptionInput,
  // A threshold that resets the cycle (thresholds/bill.ts) makes the reset's invoice its threshold invoice.
  resetReason: "SUBSCRIPTION_UPDATE" | "SUBSCRIPTION_THRESHOLD" = "SUBSCRIPTION_UPDATE",
): Promise<AppliedChange> {
  const behavior = input.prorationBehavior ?? "CREATE_PRORATIONS";
  const now = await lockedCustomerNow(tx, scope, customer, clock);
  await lockSubscription(tx, scope, input.id);
  // A period that has ended but not been closed yet is invoiced first, so the change never skips it.
  await closeDuePeriods(tx, scope, input.id, now);
  const subscription = (await loadBillable(tx, scope, input.id))!;
  if (subscription.status === "CANCELED") {
    throw new InvalidInputError(`Subscription ${input.id} is canceled`, ["input", "id"], "SUBSCRIPTION_NOT_ACTIVE");
  }
  const at = input.prorationDate ?? now;
  checkProrationDate(subscription, at, now);
  const before = subscriptionEventData(subscription);
  let invoice: InvoiceDraft | null = null;
  const reset = input.billingCycleAnchor === "NOW";
  const hasItems = input.items != null && input.items.length > 0;
  if (input.trialEnd != null) {
    if (hasItems || reset) {
      throw new InvalidInputError("Change the trial's end on its own: leave items and billingCycleAnchor out", [
        "input",
        "trialEnd",
      ]);
    }
    await changeTrialEnd(tx, scope, subscription, input.trialEnd, now);
  }
  // Before the items' change, so an invoice the change makes at once has them.
  await setTaxRatesAndDiscounts(tx, scope, subscription, input, now);
  const trialing = subscription.status === "TRIALING";
  if (reset && trialing) {
    throw new InvalidInputError(
      "A trialing subscription's cycle starts at its trial's end: end the trial now instead",
      ["input", "billingCycleAnchor"],
      "SUBSCRIPTION_NOT_ACTIVE",
    );
  }
  if (reset && at.getTime() !== now.getTime()) {
    throw new InvalidInputError(
      "billingCycleAnchor NOW resets the cycle at the customer's now: leave prorationDate out",
      ["input", "prorationDate"],
      "PRORATION_DATE_OUT_OF_PERIOD",
    );
  }

  if (hasItems || reset) {
    const planned = await planChange(tx, subscription, input.items ?? []);
    // Usage is read (ALWAYS_INVOICE) and which item bills which events changes: no event may be
    // recorded or cancelled for this customer until the change commits.
    await lockCustomersUsage(tx, [subscription.customerId], "exclusive");
    // A trial is free: a change during it has nothing to prorate.
    const prorations =
      behavior === "NONE" || trialing
        ? []
        : prorateLicensedChanges(
            {
              currency: subscription.currency,
              interval: intervalOf(subscription),
              anchor: subscription.billingCycleAnchor,
              period: openPeriod(scheduleOf(subscription)),
              at,
            },
            licensedChanges(subscription, planned, reset),
          );
    const rows = pendingRows(scope, subscription, planned, prorations, at);
    if (rows.length > 0) await tx.pendingInvoiceItem.createMany({ data: rows });
    await writeItems(tx, scope, subscription, planned, at);
    await setItemTaxRates(tx, scope, input.items ?? [], planned);
    if (reset) {
      const ended = openPeriod(scheduleOf(subscription));
      const next = addInterval(at, intervalOf(subscription), 1);
      await tx.subscription.update({
        where: byId(scope, input.id),
        data: { billingCycleAnchor: at, currentPeriodStart: at, currentPeriodEnd: next },
      });
      const changed = (await loadBillable(tx, scope, input.id))!;
      const draft = composeInvoice(await anchorResetSnapshot(tx, scope, changed, ended.start));
      await storeFinalizedInvoice(tx, scope, {
        subscription: changed,
        billingReason: resetReason,
        draft,
        at: now,
      });
      invoice = draft;
    } else if (behavior === "ALWAYS_INVOICE") {
      const changed = (await loadBillable(tx, scope, input.id))!;
      const draft = composeInvoice(await updateSnapshot(tx, scope, changed, now));
      // A net credit is not refunded: its lines stay pending for the next invoice.
      if (!draft.total.isNegative()) {
        const stored = await storeFinalizedInvoice(tx, scope, {
          subscription: changed,
          billingReason: "SUBSCRIPTION_UPDATE",
          draft,
          at: now,
        });
        if (stored !== null) invoice = draft;
      }
    }
  }
  if (input.spendCap !== undefined) {
    await tx.subscription.update({
      where: byId(scope, input.id),
      data: spendCapColumns(input.spendCap, subscription.currency, ["input", "spendCap"]),
    });
  }
  if (input.billingThresholds !== undefined) {
    await tx.subscription.update({
      where: byId(scope, input.id),
      data: thresholdColumns(input.billingThresholds, subscription.currency, ["input", "billingThresholds"]),
    });
  }
  const withThresholds = await tx.subscription.findUniqueOrThrow({
    where: byId(scope, input.id),
    select: {
      billingThresholdAmountGte: true,
      items: { select: { price: { select: { id: true, tiersMode: true, meter: { select: { aggregation: true } } } } } },
    },
  });
  if (withThresholds.billingThresholdAmountGte !== null) {
    checkThresholdPrices(
      withThresholds.items.map((item) => item.price),
      ["input", input.billingThresholds != null ? "billingThresholds" : "items"],
    );
  }
  if (input.cancelAtPeriodEnd != null) {
    await tx.subscription.update({
      where: byId(scope, input.id),
      data: { cancelAtPeriodEnd: input.cancelAtPeriodEnd },
    });
  }
  const updated = await tx.subscription.findUniqueOrThrow({ where: byId(scope, input.id), include: { items: true } });
  const previous = previousValues(before, subscriptionEventData(updated), [
    "items",
    "cancelAtPeriodEnd",
    "billingCycleAnchor",
    "currentPeriodStart",
    "currentPeriodEnd",
    // Not status: a trial ended now was reported by its period close (close-period.ts).
    "trialEnd",
    "spendCap",
    "billingThresholds",
  ]);
  if (previous !== null) {
    await recordEvent(tx, scope, "customer.subscription.updated", subscriptionEventData(updated), previous);
  }
  return { subscription: updated, invoice };
}

/** The tenant's subscription's customer (for its now), or NOT_FOUND. */
export async function findSubscriptionCustomer(tenant: Tenant, id: string): Promise<{ testClockId: string | null }> {
  const found = await tenant.prisma.subscription.findUnique({
    where: byId(tenant.scope, id),
    select: { customer: { select: { testClockId: true } } },
  });
  if (!found) throw new NotFoundError(`No subscription ${id}`, ["input", "id"]);
  return found.customer;
}

export async function updateSubscription(
  tenant: Tenant,
  clock: Clock,
  input: UpdateSubscriptionInput,
): Promise<Subscription> {
  const customer = await findSubscriptionCustomer(tenant, input.id);
  const applied = await tenant.prisma.$transaction(
    (tx) => applyChange(tx, tenant.scope, clock, customer, input),
    BILLING_TRANSACTION,
  );
  if (input.spendCap !== undefined || input.billingThresholds !== undefined)
    forgetSpendCaps(tenant, [applied.subscription.customerId]);
  return applied.subscription;
}
