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
import { BILLING_TRANSACTION } from "../../db/transaction.js";
import { recordEvent } from "../event-log/record.js";
import { subscriptionEventData } from "../event-log/serializers.js";
import { firstInvoiceSnapshot } from "../invoices/snapshot.js";
import { storeFinalizedInvoice } from "../invoices/store.js";
import { intervalOf } from "../prices.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { loadBillable } from "../invoices/billable.js";
import { findCustomer } from "../customers.js";
import { checkItem } from "./item-rules.js";

export interface CreateSubscriptionInput {
  customerId: string;
  items: ReadonlyArray<{ priceId: string; quantity?: number | null }>;
  billingMode?: BillingMode | null;
  startDate?: Date | null;
  billingCycleAnchor?: Date | null;
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
  return input.items.map((item, index) => {
    const field = (name: string) => ["input", "items", String(index), name];
    const price = byId.get(item.priceId);
    if (!price) throw new NotFoundError(`No price ${item.priceId}`, field("priceId"));
    if (seen.has(price.id))
      throw new InvalidInputError(`Price ${price.id} appears twice; use one item with a quantity`, field("priceId"));
    seen.add(price.id);
    return { price, quantity: checkItem(price, item.quantity, first, field) };
  });
}

/** startDate: now or up to 35 days back, never ahead. Anchor: from startDate to less than one interval after it. */
function planDates(input: CreateSubscriptionInput, now: Date, interval: Interval): { startDate: Date; anchor: Date } {
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
  const anchor = input.billingCycleAnchor ?? startDate;
  const latest = addInterval(startDate, interval, 1);
  if (anchor < startDate || anchor >= latest) {
    throw new InvalidInputError(
      `billingCycleAnchor must be at or after startDate and before ${latest.toISOString()} (one interval later)`,
      ["input", "billingCycleAnchor"],
    );
  }
  return { startDate, anchor };
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

  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, customer, clock);
    // A customer deleted since the lookup above takes no subscription (customers.ts#deleteCustomer).
    if ((await lockCustomer(tx, scope, customer.id, "share"))?.deletedAt !== null) {
      throw new NotFoundError(`Customer ${customer.id} is deleted`, ["input", "customerId"]);
    }
    const { startDate, anchor } = planDates(input, now, interval);
    await lockCustomersUsage(tx, [customer.id], "exclusive");
    const period = subscriptionPeriod(startDate, anchor, interval, startDate);
    const id = newId("Subscription");
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
        createdAt: now,
        items: {
          createMany: {
            data: items.map((item, position) => ({
              id: newId("SubscriptionItem"),
              ...scope,
              priceId: item.price.id,
              quantity: item.quantity,
              position,
            })),
          },
        },
      },
      include: { items: true },
    });
    await recordEvent(tx, scope, "customer.subscription.created", subscriptionEventData(created));
    const subscription = (await loadBillable(tx, id))!;
    const draft = composeInvoice(firstInvoiceSnapshot(subscription, now));
    await storeFinalizedInvoice(tx, scope, { subscription, billingReason: "SUBSCRIPTION_CREATE", draft, at: now });
    await closeDuePeriods(tx, scope, id, now);
    return tx.subscription.findUniqueOrThrow({ where: { id } });
  }, BILLING_TRANSACTION);
}
