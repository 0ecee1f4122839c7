import { ZERO, type Decimal } from "../money.js";
import type { PricedLine, TieredModel } from "./types.js";

/**
 * Volume pricing: the one tier containing q prices all of q, plus that tier's flat amount.
 * q = 0 falls in tier 1 and is charged nothing: no quantity, no flat fee (as in graduated).
 * `quantity` must already be ≥ 0.
 */
export function priceVolume(model: TieredModel, quantity: Decimal): PricedLine[] {
  const index = model.tiers.findIndex((tier) => tier.upTo === null || quantity.lessThanOrEqualTo(tier.upTo));
  const tier = model.tiers[index];
  if (tier === undefined) throw new RangeError("Volume tiers must end with an unbounded tier");
  const flatAmount = quantity.isZero() ? ZERO : tier.flatAmount;
  const amount = quantity.times(tier.unitAmount).plus(flatAmount);
  return [{ tier: index + 1, quantity, unitAmount: tier.unitAmount, flatAmount, amount }];
}
