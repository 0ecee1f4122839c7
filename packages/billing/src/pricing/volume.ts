import type { Decimal } from "../money.js";
import type { PricedLine, TieredModel } from "./types.js";

/**
 * Volume pricing: the one tier containing q prices all of q, plus that tier's flat amount.
 * q = 0 falls in tier 1 and is charged that tier's flat amount, as every period is.
 * `quantity` must already be ≥ 0.
 */
export function priceVolume(model: TieredModel, quantity: Decimal): PricedLine[] {
  const index = model.tiers.findIndex((tier) => tier.upTo === null || quantity.lessThanOrEqualTo(tier.upTo));
  const tier = model.tiers[index];
  if (tier === undefined) throw new RangeError("Volume tiers must end with an unbounded tier");
  const amount = quantity.times(tier.unitAmount).plus(tier.flatAmount);
  return [{ tier: index + 1, quantity, unitAmount: tier.unitAmount, flatAmount: tier.flatAmount, amount }];
}
