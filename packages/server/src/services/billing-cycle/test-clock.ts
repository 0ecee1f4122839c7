// Period ends and credit grant expiries reached by advancing a test clock (docs/concepts/time-and-test-clocks.md):
// every subscription and grant of every customer on the clock, in time order, one step per
// transaction, so an advance never holds a connection (PGlite's only one) for more than a step.
import type { PrismaClient } from "../../generated/prisma/client.js";
import type { Scope } from "../../db/tenant-scope.js";
import { expireGrant, nextTestClockExpiry } from "../credits/expire.js";
import { closeCurrentPeriod, periodEndedBy } from "./close-period.js";
import { recordTrialNotice, trialNoticeAt, trialNoticeDueBy } from "./trial-notice.js";
import { lockTestClock } from "../../db/locks.js";
import { BILLING_TRANSACTION, type Tx } from "../../db/transaction.js";

/**
 * Does the earliest thing due on the clock's customers by `until`: a trial's notice, a grant expiry, or else the
 * earliest open period end (a grant is not valid at its expiresAt, so an expiry at a period end
 * goes first and the invoice sees the grants valid at its time). Each invoice is made at its
 * period end, as if the clock had stopped there. Returns false when nothing is due.
 */
export async function closeNextTestClockDue(tx: Tx, scope: Scope, testClockId: string, until: Date): Promise<boolean> {
  const next = await tx.subscription.findFirst({
    where: { ...periodEndedBy(until), customer: { testClockId } },
    orderBy: [{ currentPeriodEnd: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    select: { id: true, currentPeriodEnd: true },
  });
  // A trial's notice comes before its end, which is the trial period's end.
  const notice = await tx.subscription.findFirst({
    where: { ...trialNoticeDueBy(until), customer: { testClockId } },
    orderBy: [{ trialEnd: "asc" }, { id: "asc" }],
    select: { id: true, trialEnd: true },
  });
  if (notice && (!next || trialNoticeAt(notice.trialEnd!) <= next.currentPeriodEnd)) {
    return recordTrialNotice(tx, scope, notice.id, trialNoticeAt(notice.trialEnd!));
  }
  const expiry = await nextTestClockExpiry(tx, testClockId, next?.currentPeriodEnd ?? until);
  if (expiry) {
    if (!(await expireGrant(tx, scope, expiry.id, expiry.expiresAt))) {
      throw new Error(`Credit grant ${expiry.id} expiring ${expiry.expiresAt.toISOString()} did not expire`);
    }
    return true;
  }
  if (!next) return false;
  const outcome = await closeCurrentPeriod(tx, scope, next.id, next.currentPeriodEnd);
  if (outcome !== "closed")
    throw new Error(`Period of ${next.id} ending ${next.currentPeriodEnd.toISOString()} did not close`);
  return true;
}

/**
 * Brings the clock's customers up to its frozen time: one step of closeNextTestClockDue per
 * transaction, each under the clock's row lock (so concurrent catch-ups of one clock take turns
 * and keep the time order), until nothing is due. Whatever stopped an earlier catch-up halfway
 * (a crash, an error), the next one resumes exactly there. Returns the number of steps done.
 */
export async function catchUpTestClock(db: PrismaClient, scope: Scope, testClockId: string): Promise<number> {
  let steps = 0;
  for (;;) {
    const progressed = await db.$transaction(async (tx) => {
      const frozenTime = await lockTestClock(tx, scope, testClockId, "update");
      return frozenTime !== null && closeNextTestClockDue(tx, scope, testClockId, frozenTime);
    }, BILLING_TRANSACTION);
    if (!progressed) return steps;
    steps += 1;
  }
}
