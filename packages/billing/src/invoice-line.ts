import type { Decimal } from "./money.js";

/** One invoice line; `amount` is rounded to the currency's minor unit, once. */
export interface InvoiceLine {
  kind: "LICENSE" | "USAGE" | "PRORATION";
  itemId: string;
  priceId: string;
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
