// Spend caps at ingest (docs/concepts/subscriptions.md#spend-caps), inside the ingest transaction
// after the customers' usage locks (exclusive for a capped customer, db/locks.ts), so every
// transaction prices its events on the usage of all that committed before it. A BLOCK_EVENTS cap
// refuses each event whose acceptance would take the period's previewed total over it (the
// engine's rule, admitUnderCap); whichever the behaviour, the period in which the total reaches
// the cap (or an event is refused) is recorded once, with its billing.spend_cap.reached event.
import {
  admitUnderCap,
  type Aggregation,
  type CappedEvent,
  type Decimal,
  matchesConditions,
  openPeriod,
  type PeriodEndSnapshot,
  toDecimal,
  valuesByKey,
} from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Db } from "../../db/transaction.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Meter, SpendCapReached } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { recordEvents } from "../event-log/record.js";
import { spendCapReachedEventData } from "../event-log/serializers.js";
import type { BillableSubscription } from "../invoices/billable.js";
import { periodEndReads, periodEndSnapshot } from "../invoices/snapshot.js";
import { scheduleOf, segmentConditionsOf } from "../prices.js";
import { customerNow } from "../time.js";
import type { SpendWatch } from "./watch.js";

/** An event as the cap sees it. */
export interface CapCandidate {
  customer: { id: string };
  meter: Pick<Meter, "id" | "aggregation" | "dimensionPayloadKeys">;
  value: Decimal;
  timestamp: Date;
  dimensions: ReadonlyArray<string | null> | null;
}

/** An event a BLOCK_EVENTS cap refused, with the subscription whose cap it is. */
export interface CapRefusal {
  index: number;
  subscription: BillableSubscription;
}

interface Reached {
  subscription: BillableSubscription;
  periodStart: Date;
  total: Decimal;
}

export interface CapCheck {
  refused: CapRefusal[];
  /** Each capped subscription's preview with the admitted events, priced under the exclusive lock: exact after the insert. */
  previews: ReadonlyMap<string, PeriodEndSnapshot>;
  /**
   * Records the caps reached (once per subscription and period); called once the admitted events
   * are stored. True when one was recorded now (the first time in its period).
   */
  recordReached(tx: Db): Promise<boolean>;
}

/** The subscription's metered items that count the event: its meter, and its segment when the price has one. */
function countingItems(subscription: BillableSubscription, event: CapCandidate): CappedEvent["items"] {
  return subscription.items.flatMap((item) => {
    const { price } = item;
    if (price.usageType !== "METERED" || price.meterId !== event.meter.id) return [];
    const conditions = segmentConditionsOf(price);
    if (
      conditions.length > 0 &&
      !matchesConditions(valuesByKey(event.meter.dimensionPayloadKeys, event.dimensions ?? []), conditions)
    )
      return [];
    return [{ itemId: item.id, aggregation: event.meter.aggregation as Aggregation, value: event.value }];
  });
}

const NO_LIMIT = toDecimal("Infinity");

export async function checkSpendCaps(
  tx: Db,
  scope: Scope,
  clock: Clock,
  watch: SpendWatch,
  events: readonly CapCandidate[],
): Promise<CapCheck> {
  const refused = new Map<number, CapRefusal>();
  const reached: Reached[] = [];
  const previews = new Map<string, PeriodEndSnapshot>();
  const counted = (subscription: BillableSubscription) =>
    subscription.spendCapAmount !== null &&
    events.some((e) => e.customer.id === subscription.customerId && countingItems(subscription, e).length > 0);
  const capped = watch.subscriptions.filter(counted);
  // Each kind of read in one statement for all the subscriptions, the kinds sent together.
  const reads = capped.length > 0 ? await periodEndReads(tx, scope, capped, { lock: false }) : new Map();
  const snapshots = await Promise.all(
    capped.map((s) => periodEndSnapshot(tx, scope, s, { reads: reads.get(s.id) }) as Promise<PeriodEndSnapshot>),
  );
  for (const [at, subscription] of capped.entries()) {
    const cap = subscription.spendCapAmount!;
    const mine = events.flatMap((event, index) =>
      event.customer.id === subscription.customerId && !refused.has(index)
        ? [{ index, capped: { timestamp: event.timestamp, items: countingItems(subscription, event) } }]
        : [],
    );
    const snapshot = snapshots[at]!;
    const capDecimal = toDecimal(cap.toFixed());
    const block = subscription.spendCapBehavior === "BLOCK_EVENTS";
    const decision = admitUnderCap(
      snapshot,
      block ? capDecimal : NO_LIMIT,
      mine.map((e) => e.capped),
    );
    previews.set(subscription.id, decision.snapshot);
    let anyRefused = false;
    for (const [i, ok] of decision.admitted.entries()) {
      if (ok) continue;
      anyRefused = true;
      refused.set(mine[i]!.index, { index: mine[i]!.index, subscription });
    }
    if (anyRefused || decision.after.greaterThanOrEqualTo(capDecimal)) {
      reached.push({ subscription, periodStart: openPeriod(scheduleOf(subscription)).start, total: decision.after });
    }
  }
  return {
    refused: [...refused.values()].sort((a, b) => a.index - b.index),
    previews,
    recordReached: (db) => recordReached(db, scope, clock, reached),
  };
}

async function recordReached(tx: Db, scope: Scope, clock: Clock, reached: Reached[]): Promise<boolean> {
  if (reached.length === 0) return false;
  // One insertion order for every transaction, so that racing inserts wait on each other without deadlock.
  const sorted = [...reached].sort((a, b) => (a.subscription.id < b.subscription.id ? -1 : 1));
  const rows = await tx.$queryRaw<SpendCapReached[]>`
    INSERT INTO "SpendCapReached" ("id", "accountId", "mode", "subscriptionId", "customerId", "periodStart", "amount", "reachedAt")
    SELECT r."id", ${scope.accountId}, ${scope.mode}::"Mode", r."subscriptionId", r."customerId", r."periodStart", r."amount", r."reachedAt"
    FROM unnest(
      ${sorted.map(() => newId("SpendCapReached"))}::text[], ${sorted.map((r) => r.subscription.id)}::text[],
      ${sorted.map((r) => r.subscription.customerId)}::text[],
      ${sorted.map((r) => r.periodStart.toISOString())}::timestamptz[], ${sorted.map((r) => r.total.toFixed())}::numeric[],
      ${sorted.map((r) => customerNow(r.subscription.customer, clock).toISOString())}::timestamptz[]
    ) WITH ORDINALITY AS r("id", "subscriptionId", "customerId", "periodStart", "amount", "reachedAt", ord)
    ORDER BY r.ord
    ON CONFLICT ("accountId", "mode", "subscriptionId", "periodStart") DO NOTHING
    RETURNING *`;
  const bySubscription = new Map(reached.map((r) => [r.subscription.id, r.subscription]));
  await recordEvents(
    tx,
    scope,
    "billing.spend_cap.reached",
    rows.map((row) => spendCapReachedEventData(row, bySubscription.get(row.subscriptionId)!)),
  );
  return rows.length > 0;
}
