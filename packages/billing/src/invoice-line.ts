import type { Decimal } from "./money.js";

/** One invoice line; `amount` is rounded to the currency's minor unit, once. */
export interface InvoiceLine {
  kind: "LICENSE" | "USAGE" | "PRORATION" | "INVOICE_ITEM" | "CREDIT_PURCHASE";
  /** The subscription item billed, or for INVOICE_ITEM the one-off invoice item. */
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
