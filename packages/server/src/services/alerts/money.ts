// What a money alert measures (docs/concepts/alerts.md#alert-types), read in the ingest transaction
// after its insert, from the preview of the customer's oldest billing subscription with a price on
// the alert's meter (the subscription whose period the alert counts over): SPEND its total,
// FORECAST the period-end projection of that total (the engine's forecastTotal), CREDIT_BALANCE the
// customer's available credit balance in its currency (credits/available.ts).
import {
  composeInvoice,
  type Decimal,
  forecastTotal,
  isGrantApplicable,
  type PeriodEndSnapshot,
  sum,
} from "@tally/billing";
import type { Db } from "../../db/transaction.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { UsageAlert, UsageAlertType } from "../../generated/prisma/client.js";
import { availableCreditBalance, heldByCurrency, heldIn } from "../credits/available.js";
import type { BillableSubscription } from "../invoices/billable.js";
import { periodEndSnapshot } from "../invoices/snapshot.js";

/** Money alerts fire when the value rises to the threshold, except CREDIT_BALANCE, when it falls to it. */
export function reachesThreshold(type: UsageAlertType, value: Decimal, threshold: Decimal): boolean {
  return type === "CREDIT_BALANCE" ? value.lessThanOrEqualTo(threshold) : value.greaterThanOrEqualTo(threshold);
}

type MoneyAlert = Pick<UsageAlert, "type" | "meterId">;

/** A money alert's values for customers at their now (null: no billing subscription of the customer has a price on the meter). */
export interface MoneyValues {
  /** The value; snapshots are read once per subscription. */
  value(alert: MoneyAlert, customerId: string, now: Date): Promise<Decimal | null>;
  /**
   * The value when it needs no read: SPEND and FORECAST of a preview the caller priced under the
   * customer's exclusive usage lock (spend caps), which no other ingest changes before the commit;
   * undefined otherwise.
   */
  settled(alert: MoneyAlert, customerId: string, now: Date): Decimal | null | undefined;
}

export function moneyValues(
  tx: Db,
  scope: Scope,
  subscriptions: readonly BillableSubscription[],
  known: ReadonlyMap<string, PeriodEndSnapshot> = new Map(),
): MoneyValues {
  const snapshots = new Map<string, Promise<PeriodEndSnapshot>>();
  const subscriptionOf = (alert: MoneyAlert, customerId: string) =>
    subscriptions.find(
      (s) => s.customerId === customerId && s.items.some((item) => item.price.meterId === alert.meterId),
    );
  const fromPreview = (alert: MoneyAlert, snapshot: PeriodEndSnapshot, now: Date) =>
    alert.type === "FORECAST" ? forecastTotal(snapshot, now) : composeInvoice(snapshot).total;
  return {
    settled(alert, customerId, now) {
      const subscription = subscriptionOf(alert, customerId);
      if (!subscription) return null;
      const preview = known.get(subscription.id);
      return preview && alert.type !== "CREDIT_BALANCE" ? fromPreview(alert, preview, now) : undefined;
    },
    async value(alert, customerId, now) {
      const subscription = subscriptionOf(alert, customerId);
      if (!subscription) return null;
      if (!snapshots.has(subscription.id)) {
        const preview = known.get(subscription.id);
        snapshots.set(
          subscription.id,
          preview
            ? Promise.resolve(preview)
            : (periodEndSnapshot(tx, scope, subscription) as Promise<PeriodEndSnapshot>),
        );
      }
      const snapshot = await snapshots.get(subscription.id)!;
      if (alert.type !== "CREDIT_BALANCE") return fromPreview(alert, snapshot, now);
      const draft = composeInvoice(snapshot);
      // The grants for every metered price: what holds reserve against (credits/available.ts).
      const unscoped = snapshot.grants.filter(
        (grant) => "allMeteredPrices" in grant.scope && isGrantApplicable(grant, subscription.currency, now),
      );
      const ids = new Set(unscoped.map((grant) => grant.id));
      return availableCreditBalance({
        remaining: sum(unscoped.map((grant) => grant.remaining)),
        held: heldIn(await heldByCurrency(tx, scope, customerId, now), subscription.currency),
        previewCovered: sum(draft.creditApplications.filter((a) => ids.has(a.grantId)).map((a) => a.amount)),
      });
    },
  };
}
