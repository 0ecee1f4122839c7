import { Decimal, ZERO } from "../money.js";
import type { PerUnitModel, PricedLine, TransformQuantity } from "./types.js";

/** Package pricing: q ÷ divideBy rounded UP or DOWN to a whole number ("per started hour"). */
export function transformQuantity(quantity: Decimal, transform: TransformQuantity): Decimal {
  const rounding = transform.round === "UP" ? Decimal.ROUND_UP : Decimal.ROUND_DOWN;
  return quantity.dividedBy(transform.divideBy).toDecimalPlaces(0, rounding);
}

/** Per-unit pricing: one line, transform(q) × unitAmount. `quantity` must already be ≥ 0. */
export function pricePerUnit(model: PerUnitModel, quantity: Decimal): PricedLine[] {
  const billed = model.transformQuantity ? transformQuantity(quantity, model.transformQuantity) : quantity;
  return [
    {
      tier: null,
      quantity: billed,
      unitAmount: model.unitAmount,
      flatAmount: ZERO,
      amount: billed.times(model.unitAmount),
    },
  ];
}
