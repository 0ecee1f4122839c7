// Closing a subscription's period (docs/concepts/subscriptions.md#what-each-invoice-carries): when now ≥ its end, an invoice with the ended
// period's usage and the next period's licence fees (or, when set to cancel there, the usage only
// and the subscription ends), then the period advances. One period per call, so callers can close
// several periods of several subscriptions in time order.
import { composeInvoice, hasEnded, nextPeriod, openPeriod } from "@tally/billing";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Scope } from "../../db/tenant-scope.js";
import { recordEvent } from "../event-log/record.js";
import { subscriptionEventData } from "../event-log/serializers.js";
import { periodEndSnapshot } from "../invoices/snapshot.js";
import { scheduleOf } from "../prices.js";
import { storeFinalizedInvoice } from "../invoices/store.js";
import { loadBillable } from "../invoices/billable.js";
import { lockCustomersUsage } from "../../db/locks.js";
import { lockSubscription } from "../../db/locks.js";
import type { Tx } from "../../db/transaction.js";
import { billingStatus, isBilling } from "../../db/billing-status.js";

/** Active and trialing subscriptions whose open period has ended by `now`: hasEnded (packages/billing/src/periods.ts) as a query. */
export function periodEndedBy(now: Date) {
  return { status: billingStatus, currentPeriodEnd: { lte: now } } satisfies Prisma.SubscriptionWhereInput;
}

/**
 * closed: an invoice (if it had lines) is stored and the period advanced; up-to-date: no ended
 * period is open (not due yet, or another worker closed it first); busy: another worker holds the row.
 */
export type PeriodOutcome = "closed" | "up-to-date" | "busy";

/**
 * Closes the subscription's current period if it has ended by `now` (the customer's now; the
 * invoice is made at that time). The row lock and the re-read under it make a second worker find
 * the period already closed; the unique (subscription, reason, period end) constraint backs it up.
 */
export async function closeCurrentPeriod(
  tx: Tx,
  scope: Scope,
  subscriptionId: string,
  now: Date,
  options: { skipLocked?: boolean } = {},
): Promise<PeriodOutcome> {
  if (!(await lockSubscription(tx, scope, subscriptionId, options))) return options.skipLocked ? "busy" : "up-to-date";
  const subscription = await loadBillable(tx, subscriptionId);
  if (!subscription || !isBilling(subscription.status)) return "up-to-date";
  const schedule = scheduleOf(subscription);
  if (!hasEnded(openPeriod(schedule), now)) return "up-to-date";
  // No event may be recorded or cancelled for this customer between reading usage and storing it.
  await lockCustomersUsage(tx, [subscription.customerId], "exclusive");
  const draft = composeInvoice(await periodEndSnapshot(tx, scope, subscription, { lock: true }));
  await storeFinalizedInvoice(tx, scope, { subscription, billingReason: "SUBSCRIPTION_CYCLE", draft, at: now });
  if (subscription.cancelAtPeriodEnd) {
    const canceled = await tx.subscription.update({
      where: { id: subscriptionId },
      data: { status: "CANCELED", canceledAt: subscription.currentPeriodEnd },
      include: { items: true },
    });
    await recordEvent(tx, scope, "customer.subscription.deleted", subscriptionEventData(canceled));
  } else {
    const next = nextPeriod(schedule);
    // The end of a trial is the start of the first paid period (docs/concepts/subscriptions.md#trials).
    const trialEnded = subscription.status === "TRIALING";
    const advanced = await tx.subscription.update({
      where: { id: subscriptionId },
      data: { currentPeriodStart: next.start, currentPeriodEnd: next.end, ...(trialEnded ? { status: "ACTIVE" } : {}) },
      include: { items: true },
    });
    if (trialEnded) {
      await recordEvent(tx, scope, "customer.subscription.updated", subscriptionEventData(advanced), {
        status: "TRIALING",
      });
    }
  }
  return "closed";
}

/** Closes every period of one subscription that has ended by `now`, in order (catch-up). */
export async function closeDuePeriods(tx: Tx, scope: Scope, subscriptionId: string, now: Date): Promise<number> {
  let closed = 0;
  while ((await closeCurrentPeriod(tx, scope, subscriptionId, now)) === "closed") closed += 1;
  return closed;
}
