import type { Decimal } from "./money.js";

/** One invoice line; `amount` is rounded to the currency's minor unit, once. */
export interface InvoiceLine {
  /**
   * CREDIT_HOLD_CAPTURE: a captured credit hold (docs/concepts/credits.md#holds), paid by its grants
   * when it was captured: neither discounted, taxed nor paid again, its amount counts as credits applied.
   */
  kind: "LICENSE" | "USAGE" | "PRORATION" | "INVOICE_ITEM" | "CREDIT_PURCHASE" | "CREDIT_HOLD_CAPTURE";
  /** The subscription item billed, or for INVOICE_ITEM and CREDIT_HOLD_CAPTURE the pending item. */
  itemId: string;
  /** Null for a one-off item given as an amount. */
  priceId: string | null;
  description: string;
  /** 1-based tier of a tiered price; null for per-unit prices. */
  tier: number | null;
  quantity: Decimal;
  unitAmount: Decimal;
  /** The tier's flat amount included in `amount` (0 when none). */
  flatAmount: Decimal;
  amount: Decimal;
  periodStart: Date;
  periodEnd: Date;
}

/** A line its grants paid before the invoice (a captured hold): no discount, tax or credit applies to it. */
export function isPrepaidLine(line: Pick<InvoiceLine, "kind">): boolean {
  return line.kind === "CREDIT_HOLD_CAPTURE";
}
