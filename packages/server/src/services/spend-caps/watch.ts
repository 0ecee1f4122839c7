// Which of a request's customers ingest must price (docs/concepts/subscriptions.md#spend-caps): those
// with a spend cap and those a money alert watches (docs/concepts/alerts.md#alert-types). Both facts
// are cached (caches.ts: spendCaps per customer, moneyAlerts per tenant), so a request whose
// customers have neither costs no statement; the others' billing subscriptions are loaded before
// the ingest transaction opens (the embedded database has one connection, which it then holds) and
// kept with their stamp (invoices/kept-billables.ts), which the transaction checks after the usage
// lock (checkWatch): a request whose customers' subscriptions did not change loads nothing.
import { caches, tenantKey } from "../../caches.js";
import type { Tenant } from "../../context.js";
import { billingStatus } from "../../db/billing-status.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import type { BillableSubscription } from "../invoices/billable.js";
import { keptBillingSubscriptions, keptCurrent } from "../invoices/kept-billables.js";

export interface SpendWatch {
  /** Customers with a billing subscription that has a spend cap: their usage lock is taken exclusively. */
  capped: ReadonlySet<string>;
  /** Customers with a billing subscription that has billing thresholds: checked after the commit. */
  thresholds: ReadonlySet<string>;
  /** The billing subscriptions of the watched customers, oldest first. */
  subscriptions: readonly BillableSubscription[];
  /** The watched customers: all their billing subscriptions are in `subscriptions`. */
  watched: ReadonlySet<string>;
  /** Whether a money alert watches any of the events. */
  alerted: boolean;
  /** The stamps of the watched customers whose subscriptions were kept from an earlier request, to check. */
  kept: ReadonlyMap<string, string | undefined>;
}

const NOTHING_WATCHED: SpendWatch = {
  capped: new Set(),
  thresholds: new Set(),
  subscriptions: [],
  watched: new Set(),
  alerted: false,
  kept: new Map(),
};

/**
 * Whether the subscriptions the watch kept from earlier requests are still current: run in the
 * ingest transaction after the usage lock, so the events are priced on what is stored now.
 */
export function checkWatch(db: Db, scope: Scope, watch: SpendWatch): Promise<boolean> {
  return keptCurrent(db, scope, watch.kept);
}

/** The watch's subscriptions changed since they were kept: the transaction is to run again on fresh ones. */
export class StaleWatch extends Error {}

const MONEY_TYPES = ["SPEND", "CREDIT_BALANCE", "FORECAST"] as const;

async function moneyAlerts(tenant: Tenant): Promise<Array<{ meterId: string; customerId: string | null }>> {
  const key = tenantKey(tenant.scope, "");
  const cached = caches.moneyAlerts.get(key);
  if (cached) return cached;
  const alerts = await tenant.prisma.usageAlert.findMany({
    where: { status: "ACTIVE", type: { in: [...MONEY_TYPES] } },
    select: { meterId: true, customerId: true },
  });
  caches.moneyAlerts.set(key, alerts);
  return alerts;
}

async function cappedCustomers(
  tenant: Tenant,
  customerIds: readonly string[],
): Promise<{ capped: Set<string>; thresholds: Set<string> }> {
  const keyOf = (id: string) => tenantKey(tenant.scope, id);
  const unknown = customerIds.filter((id) => caches.spendCaps.get(keyOf(id)) === undefined);
  if (unknown.length > 0) {
    const rows = await tenant.prisma.subscription.findMany({
      where: {
        customerId: { in: unknown },
        status: billingStatus,
        OR: [{ spendCapAmount: { not: null } }, { billingThresholdAmountGte: { not: null } }],
      },
      select: { customerId: true, spendCapAmount: true, billingThresholdAmountGte: true },
    });
    for (const id of unknown) {
      const mine = rows.filter((row) => row.customerId === id);
      caches.spendCaps.set(keyOf(id), {
        cap: mine.some((row) => row.spendCapAmount !== null),
        threshold: mine.some((row) => row.billingThresholdAmountGte !== null),
      });
    }
  }
  return {
    capped: new Set(customerIds.filter((id) => caches.spendCaps.get(keyOf(id))?.cap)),
    thresholds: new Set(customerIds.filter((id) => caches.spendCaps.get(keyOf(id))?.threshold)),
  };
}

/** The watch for events of these (customer, meter) pairs. */
export async function spendWatch(
  tenant: Tenant,
  events: ReadonlyArray<{ customer: { id: string }; meter: { id: string } }>,
  /** Load every watched customer's subscriptions afresh (after a StaleWatch). */
  fresh = false,
): Promise<SpendWatch> {
  const customerIds = [...new Set(events.map((e) => e.customer.id))];
  const [{ capped, thresholds }, alerts] = await Promise.all([
    cappedCustomers(tenant, customerIds),
    moneyAlerts(tenant),
  ]);
  const watched = new Set(capped);
  let alerted = false;
  for (const e of events) {
    if (alerts.some((a) => a.meterId === e.meter.id && (a.customerId === null || a.customerId === e.customer.id))) {
      watched.add(e.customer.id);
      alerted = true;
    }
  }
  if (watched.size === 0) return thresholds.size === 0 ? NOTHING_WATCHED : { ...NOTHING_WATCHED, thresholds };
  const { subscriptions, kept } = await keptBillingSubscriptions(tenant, [...watched], fresh);
  return { capped, thresholds, subscriptions, watched, alerted, kept };
}

/** Forgets whether these customers have a spend cap or thresholds, here and on every replica. */
export function forgetSpendCaps(tenant: Tenant, customerIds: readonly string[]): void {
  tenant.forget(
    "spendCaps",
    customerIds.map((id) => tenantKey(tenant.scope, id)),
  );
}

/** Forgets the tenant's money alerts, here and on every replica. */
export function forgetMoneyAlerts(tenant: Tenant): void {
  tenant.forget("moneyAlerts", [tenantKey(tenant.scope, "")]);
}
