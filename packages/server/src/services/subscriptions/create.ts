// createSubscription (docs/concepts/subscriptions.md#creating-a-subscription): validate the items and dates, store the subscription with its
// items and its first invoice in one transaction, and close at once any period a backdated start
// has already ended.
import {
  addInterval,
  composeInvoice,
  MAX_SUBSCRIPTION_ITEMS as MAX_ITEMS,
  subscriptionPeriod,
  type Interval,
} from "@tally/billing";
import type { Tenant } from "../../context.js";
import type { Clock } from "../../clock.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { BillingMode, Price, Subscription } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { closeDuePeriods } from "../billing-cycle/close-period.js";
import { lockCustomer, lockedCustomerNow } from "../../db/locks.js";
import { BILLING_TRANSACTION, type Tx } from "../../db/transaction.js";
import type { Scope } from "../../db/tenant-scope.js";
import { replaceDiscounts, type DiscountInput } from "../discounts/apply.js";
import { checkTaxRates, setTaxRates } from "../tax-rates.js";
import { recordEvent } from "../event-log/record.js";
import { subscriptionEventData } from "../event-log/serializers.js";
import { firstInvoiceSnapshot } from "../invoices/snapshot.js";
import { storeFinalizedInvoice } from "../invoices/store.js";
import { intervalOf } from "../prices.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { loadBillable } from "../invoices/billable.js";
import { findCustomer } from "../customers.js";
import { checkItem, checkSegments } from "./item-rules.js";
import { checkTrialEnd, MAX_TRIAL_DAYS } from "./trial.js";
import {
  type BillingThresholdsInput,
  checkThresholdPrices,
  type SpendCapInput,
  spendCapColumns,
  thresholdColumns,
} from "../spend-caps/rules.js";
import { forgetSpendCaps } from "../spend-caps/watch.js";
import { byId } from "../../db/tenant-scope.js";

export interface CreateSubscriptionInput {
  customerId: string;
  items: ReadonlyArray<{ priceId: string; quantity?: number | null; taxRates?: readonly string[] | null }>;
  billingMode?: BillingMode | null;
  startDate?: Date | null;
  billingCycleAnchor?: Date | null;
  /** A free trial until this instant (docs/concepts/subscriptions.md#trials); at most one of trialEnd and trialPeriodDays. */
  trialEnd?: Date | null;
  trialPeriodDays?: number | null;
  /** Coupons or promotion codes redeemed for the subscription (docs/concepts/discounts.md#customers-and-subscriptions). */
  discounts?: readonly DiscountInput[] | null;
  /** Tax rates of the lines of items without their own (docs/concepts/tax-rates.md#which-rates-apply). */
  defaultTaxRates?: readonly string[] | null;
  /** The most a period may cost (docs/concepts/subscriptions.md#spend-caps); null: no cap. */
  spendCap?: SpendCapInput | null;
  /** Billing thresholds (docs/concepts/subscriptions.md#billing-thresholds); null: none. */
  billingThresholds?: BillingThresholdsInput | null;
}

/** How far back a subscription may start, so that recorded usage can still be billed (docs/concepts/subscriptions.md#creating-a-subscription). */
export const MAX_BACKDATING_MS = 35 * 86_400_000;

interface PlannedItem {
  price: Price;
  quantity: number | null;
}

/** Checks the items against their prices: all found, distinct, and each by item-rules.ts against the first. */
async function planItems(tenant: Tenant, input: CreateSubscriptionInput): Promise<PlannedItem[]> {
  if (input.items.length < 1 || input.items.length > MAX_ITEMS) {
    throw new InvalidInputError(`A subscription has 1–${MAX_ITEMS} items; got ${input.items.length}`, [
      "input",
      "items",
    ]);
  }
  const prices = await tenant.prisma.price.findMany({ where: { id: { in: input.items.map((item) => item.priceId) } } });
  const byId = new Map(prices.map((price) => [price.id, price]));
  const seen = new Set<string>();
  // Every item is compared with the first; a missing first price is reported at index 0 below.
  const first = byId.get(input.items[0]!.priceId)!;
  const planned = input.items.map((item, index) => {
    const field = (name: string) => ["input", "items", String(index), name];
    const price = byId.get(item.priceId);
    if (!price) throw new NotFoundError(`No price ${item.priceId}`, field("priceId"));
    if (seen.has(price.id))
      throw new InvalidInputError(`Price ${price.id} appears twice; use one item with a quantity`, field("priceId"));
    seen.add(price.id);
    return { price, quantity: checkItem(price, item.quantity, first, field) };
  });
  checkSegments(
    planned.map((p) => p.price),
    (priceId) => ["input", "items", String(input.items.findIndex((item) => item.priceId === priceId)), "priceId"],
  );
  return planned;
}

/** startDate: now or up to 35 days back, never ahead. Anchor: from billing start (startDate or trialEnd) to less than one interval after it. */
function planDates(
  input: CreateSubscriptionInput,
  now: Date,
  interval: Interval,
): { startDate: Date; anchor: Date; trialEnd: Date | null } {
  const startDate = input.startDate ?? now;
  if (startDate > now) {
    throw new InvalidInputError(
      `startDate ${startDate.toISOString()} is after the customer's now ${now.toISOString()}`,
      ["input", "startDate"],
    );
  }
  if (now.getTime() - startDate.getTime() > MAX_BACKDATING_MS) {
    throw new InvalidInputError(`startDate may be at most 35 days before the customer's now ${now.toISOString()}`, [
      "input",
      "startDate",
    ]);
  }
  const trialEnd = planTrialEnd(input, startDate, now);
  const billingStart = trialEnd ?? startDate;
  const anchor = input.billingCycleAnchor ?? billingStart;
  const latest = addInterval(billingStart, interval, 1);
  if (anchor < billingStart || anchor >= latest) {
    throw new InvalidInputError(
      `billingCycleAnchor must be at or after ${trialEnd ? "trialEnd" : "startDate"} and before ${latest.toISOString()} (one interval later)`,
      ["input", "billingCycleAnchor"],
    );
  }
  return { startDate, anchor, trialEnd };
}

/** The trial's end: trialEnd, or trialPeriodDays after startDate; after now and at most MAX_TRIAL_DAYS after startDate. */
function planTrialEnd(input: CreateSubscriptionInput, startDate: Date, now: Date): Date | null {
  if (input.trialEnd != null && input.trialPeriodDays != null) {
    throw new InvalidInputError("Give trialEnd or trialPeriodDays, not both", ["input", "trialPeriodDays"]);
  }
  const days = input.trialPeriodDays;
  if (days != null && (!Number.isInteger(days) || days < 1 || days > MAX_TRIAL_DAYS)) {
    throw new InvalidInputError(`trialPeriodDays must be a whole number from 1 to ${MAX_TRIAL_DAYS}; got ${days}`, [
      "input",
      "trialPeriodDays",
    ]);
  }
  const trialEnd = days != null ? addInterval(startDate, { unit: "DAY", count: days }, 1) : (input.trialEnd ?? null);
  if (trialEnd === null) return null;
  const field = ["input", days != null ? "trialPeriodDays" : "trialEnd"];
  checkTrialEnd(trialEnd, startDate, now, field);
  return trialEnd;
}

/** The subscription's default tax rates, its items' own, and its discounts (before its first invoice). */
async function setTaxRatesAndDiscounts(
  tx: Tx,
  scope: Scope,
  id: string,
  itemIds: readonly string[],
  input: CreateSubscriptionInput,
  now: Date,
  currency: string,
): Promise<void> {
  if (input.defaultTaxRates != null && input.defaultTaxRates.length > 0) {
    await checkTaxRates(tx, input.defaultTaxRates, ["input", "defaultTaxRates"]);
    await setTaxRates(tx, scope, { subscriptionId: id }, input.defaultTaxRates);
  }
  for (const [index, item] of input.items.entries()) {
    if (item.taxRates == null || item.taxRates.length === 0) continue;
    await checkTaxRates(tx, item.taxRates, ["input", "items", String(index), "taxRates"]);
    await setTaxRates(tx, scope, { itemId: itemIds[index]! }, item.taxRates);
  }
  if (input.discounts != null) {
    await replaceDiscounts(tx, scope, { subscriptionId: id }, input.discounts, now, currency);
  }
}

export async function createSubscription(
  tenant: Tenant,
  clock: Clock,
  input: CreateSubscriptionInput,
): Promise<Subscription> {
  const { scope } = tenant;
  const customer = await findCustomer(tenant, input.customerId, ["input", "customerId"]);
  const items = await planItems(tenant, input);
  const first = items[0]!.price;
  const interval = intervalOf(first);
  const cap = {
    ...spendCapColumns(input.spendCap ?? null, first.currency, ["input", "spendCap"]),
    ...thresholdColumns(input.billingThresholds ?? null, first.currency, ["input", "billingThresholds"]),
  };
  if (cap.billingThresholdAmountGte !== null) {
    const meters = await tenant.prisma.meter.findMany({
      where: { id: { in: items.flatMap((item) => (item.price.meterId ? [item.price.meterId] : [])) } },
      select: { id: true, aggregation: true },
    });
    checkThresholdPrices(
      items.map(({ price }) => ({ ...price, meter: meters.find((m) => m.id === price.meterId) ?? null })),
      ["input", "billingThresholds"],
    );
  }

  const created = await tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, customer, clock);
    // A customer deleted since the lookup above takes no subscription (customers.ts#deleteCustomer).
    if ((await lockCustomer(tx, scope, customer.id, "share"))?.deletedAt !== null) {
      throw new NotFoundError(`Customer ${customer.id} is deleted`, ["input", "customerId"]);
    }
    const { startDate, anchor, trialEnd } = planDates(input, now, interval);
    await lockCustomersUsage(tx, [customer.id], "exclusive");
    // A trial is the first period, however long (docs/concepts/subscriptions.md#trials).
    const period = trialEnd
      ? { start: startDate, end: trialEnd }
      : subscriptionPeriod(startDate, anchor, interval, startDate);
    const id = newId("Subscription");
    const itemIds = items.map(() => newId("SubscriptionItem"));
    const created = await tx.subscription.create({
      data: {
        id,
        ...scope,
        customerId: customer.id,
        billingMode: input.billingMode ?? "FLEXIBLE",
        currency: first.currency,
        interval: first.interval,
        intervalCount: first.intervalCount,
        startDate,
        billingCycleAnchor: anchor,
        currentPeriodStart: period.start,
        currentPeriodEnd: period.end,
        ...cap,
        ...(trialEnd ? { status: "TRIALING", trialStart: startDate, trialEnd } : {}),
        createdAt: now,
        items: {
          createMany: {
            data: items.map((item, position) => ({
              id: itemIds[position]!,
              priceId: item.price.id,
              quantity: item.quantity,
              position,
            })),
          },
        },
      },
      include: { items: true },
    });
    await setTaxRatesAndDiscounts(tx, scope, id, itemIds, input, now, first.currency);
    await recordEvent(tx, scope, "customer.subscription.created", subscriptionEventData(created));
    const subscription = (await loadBillable(tx, scope, id))!;
    const draft = composeInvoice(await firstInvoiceSnapshot(tx, scope, subscription, now));
    await storeFinalizedInvoice(tx, scope, { subscription, billingReason: "SUBSCRIPTION_CREATE", draft, at: now });
    await closeDuePeriods(tx, scope, id, now);
    return tx.subscription.findUniqueOrThrow({ where: byId(scope, id) });
  }, BILLING_TRANSACTION);
  if (cap.spendCapAmount !== null || cap.billingThresholdAmountGte !== null) forgetSpendCaps(tenant, [customer.id]);
  return created;
}
