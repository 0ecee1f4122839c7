// One-off invoice items (docs/concepts/invoices.md#one-off-invoice-items): a line fixed when the
// item is made, either an amount as given or a per-unit price times a quantity, rounded once.
import { Decimal, roundMoney } from "./money.js";
import { pricePerUnit } from "./pricing/per-unit.js";
import type { PerUnitModel } from "./pricing/types.js";

/** An item's amounts: `quantity` × `unitAmount` = `amount` before rounding to the currency. */
export interface InvoiceItemAmounts {
  quantity: Decimal;
  unitAmount: Decimal;
  amount: Decimal;
}

/** An amount given as is: quantity 1, unit amount = amount (already in the currency's minor unit). */
export function amountItem(amount: Decimal): InvoiceItemAmounts {
  return { quantity: new Decimal(1), unitAmount: amount, amount };
}

/** A per-unit price for `quantity` units (its package transform applied), rounded half-up once. */
export function pricedItem(model: PerUnitModel, quantity: Decimal, currency: string): InvoiceItemAmounts {
  const [priced] = pricePerUnit(model, quantity);
  return { quantity: priced!.quantity, unitAmount: priced!.unitAmount, amount: roundMoney(priced!.amount, currency) };
}
