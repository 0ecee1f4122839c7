// Trials (docs/concepts/subscriptions.md#trials): the bound on a trial's end, and ending or
// extending the trial of a trialing subscription.
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import { InvalidInputError } from "../../errors.js";
import type { Subscription } from "../../generated/prisma/client.js";
import { closeDuePeriods } from "../billing-cycle/close-period.js";
import { byId } from "../../db/tenant-scope.js";

/** The longest trial, counted from the subscription's start (Stripe's bound too). */
export const MAX_TRIAL_DAYS = 730;

/** A trial ends after the customer's now and at most MAX_TRIAL_DAYS after the subscription's start. */
export function checkTrialEnd(trialEnd: Date, startDate: Date, now: Date, field: string[]): void {
  const latest = new Date(startDate.getTime() + MAX_TRIAL_DAYS * 86_400_000);
  if (trialEnd <= now || trialEnd > latest) {
    throw new InvalidInputError(
      `The trial must end after the customer's now ${now.toISOString()} and by ${latest.toISOString()} (${MAX_TRIAL_DAYS} days after the start); got ${trialEnd.toISOString()}`,
      field,
    );
  }
}

/**
 * Moves the trial's end to `trialEnd` ("now": ends it at the customer's now). The billing cycle
 * restarts there (the anchor becomes the new trialEnd), and the trial_will_end notice is due again.
 * Ending it now closes the trial period at once: its invoice bills the first paid period's licence.
 */
export async function changeTrialEnd(
  tx: Tx,
  scope: Scope,
  subscription: Subscription,
  trialEnd: Date | "now",
  now: Date,
): Promise<void> {
  if (subscription.status !== "TRIALING" || subscription.trialEnd === null) {
    throw new InvalidInputError(
      `Subscription ${subscription.id} is not in a trial`,
      ["input", "trialEnd"],
      "SUBSCRIPTION_NOT_TRIALING",
    );
  }
  const end = trialEnd === "now" ? now : trialEnd;
  if (trialEnd !== "now") checkTrialEnd(end, subscription.startDate, now, ["input", "trialEnd"]);
  await tx.subscription.update({
    where: byId(scope, subscription.id),
    data: { trialEnd: end, billingCycleAnchor: end, currentPeriodEnd: end, trialWillEndSentAt: null },
  });
  if (trialEnd === "now") await closeDuePeriods(tx, scope, subscription.id, now);
}
