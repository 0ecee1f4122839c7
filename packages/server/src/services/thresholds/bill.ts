// Billing thresholds (docs/concepts/subscriptions.md#billing-thresholds), checked after an ingest
// commits, in the same request, for the customers whose subscriptions have them: under the
// finalization's locks (db/locks.ts order), when the period's usage not yet invoiced reaches
// amountGte, one SUBSCRIPTION_THRESHOLD invoice bills it (and records each item's quantity so far,
// so later invoices of the period bill only the rest: the engine's priceContinuation). Requests
// that cross together queue on the subscription's row lock; the second sees the first's invoice
// and bills nothing. With resetBillingCycleAnchor the crossing resets the cycle instead.
import { composeInvoice, openPeriod, toDecimal } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { billingStatus, isBilling } from "../../db/billing-status.js";
import { lockCustomersUsage, lockedCustomerNow, lockSubscription } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
import { BILLING_TRANSACTION, type Tx } from "../../db/transaction.js";
import { closeDuePeriods } from "../billing-cycle/close-period.js";
import { loadBillable } from "../invoices/billable.js";
import { thresholdSnapshot } from "../invoices/snapshot.js";
import { storeFinalizedInvoice } from "../invoices/store.js";
import { scheduleOf } from "../prices.js";
import { applyChange } from "../subscriptions/update.js";

/** Bills the thresholds these customers' subscriptions have reached (one transaction per subscription). */
export async function billThresholds(tenant: Tenant, clock: Clock, customerIds: readonly string[]): Promise<void> {
  const subscriptions = await tenant.prisma.subscription.findMany({
    where: { customerId: { in: [...customerIds] }, status: billingStatus, billingThresholdAmountGte: { not: null } },
    select: { id: true, customer: { select: { testClockId: true } } },
    orderBy: { id: "asc" },
  });
  for (const s of subscriptions) {
    await tenant.prisma.$transaction(
      (tx) => billThreshold(tx, tenant.scope, clock, s.customer, s.id),
      BILLING_TRANSACTION,
    );
  }
}

async function billThreshold(
  tx: Tx,
  scope: Scope,
  clock: Clock,
  customer: { testClockId: string | null },
  id: string,
): Promise<void> {
  const now = await lockedCustomerNow(tx, scope, customer, clock);
  await lockSubscription(tx, scope, id);
  await closeDuePeriods(tx, scope, id, now);
  const subscription = await loadBillable(tx, scope, id);
  if (!subscription || !isBilling(subscription.status) || subscription.billingThresholdAmountGte === null) return;
  if (now <= openPeriod(scheduleOf(subscription)).start) return;
  await lockCustomersUsage(tx, [subscription.customerId], "exclusive");
  // A trial's cycle starts at its end: a threshold reached during it bills without resetting.
  const reset = subscription.billingThresholdResetAnchor && subscription.status === "ACTIVE";
  const snapshot = await thresholdSnapshot(tx, scope, subscription, now, !reset);
  const draft = composeInvoice(snapshot);
  if (draft.total.lessThan(toDecimal(subscription.billingThresholdAmountGte.toFixed()))) return;
  if (reset) {
    // The reset's own rule (docs/concepts/subscriptions.md#resetting-the-billing-cycle): the period
    // ends now, its usage, prorations and the new full period's licences on one invoice. The next
    // crossing is in the new period, which starts at now, so this instant bills no other.
    await applyChange(tx, scope, clock, customer, { id, billingCycleAnchor: "NOW" }, "SUBSCRIPTION_THRESHOLD");
    return;
  }
  // One threshold invoice per instant (a test clock's time stands still): the next crossing bills later.
  const same = await tx.invoice.count({
    where: { subscriptionId: id, billingReason: "SUBSCRIPTION_THRESHOLD", periodEnd: now },
  });
  if (same > 0) return;
  const stored = await storeFinalizedInvoice(tx, scope, {
    subscription,
    billingReason: "SUBSCRIPTION_THRESHOLD",
    draft,
    at: now,
  });
  if (stored === null || snapshot.kind !== "FINAL") return;
  const { period, quantities } = snapshot.usage;
  for (const [itemId, quantity] of quantities) {
    await tx.$executeRaw`
      INSERT INTO "ThresholdBilledUsage" ("accountId", "mode", "subscriptionId", "itemId", "periodStart", "quantity")
      VALUES (${scope.accountId}, ${scope.mode}::"Mode", ${id}, ${itemId}, ${period.start}, ${quantity.toFixed()}::numeric)
      ON CONFLICT ("accountId", "mode", "subscriptionId", "itemId", "periodStart")
      DO UPDATE SET "quantity" = GREATEST("ThresholdBilledUsage"."quantity", EXCLUDED."quantity")`;
  }
}
