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

/** Billing thresholds as given (Stripe's billing_thresholds). */
export interface BillingThresholdsInput {
  amountGte: Decimal;
  resetBillingCycleAnchor?: boolean | null;
}

/** The columns that store billing thresholds (null: none). */
export function thresholdColumns(
  thresholds: BillingThresholdsInput | null,
  currency: string,
  field: string[],
): { billingThresholdAmountGte: string | null; billingThresholdResetAnchor: boolean } {
  if (thresholds === null) return { billingThresholdAmountGte: null, billingThresholdResetAnchor: false };
  const places = minorUnits(currency);
  const amount = thresholds.amountGte;
  if (!amount.greaterThan(0) || amount.decimalPlaces() > places || amount.greaterThan("1e20")) {
    throw new InvalidInputError(
      `billingThresholds.amountGte must be greater than 0, at most 1e20 ${currency.toUpperCase()}, with at most ${places} decimal places; got ${amount.toFixed()}`,
      [...field, "amountGte"],
    );
  }
  return {
    billingThresholdAmountGte: amount.toFixed(),
    billingThresholdResetAnchor: thresholds.resetBillingCycleAnchor ?? false,
  };
}

/**
 * Thresholds bill a period in parts, price(total) − price(billed): refused for prices whose whole
 * is not the sum of its parts — volume tiers — and meters whose quantity is not a running sum
 * (LAST, MAX), as OpenMeter does.
 */
export function checkThresholdPrices(
  prices: ReadonlyArray<{ id: string; tiersMode: string | null; meter: { aggregation: string } | null }>,
  field: string[],
): void {
  for (const price of prices) {
    if (price.tiersMode === "VOLUME")
      throw new InvalidInputError(`Billing thresholds cannot bill volume-tiered price ${price.id} in parts`, field);
    if (price.meter && (price.meter.aggregation === "LAST" || price.meter.aggregation === "MAX"))
      throw new InvalidInputError(
        `Billing thresholds cannot bill price ${price.id} in parts: its meter aggregates with ${price.meter.aggregation}`,
        field,
      );
  }
}
