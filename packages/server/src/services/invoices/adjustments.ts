// What the engine's discount and tax steps read of a subscription (docs/concepts/discounts.md,
// docs/concepts/tax-rates.md): the discounts in force at the invoice's time, each line's tax rates
// and each price's product. Snapshots of stored invoices and previews both take them from here.
import { toDecimal, type Adjustments, type DiscountRule, type TaxRule } from "@tally/billing";
import type { BillableSubscription } from "./billable.js";

type DiscountRow = BillableSubscription["discounts"][number];
/** A join row of a customer's, subscription's or item's tax rates. */
type RateRow = { taxRate: BillableSubscription["defaultTaxRates"][number]["taxRate"] };

/** A discount applies to invoices made in [start, end). */
function inForce(discount: DiscountRow, at: Date): boolean {
  return discount.start <= at && (discount.end === null || discount.end > at);
}

function rule(discount: DiscountRow): DiscountRule {
  const { coupon } = discount;
  return {
    id: discount.id,
    percentOff: coupon.percentOff === null ? null : toDecimal(coupon.percentOff.toFixed()),
    amountOff: coupon.amountOff === null ? null : toDecimal(coupon.amountOff.toFixed()),
    productIds: coupon.appliesToProductIds.length === 0 ? null : coupon.appliesToProductIds,
  };
}

function taxRule({ taxRate: rate }: RateRow): TaxRule {
  return { id: rate.id, percentage: toDecimal(rate.percentage.toFixed()), inclusive: rate.inclusive };
}

/**
 * The subscription's own discounts in force at `at`, or when it has none the customer's
 * (docs/concepts/discounts.md#customers-and-subscriptions); an amount-off coupon only in its currency.
 */
function discountsAt(subscription: BillableSubscription, at: Date): DiscountRule[] {
  const own = subscription.discounts.filter((discount) => inForce(discount, at));
  const chosen = own.length > 0 ? own : subscription.customer.discounts.filter((discount) => inForce(discount, at));
  return chosen
    .filter((discount) => discount.coupon.currency === null || discount.coupon.currency === subscription.currency)
    .map(rule);
}

/** The discount and tax inputs of the subscription's invoice at `at`. */
export function adjustmentsOf(
  subscription: BillableSubscription,
  at: Date,
): Pick<Adjustments, "discounts" | "taxRates" | "products"> {
  const defaults: RateRow[] =
    subscription.defaultTaxRates.length > 0 ? subscription.defaultTaxRates : subscription.customer.defaultTaxRates;
  return {
    discounts: discountsAt(subscription, at),
    taxRates: {
      byItem: new Map(
        subscription.items
          .filter((item) => item.taxRates.length > 0)
          .map((item) => [item.id, item.taxRates.map(taxRule)]),
      ),
      fallback: defaults.map(taxRule),
    },
    products: new Map([
      ...subscription.items.map((item) => [item.priceId, item.price.productId] as const),
      ...subscription.pendingItems.flatMap((item) =>
        item.price === null ? [] : [[item.price.id, item.price.productId] as const],
      ),
    ]),
  };
}
