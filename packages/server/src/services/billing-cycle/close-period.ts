// Closing a subscription's period (docs/concepts/subscriptions.md#what-each-invoice-carries): when now ≥ its end, an invoice with the ended
// period's usage and the next period's licence fees (or, when set to cancel there, the usage only
// and the subscription ends), then the period advances. One period per call, so callers can close
// several periods of several subscriptions in time order.
import { composeInvoice, hasEnded, nextPeriod, openPeriod } from "@tally/billing";
import type { Prisma } from "../../generated/prisma/client.js";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import { recordEvents } from "../event-log/record.js";
import { subscriptionEventData } from "../event-log/serializers.js";
import { periodEndReads, periodEndSnapshot } from "../invoices/snapshot.js";
import { scheduleOf } from "../prices.js";
import { storeFinalizedInvoices } from "../invoices/store.js";
import { type BillableSubscription, loadBillables } from "../invoices/billable.js";
import { lockCustomersUsage, lockSubscriptions } from "../../db/locks.js";
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
  return (await closeCurrentPeriods(tx, scope, [subscriptionId], now, options)).get(subscriptionId)!;
}

/**
 * closeCurrentPeriod for several subscriptions of different customers at once (the scheduler's
 * batches): the same rule, with the reads of their rows and every write done once for all. The
 * rows are locked in id order. Each customer's usage, grants and balance are read for one invoice,
 * which is why two subscriptions of one customer are refused (close them in separate calls).
 */
export async function closeCurrentPeriods(
  tx: Tx,
  scope: Scope,
  subscriptionIds: readonly string[],
  now: Date,
  options: { skipLocked?: boolean } = {},
): Promise<Map<string, PeriodOutcome>> {
  const outcomes = new Map<string, PeriodOutcome>(
    subscriptionIds.map((id) => [id, options.skipLocked ? "busy" : "up-to-date"]),
  );
  const locked = await lockSubscriptions(tx, scope, subscriptionIds, options);
  for (const id of locked) outcomes.set(id, "up-to-date");
  if (locked.length === 0) return outcomes;
  const due = (await loadBillables(tx, locked)).filter(
    (subscription) => isBilling(subscription.status) && hasEnded(openPeriod(scheduleOf(subscription)), now),
  );
  if (due.length === 0) return outcomes;
  const customerIds = due.map((subscription) => subscription.customerId);
  if (new Set(customerIds).size < customerIds.length)
    throw new Error("closeCurrentPeriods: two subscriptions of one customer in one batch");
  // No event may be recorded or cancelled for these customers between reading usage and storing it.
  await lockCustomersUsage(tx, customerIds, "exclusive");
  const reads = await periodEndReads(tx, scope, due);
  // Given those reads, the snapshots read only segmented usage, which takes no lock: their statements go out together.
  const inputs = await Promise.all(
    due.map(async (subscription) => {
      const snapshot = await periodEndSnapshot(tx, scope, subscription, {
        lock: true,
        reads: reads.get(subscription.id),
      });
      return { subscription, billingReason: "SUBSCRIPTION_CYCLE" as const, draft: composeInvoice(snapshot), at: now };
    }),
  );
  await storeFinalizedInvoices(tx, scope, inputs);
  await advancePeriods(tx, scope, due);
  for (const subscription of due) outcomes.set(subscription.id, "closed");
  return outcomes;
}

/**
 * Moves each closed subscription to its next period in one statement, or ends it there when set
 * to cancel at period end; the end of a trial is the start of the first paid period
 * (docs/concepts/subscriptions.md#trials). Those whose status changes get their event.
 */
async function advancePeriods(tx: Tx, scope: Scope, closed: readonly BillableSubscription[]): Promise<void> {
  const rows = closed.map((subscription) => {
    if (subscription.cancelAtPeriodEnd) {
      return {
        id: subscription.id,
        status: "CANCELED" as const,
        start: subscription.currentPeriodStart,
        end: subscription.currentPeriodEnd,
        canceledAt: subscription.currentPeriodEnd,
      };
    }
    const next = nextPeriod(scheduleOf(subscription));
    const status = subscription.status === "TRIALING" ? "ACTIVE" : subscription.status;
    return { id: subscription.id, status, start: next.start, end: next.end, canceledAt: subscription.canceledAt };
  });
  await tx.$executeRaw`
    UPDATE "Subscription" s
    SET "status" = u."status"::"SubscriptionStatus", "currentPeriodStart" = u."start", "currentPeriodEnd" = u."end",
        "canceledAt" = u."canceledAt"
    FROM unnest(${rows.map((r) => r.id)}::text[], ${rows.map((r) => r.status)}::text[],
                ${rows.map((r) => r.start.toISOString())}::timestamptz[], ${rows.map((r) => r.end.toISOString())}::timestamptz[],
                ${rows.map((r) => r.canceledAt?.toISOString() ?? null)}::timestamptz[])
      AS u("id", "status", "start", "end", "canceledAt")
    WHERE s."id" = u."id" AND ${scopeClause(scope, "s")}`;
  const canceled = closed.filter((subscription) => subscription.cancelAtPeriodEnd).map((s) => s.id);
  const trialsEnded = closed
    .filter((subscription) => !subscription.cancelAtPeriodEnd && subscription.status === "TRIALING")
    .map((s) => s.id);
  if (canceled.length + trialsEnded.length === 0) return;
  const changed = await tx.subscription.findMany({
    where: { id: { in: [...canceled, ...trialsEnded] } },
    include: { items: true },
    orderBy: { id: "asc" },
  });
  const dataOf = (ids: string[]) => changed.filter((s) => ids.includes(s.id)).map(subscriptionEventData);
  await recordEvents(tx, scope, "customer.subscription.deleted", dataOf(canceled));
  const ended = dataOf(trialsEnded);
  await recordEvents(
    tx,
    scope,
    "customer.subscription.updated",
    ended,
    ended.map(() => ({ status: "TRIALING" })),
  );
}

/** Closes every period of one subscription that has ended by `now`, in order (catch-up). */
export async function closeDuePeriods(tx: Tx, scope: Scope, subscriptionId: string, now: Date): Promise<number> {
  let closed = 0;
  while ((await closeCurrentPeriod(tx, scope, subscriptionId, now)) === "closed") closed += 1;
  return closed;
}
