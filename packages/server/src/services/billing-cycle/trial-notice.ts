// customer.subscription.trial_will_end (docs/concepts/subscriptions.md#trials): recorded once per
// trial end, TRIAL_WILL_END_NOTICE_MS before it (at the next run for a shorter trial), by the
// wall-clock cycle and by test clock advances.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import { recordEvent } from "../event-log/record.js";
import { subscriptionEventData } from "../event-log/serializers.js";
import { byId } from "../../db/tenant-scope.js";

/** How long before trialEnd customer.subscription.trial_will_end is recorded. */
const TRIAL_WILL_END_NOTICE_MS = 3 * 86_400_000;

/** Trialing subscriptions whose notice is due by `now` and not yet recorded. */
export function trialNoticeDueBy(now: Date) {
  return {
    status: "TRIALING",
    trialWillEndSentAt: null,
    trialEnd: { lte: new Date(now.getTime() + TRIAL_WILL_END_NOTICE_MS) },
  } satisfies Prisma.SubscriptionWhereInput;
}

/** When the notice of a trial ending at `trialEnd` is due. */
export function trialNoticeAt(trialEnd: Date): Date {
  return new Date(trialEnd.getTime() - TRIAL_WILL_END_NOTICE_MS);
}

/**
 * Records the notice at `at` unless it was recorded already or the trial is over: the conditional
 * update takes the row lock, so two workers record it once.
 */
export async function recordTrialNotice(tx: Tx, scope: Scope, subscriptionId: string, at: Date): Promise<boolean> {
  const { count } = await tx.subscription.updateMany({
    where: { id: subscriptionId, status: "TRIALING", trialWillEndSentAt: null },
    data: { trialWillEndSentAt: at },
  });
  if (count === 0) return false;
  const subscription = await tx.subscription.findUniqueOrThrow({
    where: byId(scope, subscriptionId),
    include: { items: true },
  });
  await recordEvent(tx, scope, "customer.subscription.trial_will_end", subscriptionEventData(subscription));
  return true;
}
