// The rules every item of a subscription follows, at creation and on a change
// (docs/concepts/subscriptions.md#creating-a-subscription): an active price, in the subscription's
// currency and interval, a quantity for licensed prices only.
import { InvalidInputError } from "../../errors.js";
import type { Price } from "../../generated/prisma/client.js";

/** What every price of one subscription shares. */
export type ItemReference = Pick<Price, "currency" | "interval" | "intervalCount">;

/**
 * Checks one item's price against the subscription's currency and interval; returns its quantity
 * (null for a metered price, `quantity ?? fallback` for a licensed one). `field(name)` is the
 * input path of the item's field.
 */
export function checkItem(
  price: Price,
  quantity: number | null | undefined,
  reference: ItemReference,
  field: (name: string) => string[],
  fallback = 1,
): number | null {
  if (!price.active) throw new InvalidInputError(`Price ${price.id} is inactive`, field("priceId"));
  if (price.currency !== reference.currency) {
    throw new InvalidInputError(
      `All items must share one currency: ${price.id} is in ${price.currency}, the subscription in ${reference.currency}`,
      field("priceId"),
      "CURRENCY_MISMATCH",
    );
  }
  if (price.interval !== reference.interval || price.intervalCount !== reference.intervalCount) {
    throw new InvalidInputError(
      `All items must share one billing interval: ${price.id} bills every ${price.intervalCount} ${price.interval}, the subscription every ${reference.intervalCount} ${reference.interval}`,
      field("priceId"),
      "INTERVAL_MISMATCH",
    );
  }
  if (price.usageType === "METERED") {
    if (quantity != null)
      throw new InvalidInputError(`A metered price takes no quantity: its meter decides`, field("quantity"));
    return null;
  }
  const licensed = quantity ?? fallback;
  if (!Number.isInteger(licensed) || licensed < 1)
    throw new InvalidInputError(`quantity must be an integer ≥ 1; got ${licensed}`, field("quantity"));
  return licensed;
}
