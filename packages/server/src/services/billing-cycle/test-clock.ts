// Period ends and credit grant expiries reached by advancing a test clock (SPEC §1, §7): every
// subscription and grant of every customer on the clock, in time order, before the advance returns.
import type { Scope } from "../../db/tenant.js";
import { expireGrant, nextTestClockExpiry } from "../credits/expire.js";
import { closeCurrentPeriod } from "./close-period.js";
import type { Tx } from "./locks.js";

/**
 * Closes, in the caller's transaction (which holds the clock's lock), every period of the clock's
 * customers' subscriptions that ends by `until`: always the earliest open period end next, each
 * invoice made at its period end, as if the clock had stopped there. Grants expiring by `until`
 * are expired in the same time order (an expiry at a period end first: a grant is not valid at its
 * expiresAt), so each invoice sees the grants valid at its time. Returns how many periods were closed.
 */
export async function closeTestClockPeriods(tx: Tx, scope: Scope, testClockId: string, until: Date): Promise<number> {
  let closed = 0;
  for (;;) {
    const next = await tx.subscription.findFirst({
      where: { status: "ACTIVE", currentPeriodEnd: { lte: until }, customer: { testClockId } },
      orderBy: [{ currentPeriodEnd: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true, currentPeriodEnd: true },
    });
    const expiry = await nextTestClockExpiry(tx, testClockId, next?.currentPeriodEnd ?? until);
    if (expiry) {
      if (!(await expireGrant(tx, scope, expiry.id, expiry.expiresAt))) {
        throw new Error(`Credit grant ${expiry.id} expiring ${expiry.expiresAt.toISOString()} did not expire`);
      }
      continue;
    }
    if (!next) return closed;
    const outcome = await closeCurrentPeriod(tx, scope, next.id, next.currentPeriodEnd);
    if (outcome !== "closed")
      throw new Error(`Period of ${next.id} ending ${next.currentPeriodEnd.toISOString()} did not close`);
    closed += 1;
  }
}
