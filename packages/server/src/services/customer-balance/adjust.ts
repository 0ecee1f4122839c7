// createCustomerBalanceTransaction (docs/concepts/customer-balance.md#adjustments): a manual
// ADJUSTMENT of a customer's balance in one currency — negative credits the customer, positive
// adds to what they owe — written to the ledger in one transaction.
import { minorUnits, normalizeCurrency, toDecimal } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockedCustomerNow } from "../../db/locks.js";
import { InvalidInputError } from "../../errors.js";
import type { CustomerBalanceTransaction } from "../../generated/prisma/client.js";
import { findCustomer } from "../customers.js";
import { changeCustomerBalance } from "./ledger.js";

export interface AdjustmentInput {
  customerId: string;
  amount: { amount: { toFixed(): string }; currency: string };
  description?: string | null;
}

const MAX_DESCRIPTION = 350;
/** No balance larger than the invoice columns' bound (billing/src/limits.ts keeps amounts far below it). */
const MAX_ADJUSTMENT = toDecimal("1e15");

export async function createCustomerBalanceTransaction(
  tenant: Tenant,
  clock: Clock,
  input: AdjustmentInput,
): Promise<CustomerBalanceTransaction> {
  const field = ["input", "amount"];
  const currency = normalizeCurrency(input.amount.currency);
  if (currency === null)
    throw new InvalidInputError(`Unknown currency: ${input.amount.currency}`, [...field, "currency"]);
  const amount = toDecimal(input.amount.amount.toFixed());
  if (amount.isZero() || amount.abs().greaterThanOrEqualTo(MAX_ADJUSTMENT)) {
    throw new InvalidInputError("amount must be non-zero and below 10^15 in absolute value", [...field, "amount"]);
  }
  if (amount.decimalPlaces() > minorUnits(currency)) {
    throw new InvalidInputError(`${currency} amounts have at most ${minorUnits(currency)} decimal places`, [
      ...field,
      "amount",
    ]);
  }
  const description = input.description?.trim() || null;
  if (description && description.length > MAX_DESCRIPTION) {
    throw new InvalidInputError(`description must be at most ${MAX_DESCRIPTION} characters`, ["input", "description"]);
  }
  const customer = await findCustomer(tenant, input.customerId, ["input", "customerId"]);
  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, tenant.scope, customer, clock);
    const change = { customerId: customer.id, currency, type: "ADJUSTMENT" as const, amount, description, at: now };
    return (await changeCustomerBalance(tx, tenant.scope, change))!;
  });
}
