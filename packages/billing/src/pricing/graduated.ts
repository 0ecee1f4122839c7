import { Decimal, ZERO } from "../money.js";
import { tierBounds } from "./tiers.js";
import type { PricedLine, TieredModel } from "./types.js";

/**
 * Graduated pricing: one line per tier that holds part of q, each slice at its tier's unit amount
 * plus the tier's flat amount. The first tier's flat amount is charged in every period, so q = 0
 * gives a single tier-1 line of that flat amount (docs/concepts/prices.md#graduated-tiers). `quantity` must
 * already be ≥ 0.
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
  const flatAmount = first?.flatAmount ?? ZERO;
  return [{ tier: 1, quantity: ZERO, unitAmount: first?.unitAmount ?? ZERO, flatAmount, amount: flatAmount }];
}
