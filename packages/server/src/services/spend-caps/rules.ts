// A subscription's spend cap as given at creation or in a change (docs/concepts/subscriptions.md#spend-caps):
// an amount of the subscription's currency, at least 0, in its minor units at most.
import { type Decimal, minorUnits } from "@tally/billing";
import { InvalidInputError } from "../../errors.js";
import type { SpendCapBehavior } from "../../generated/prisma/client.js";

export interface SpendCapInput {
  amount: Decimal;
  behavior: SpendCapBehavior;
}

/** The columns that store the cap (null: no cap). */
export function spendCapColumns(
  cap: SpendCapInput | null,
  currency: string,
  field: string[],
): { spendCapAmount: string | null; spendCapBehavior: SpendCapBehavior | null } {
  if (cap === null) return { spendCapAmount: null, spendCapBehavior: null };
  const places = minorUnits(currency);
  if (cap.amount.isNegative() || cap.amount.decimalPlaces() > places || cap.amount.greaterThan("1e20")) {
    throw new InvalidInputError(
      `spendCap.amount must be from 0 to 1e20 ${currency.toUpperCase()} with at most ${places} decimal places; got ${cap.amount.toFixed()}`,
      [...field, "amount"],
    );
  }
  return { spendCapAmount: cap.amount.toFixed(), spendCapBehavior: cap.behavior };
}
