// Period ends reached by advancing a test clock (SPEC §1): every subscription of every customer on
// the clock, in time order across subscriptions, before the advance returns.
import type { Scope } from "../../db/tenant.js";
import { closeCurrentPeriod } from "./close-period.js";
import type { Tx } from "./locks.js";

/**
 * Closes, in the caller's transaction (which holds the clock's lock), every period of the clock's
 * customers' subscriptions that ends by `until`: always the earliest open period end next, each
 * invoice made at its period end, as if the clock had stopped there. Returns how many were closed.
 */
export async function closeTestClockPeriods(tx: Tx, scope: Scope, testClockId: string, until: Date): Promise<number> {
  let closed = 0;
  for (;;) {
    const next = await tx.subscription.findFirst({
      where: { status: "ACTIVE", currentPeriodEnd: { lte: until }, customer: { testClockId } },
      orderBy: [{ currentPeriodEnd: "asc" }, { createdAt: "asc" }, { id: "asc" }],
      select: { id: true, currentPeriodEnd: true },
    });
    if (!next) return closed;
    const outcome = await closeCurrentPeriod(tx, scope, next.id, next.currentPeriodEnd);
    if (outcome !== "closed") throw new Error(`Period of ${next.id} ending ${next.currentPeriodEnd.toISOString()} did not close`);
    closed += 1;
  }
}
