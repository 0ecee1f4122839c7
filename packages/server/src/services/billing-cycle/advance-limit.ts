// How far one advance of a test clock may go (docs/concepts/time-and-test-clocks.md#advancing-a-clock), as
// Stripe's test clocks: two intervals of the shortest billing interval among the clock's active
// subscriptions, or two years when it has none. It bounds the invoices one advance makes.
import { addInterval, type Interval } from "@tally/billing";
import { InvalidInputError } from "../../errors.js";
import type { Tx } from "../../db/transaction.js";
import { billingStatus } from "../../db/billing-status.js";

const NO_SUBSCRIPTION: Interval = { unit: "YEAR", count: 1 };

const UNIT_NAMES = { DAY: "day", WEEK: "week", MONTH: "month", YEAR: "year" } as const;

function describeInterval(interval: Interval): string {
  const unit = UNIT_NAMES[interval.unit];
  return interval.count === 1 ? `1 ${unit}` : `${interval.count} ${unit}s`;
}

/** The latest time the clock may advance to from `from`, and the interval that decides it. */
async function advanceLimit(
  tx: Tx,
  testClockId: string,
  from: Date,
): Promise<{ limit: Date; interval: Interval; bySubscription: boolean }> {
  const intervals = await tx.subscription.findMany({
    where: { status: billingStatus, customer: { testClockId } },
    distinct: ["interval", "intervalCount"],
    select: { interval: true, intervalCount: true },
  });
  let shortest = { limit: addInterval(from, NO_SUBSCRIPTION, 2), interval: NO_SUBSCRIPTION, bySubscription: false };
  for (const row of intervals) {
    const interval: Interval = { unit: row.interval, count: row.intervalCount };
    const limit = addInterval(from, interval, 2);
    if (!shortest.bySubscription || limit < shortest.limit) shortest = { limit, interval, bySubscription: true };
  }
  return shortest;
}

/** Refuses (TEST_CLOCK_ADVANCE_TOO_FAR) an advance from `from` to `to` beyond the limit. */
export async function assertWithinAdvanceLimit(tx: Tx, testClockId: string, from: Date, to: Date): Promise<void> {
  const { limit, interval, bySubscription } = await advanceLimit(tx, testClockId, from);
  if (to <= limit) return;
  const reason = bySubscription
    ? `two intervals of its shortest subscription interval (${describeInterval(interval)})`
    : "two years, as no active subscription is on it";
  throw new InvalidInputError(
    `A test clock advances at most ${reason} at a time: from ${from.toISOString()} it may go up to ${limit.toISOString()}, not ${to.toISOString()}. Advance in steps.`,
    ["input", "frozenTime"],
    "TEST_CLOCK_ADVANCE_TOO_FAR",
  );
}
