// The rules every item of a subscription follows, at creation and on a change
// (docs/concepts/subscriptions.md#creating-a-subscription): an active price, in the subscription's
// currency and interval, a quantity for licensed prices only; prices on one meter bill disjoint
// segments of its events (docs/concepts/prices.md#segments).
import { findSegmentOverlap } from "@tally/billing";
import { InvalidInputError } from "../../errors.js";
import type { Price } from "../../generated/prisma/client.js";
import { segmentConditionsOf } from "../prices.js";

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

/**
 * Prices on the same meter must select pairwise disjoint events, with at most one remainder price
 * (no conditions): PRICE_SEGMENTS_OVERLAP otherwise, at `field(priceId)` of the later price.
 */
export function checkSegments(prices: readonly Price[], field: (priceId: string) => string[]): void {
  const overlap = findSegmentOverlap(
    prices.flatMap((p) =>
      p.meterId === null ? [] : [{ priceId: p.id, meterId: p.meterId, conditions: segmentConditionsOf(p) }],
    ),
  );
  if (overlap === null) return;
  const [a, b] = overlap;
  throw new InvalidInputError(
    a.conditions.length === 0 && b.conditions.length === 0
      ? `Prices ${a.priceId} and ${b.priceId} both bill meter ${a.meterId} without meterSegmentConditions: only one may bill the remainder`
      : `Prices ${a.priceId} and ${b.priceId} bill overlapping segments of meter ${a.meterId}: their meterSegmentConditions must differ on some dimension`,
    field(b.priceId),
    "PRICE_SEGMENTS_OVERLAP",
  );
}
