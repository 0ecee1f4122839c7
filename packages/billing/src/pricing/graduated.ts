import { Decimal, ZERO } from "../money.js";
import { tierBounds } from "./tiers.js";
import type { PricedLine, TieredModel } from "./types.js";

/**
 * Graduated pricing: one line per tier that holds part of q, each slice at its tier's unit amount
 * plus the tier's flat amount. q = 0 gives a single zero line for tier 1 (no flat fee), so an
 * invoice can still show the item. `quantity` must already be ≥ 0.
 */
export function priceGraduated(model: TieredModel, quantity: Decimal): PricedLine[] {
  const lines: PricedLine[] = [];
  model.tiers.forEach((tier, index) => {
    const { lower, upper } = tierBounds(model.tiers, index);
    const inTier = Decimal.min(quantity, upper ?? quantity).minus(lower);
    if (inTier.lessThanOrEqualTo(0)) return;
    const amount = inTier.times(tier.unitAmount).plus(tier.flatAmount);
    lines.push({ tier: index + 1, quantity: inTier, unitAmount: tier.unitAmount, flatAmount: tier.flatAmount, amount });
  });
  if (lines.length > 0) return lines;
  const first = model.tiers[0];
  return [{ tier: 1, quantity: ZERO, unitAmount: first?.unitAmount ?? ZERO, flatAmount: ZERO, amount: ZERO }];
}
