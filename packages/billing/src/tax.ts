// Tax, the third step of an invoice (docs/concepts/tax-rates.md#how-tax-is-computed): each line's
// amount after discounts is taxed by its tax rates, rounded per line and rate to the minor unit.
import { type Decimal, ZERO, roundMoney, sum } from "./money.js";

/** A tax rate as the engine applies it: a percentage (0–100) added to the amount, or included in it. */
export interface TaxRule {
  /** The TaxRate's id, carried into each line's taxAmounts. */
  id: string;
  percentage: Decimal;
  inclusive: boolean;
}

/** The tax of one rate on one line (or, summed, on the invoice); taxableAmount is the amount excluding tax. */
export interface TaxAmount {
  taxRateId: string;
  amount: Decimal;
  inclusive: boolean;
  taxableAmount: Decimal;
}

/**
 * The taxes of one line's amount after discounts (docs/concepts/tax-rates.md#how-tax-is-computed).
 * Inclusive rates extract their tax from the amount: each takes amount × p ÷ (100 + P), P the sum of
 * the inclusive percentages, and the amount excluding tax is what they leave. Exclusive rates add
 * amount-excluding-tax × p ÷ 100. Every tax is rounded half away from zero (half-up for a charge)
 * to the currency's minor unit, so a credit line's tax mirrors its charge's.
 */
export function taxLine(amount: Decimal, rates: readonly TaxRule[], currency: string): TaxAmount[] {
  const inclusive = rates.filter((rate) => rate.inclusive);
  const included = sum(inclusive.map((rate) => rate.percentage)).plus(100);
  const extracted = inclusive.map((rate) => roundMoney(amount.times(rate.percentage).dividedBy(included), currency));
  const taxableAmount = amount.minus(sum(extracted));
  return rates.map((rate) => ({
    taxRateId: rate.id,
    amount: rate.inclusive
      ? extracted[inclusive.indexOf(rate)]!
      : roundMoney(taxableAmount.times(rate.percentage).dividedBy(100), currency),
    inclusive: rate.inclusive,
    taxableAmount,
  }));
}

/** The invoice's tax amounts: per rate, the sums of its lines' amounts and taxable amounts, in order of first appearance. */
export function totalTaxAmounts(perLine: readonly (readonly TaxAmount[])[]): TaxAmount[] {
  const totals = new Map<string, TaxAmount>();
  for (const amounts of perLine) {
    for (const tax of amounts) {
      const total = totals.get(tax.taxRateId) ?? { ...tax, amount: ZERO, taxableAmount: ZERO };
      totals.set(tax.taxRateId, {
        ...total,
        amount: total.amount.plus(tax.amount),
        taxableAmount: total.taxableAmount.plus(tax.taxableAmount),
      });
    }
  }
  return [...totals.values()];
}

/** The part of `taxes` added on top of the amount (exclusive rates). */
export function exclusiveTax(taxes: readonly TaxAmount[]): Decimal {
  return sum(taxes.filter((tax) => !tax.inclusive).map((tax) => tax.amount));
}

/** The part of `taxes` included in the amount (inclusive rates). */
export function inclusiveTax(taxes: readonly TaxAmount[]): Decimal {
  return sum(taxes.filter((tax) => tax.inclusive).map((tax) => tax.amount));
}
