// Discounts and tax on an invoice's lines, in the fixed order line amount → discounts → tax
// (docs/concepts/discounts.md#the-order-of-the-steps); credits then pay each line's amount after both.
import { applyDiscounts, totalDiscountAmounts, type DiscountAmount, type DiscountRule } from "./discounts.js";
import { isPrepaidLine, type InvoiceLine } from "./invoice-line.js";
import { type Decimal, sum, ZERO } from "./money.js";
import { exclusiveTax, inclusiveTax, taxLine, totalTaxAmounts, type TaxAmount, type TaxRule } from "./tax.js";

/** Which tax rates tax a line: its subscription item's, else the fallback (the subscription's or customer's defaults). */
export interface TaxRates {
  byItem: ReadonlyMap<string, readonly TaxRule[]>;
  fallback: readonly TaxRule[];
}

/** What the discount and tax steps need besides the lines. */
export interface Adjustments {
  currency: string;
  /** In force at the invoice's time, in the order they apply. */
  discounts: readonly DiscountRule[];
  taxRates: TaxRates;
  /** Each price's product (for discounts restricted to products). */
  products: ReadonlyMap<string, string>;
}

/** A line with what the discounts took off it and the taxes on what they left. */
export type AdjustedLine = InvoiceLine & { discountAmounts: DiscountAmount[]; taxAmounts: TaxAmount[] };

/** The sums over the adjusted lines (docs/concepts/invoices.md#totals). */
export interface AdjustedTotals {
  subtotal: Decimal;
  totalDiscountAmount: Decimal;
  totalDiscountAmounts: DiscountAmount[];
  tax: Decimal;
  totalTaxAmounts: TaxAmount[];
  /** subtotal − the inclusive taxes. */
  subtotalExcludingTax: Decimal;
  /** subtotalExcludingTax − totalDiscountAmount: the invoice after discounts, with no tax. */
  totalExcludingTax: Decimal;
  /** subtotal − totalDiscountAmount + the exclusive taxes: what credits may pay. */
  totalAfterTax: Decimal;
}

/** A line's amount after discounts and tax: what is left to pay of it before credits. */
export function payableAmount(line: Pick<AdjustedLine, "amount" | "discountAmounts" | "taxAmounts">): Decimal {
  return line.amount
    .minus(sum(line.discountAmounts.map((discount) => discount.amount)))
    .plus(exclusiveTax(line.taxAmounts));
}

/** Step 2 then step 3: the discounts, then the tax of each line's discounted amount. */
export function adjustLines(lines: readonly InvoiceLine[], adjustments: Adjustments): AdjustedLine[] {
  const { currency, taxRates } = adjustments;
  // A one-off item given as an amount has no price, so no product a coupon could be limited to.
  const productOf = (priceId: string | null) => (priceId === null ? null : (adjustments.products.get(priceId) ?? null));
  // A prepaid line was settled when its grants paid it: a discount is not spread onto it, nor tax.
  const discounts = applyDiscounts(
    lines.map((line) => ({ amount: isPrepaidLine(line) ? ZERO : line.amount, productId: productOf(line.priceId) })),
    adjustments.discounts,
    currency,
  );
  return lines.map((line, index) => {
    if (isPrepaidLine(line)) return { ...line, discountAmounts: [], taxAmounts: [] };
    const discountAmounts = discounts[index]!;
    const net = line.amount.minus(sum(discountAmounts.map((discount) => discount.amount)));
    const rates = taxRates.byItem.get(line.itemId) ?? taxRates.fallback;
    return { ...line, discountAmounts, taxAmounts: taxLine(net, rates, currency) };
  });
}

/** The totals of the adjusted lines. */
export function adjustedTotals(lines: readonly AdjustedLine[]): AdjustedTotals {
  const subtotal = sum(lines.map((line) => line.amount));
  const discounts = totalDiscountAmounts(lines.map((line) => line.discountAmounts));
  const totalDiscountAmount = sum(discounts.map((discount) => discount.amount));
  const taxes = lines.flatMap((line) => line.taxAmounts);
  const subtotalExcludingTax = subtotal.minus(inclusiveTax(taxes));
  return {
    subtotal,
    totalDiscountAmount,
    totalDiscountAmounts: discounts,
    tax: sum(taxes.map((tax) => tax.amount)),
    totalTaxAmounts: totalTaxAmounts(lines.map((line) => line.taxAmounts)),
    subtotalExcludingTax,
    totalExcludingTax: subtotalExcludingTax.minus(totalDiscountAmount),
    totalAfterTax: subtotal.minus(totalDiscountAmount).plus(exclusiveTax(taxes)),
  };
}
