import { Decimal, ZERO } from "../money.js";
import { priceQuantity } from "./price.js";
import type { PriceModel, PricedLine } from "./types.js";

/**
 * The lines of a period's quantity `total` when `billed` of it was already invoiced in the same
 * period (billing thresholds, docs/concepts/subscriptions.md#billing-thresholds): price(total) −
 * price(billed), line by line, so graduated tiers continue where the earlier invoices left them and
 * a tier's flat amount is charged once, by the invoice that entered the tier. Not for volume tiers,
 * whose price of the whole is not the sum of its parts (thresholds refuse them).
 */
export function priceContinuation(model: PriceModel, billed: Decimal, total: Decimal): PricedLine[] {
  const before = new Map(priceQuantity(model, billed).map((line) => [line.tier, line]));
  const lines = priceQuantity(model, total).flatMap((line) => {
    const earlier = before.get(line.tier);
    if (!earlier) return [line];
    const quantity = line.quantity.minus(earlier.quantity);
    const amount = line.amount.minus(earlier.amount);
    if (quantity.isZero() && amount.isZero()) return [];
    return [{ ...line, quantity, flatAmount: ZERO, amount }];
  });
  if (lines.length > 0) return lines;
  // Nothing more to bill: one zero line at the tier the billed quantity reached.
  const last = [...before.values()].at(-1)!;
  return [{ ...last, quantity: new Decimal(0), flatAmount: ZERO, amount: new Decimal(0) }];
}
