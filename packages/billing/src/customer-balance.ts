import { Decimal, ZERO, type DecimalInput } from "./money.js";

/**
 * An invoice's customer balance step (docs/concepts/customer-balance.md#on-invoices), Stripe's sign:
 * a negative balance is a credit, a positive one an amount owed.
 */
export interface BalanceApplication {
  /** The customer's balance in the invoice's currency before the invoice. */
  startingBalance: Decimal;
  /** After it: what the invoice left of a credit, or a negative total credited back. */
  endingBalance: Decimal;
  /** total + startingBalance − endingBalance: never below zero. */
  amountDue: Decimal;
}

/**
 * The last step of an invoice's totals: the balance is added to the total (a credit lowers it, an
 * amount owed raises it); what is left below zero is not due but stays on the balance, so a
 * negative total (prorations) becomes a credit for the next invoices.
 */
export function applyCustomerBalance(total: Decimal, balance: DecimalInput = ZERO): BalanceApplication {
  const startingBalance = new Decimal(balance);
  const owed = total.plus(startingBalance);
  return {
    startingBalance,
    endingBalance: Decimal.min(owed, ZERO),
    amountDue: Decimal.max(owed, ZERO),
  };
}
