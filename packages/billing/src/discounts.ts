// Discounts, the second step of an invoice (docs/concepts/discounts.md#the-order-of-the-steps):
// each line's amount is reduced by the invoice's discounts, one after the other, before tax.
import { minorUnits } from "./currency.js";
import { Decimal, ZERO, roundMoney, sum } from "./money.js";

/** One discount as the engine applies it: exactly one of percentOff (0–100] and amountOff (in the invoice's currency). */
export interface DiscountRule {
  /** The Discount's id, carried into each line's discountAmounts. */
  id: string;
  percentOff: Decimal | null;
  amountOff: Decimal | null;
  /** Products whose lines are eligible; null: every line. */
  productIds: readonly string[] | null;
}

/** What one discount took off one line (or, summed, off the invoice). */
export interface DiscountAmount {
  discountId: string;
  amount: Decimal;
}

/** What the discount step needs of a line: its rounded amount and its price's product. */
export interface DiscountableLine {
  amount: Decimal;
  productId: string | null;
}

function eligible(rule: DiscountRule, line: DiscountableLine): boolean {
  if (rule.productIds === null) return true;
  return line.productId !== null && rule.productIds.includes(line.productId);
}

/**
 * Splits `total` over `weights` in proportion, each part a whole number of minor units, so that the
 * parts add up to `total` exactly: every part is rounded down, and the units left over go one each
 * to the parts with the largest remainders (the earlier part on a tie). `total` must be a whole
 * number of minor units and at most the sum of the weights, which must be positive.
 */
export function splitProRata(total: Decimal, weights: readonly Decimal[], currency: string): Decimal[] {
  const unit = new Decimal(10).pow(-minorUnits(currency));
  const whole = sum(weights);
  const exact = weights.map((weight) => total.times(weight).dividedBy(whole));
  const parts = exact.map((share) => share.toDecimalPlaces(minorUnits(currency), Decimal.ROUND_DOWN));
  let left = total.minus(sum(parts)).dividedBy(unit).toNumber();
  const byRemainder = exact
    .map((share, index) => ({ index, remainder: share.minus(parts[index]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left === 0) break;
    parts[index] = parts[index]!.plus(unit);
    left -= 1;
  }
  return parts;
}

/**
 * Applies the discounts in order (docs/concepts/discounts.md#how-a-discount-applies): each to what
 * the earlier ones left of every eligible line (a positive line of a product it applies to).
 * Percent off: the line's part, rounded per line half-up. Amount off: at most what the eligible
 * lines have left, spread over them pro rata with splitProRata. A line never goes below zero.
 * Returns each line's discount amounts (only non-zero ones), in the lines' order.
 */
export function applyDiscounts(
  lines: readonly DiscountableLine[],
  rules: readonly DiscountRule[],
  currency: string,
): DiscountAmount[][] {
  const left = lines.map((line) => line.amount);
  const taken: DiscountAmount[][] = lines.map(() => []);
  for (const rule of rules) {
    const indexes = lines.flatMap((line, index) =>
      left[index]!.greaterThan(0) && eligible(rule, line) ? [index] : [],
    );
    const amounts =
      rule.percentOff !== null
        ? indexes.map((index) => roundMoney(left[index]!.times(rule.percentOff!).dividedBy(100), currency))
        : splitProRata(
            Decimal.min(roundMoney(rule.amountOff!, currency), sum(indexes.map((index) => left[index]!))),
            indexes.map((index) => left[index]!),
            currency,
          );
    indexes.forEach((index, position) => {
      const amount = Decimal.min(amounts[position]!, left[index]!);
      if (amount.isZero()) return;
      left[index] = left[index]!.minus(amount);
      taken[index]!.push({ discountId: rule.id, amount });
    });
  }
  return taken;
}

/** The invoice's discount amounts: per discount, the sum over its lines, in the order of first appearance. */
export function totalDiscountAmounts(perLine: readonly (readonly DiscountAmount[])[]): DiscountAmount[] {
  const totals = new Map<string, Decimal>();
  for (const amounts of perLine) {
    for (const { discountId, amount } of amounts) totals.set(discountId, (totals.get(discountId) ?? ZERO).plus(amount));
  }
  return [...totals].map(([discountId, amount]) => ({ discountId, amount }));
}
