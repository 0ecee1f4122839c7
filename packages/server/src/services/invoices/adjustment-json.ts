// Discount and tax amounts as stored on invoices and lines (JSON columns, amounts as decimal
// strings) and read back in the engine's shape, so stored invoices and previews show alike.
import { toDecimal, type DiscountAmount, type InvoiceDraft, type TaxAmount } from "@tally/billing";
import type { Prisma } from "../../generated/prisma/client.js";

// Type aliases, not interfaces: Prisma's JSON input takes them.
type StoredDiscountAmount = {
  discountId: string;
  amount: string;
};

type StoredTaxAmount = {
  taxRateId: string;
  amount: string;
  inclusive: boolean;
  taxableAmount: string;
};

export function discountAmountsData(amounts: readonly DiscountAmount[]): StoredDiscountAmount[] {
  return amounts.map((a) => ({ discountId: a.discountId, amount: a.amount.toFixed() }));
}

export function taxAmountsData(amounts: readonly TaxAmount[]): StoredTaxAmount[] {
  return amounts.map((t) => ({
    taxRateId: t.taxRateId,
    amount: t.amount.toFixed(),
    inclusive: t.inclusive,
    taxableAmount: t.taxableAmount.toFixed(),
  }));
}

/** The invoice's discount and tax columns. */
export function adjustedTotalsData(draft: InvoiceDraft) {
  return {
    totalDiscountAmount: draft.totalDiscountAmount.toFixed(),
    totalDiscountAmounts: discountAmountsData(draft.totalDiscountAmounts),
    tax: draft.tax.toFixed(),
    totalTaxAmounts: taxAmountsData(draft.totalTaxAmounts),
    subtotalExcludingTax: draft.subtotalExcludingTax.toFixed(),
    totalExcludingTax: draft.totalExcludingTax.toFixed(),
  };
}

export function discountAmountsOf(json: Prisma.JsonValue): DiscountAmount[] {
  return (json as unknown as StoredDiscountAmount[]).map((a) => ({
    discountId: a.discountId,
    amount: toDecimal(a.amount),
  }));
}

export function taxAmountsOf(json: Prisma.JsonValue): TaxAmount[] {
  return (json as unknown as StoredTaxAmount[]).map((t) => ({
    taxRateId: t.taxRateId,
    amount: toDecimal(t.amount),
    inclusive: t.inclusive,
    taxableAmount: toDecimal(t.taxableAmount),
  }));
}
