// A customer's available credit balance in one currency (docs/concepts/credits.md#live-balance): the
// remaining amounts of the grants that apply at `at`, less what the current period's usage would
// draw from them if invoiced now (the preview's credit applications). The one rule for it.
import { type CreditApplication, type CreditGrantState, type Decimal, isGrantApplicable, sum } from "@tally/billing";

export interface AvailableCreditInput {
  grants: readonly CreditGrantState[];
  currency: string;
  at: Date;
  /** What the preview's usage draws from the grants. */
  covered: readonly CreditApplication[];
}

export function availableCreditBalance(input: AvailableCreditInput): Decimal {
  const applicable = input.grants.filter((grant) => isGrantApplicable(grant, input.currency, input.at));
  const ids = new Set(applicable.map((grant) => grant.id));
  return sum(applicable.map((grant) => grant.remaining)).minus(
    sum(input.covered.filter((a) => ids.has(a.grantId)).map((a) => a.amount)),
  );
}
