// Customers' billing subscriptions kept by this process between requests, each customer's with the
// stamp (billing-stamp.ts) read before they were loaded: never served unchecked, since every user
// compares the stamp with the stored one (the spend watch in its ingest transaction, the preview
// before it reads usage), so entries need no invalidation (docs/operations/caches.md).
import { tenantKey } from "../../caches.js";
import type { Tenant } from "../../context.js";
import { billingStatus } from "../../db/billing-status.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";
import { LruCache } from "../../lru.js";
import { billableInclude, type BillableSubscription } from "./billable.js";
import { billingStamps } from "./billing-stamp.js";
import { byId } from "../../db/tenant-scope.js";

/** Billing subscriptions (oldest first) with their stamp, by `tenantKey(scope, customerId)`. */
const kept = new LruCache<string, { stamp: string | undefined; subscriptions: BillableSubscription[] }>(10_000);

/** Each previewed subscription's customer, by `tenantKey(scope, subscriptionId)`: it never changes. */
const customerOf = new LruCache<string, string>(10_000);

/** Loads these customers' billing subscriptions, stamped `stamps` (read before), and keeps them. */
async function load(
  tenant: Tenant,
  customerIds: readonly string[],
  stamps: ReadonlyMap<string, string>,
): Promise<Map<string, BillableSubscription[]>> {
  const loaded = await tenant.prisma.subscription.findMany({
    where: { customerId: { in: [...customerIds] }, status: billingStatus },
    include: billableInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const found = new Map<string, BillableSubscription[]>();
  for (const id of customerIds) {
    const mine = loaded.filter((s) => s.customerId === id);
    found.set(id, mine);
    kept.set(tenantKey(tenant.scope, id), { stamp: stamps.get(id), subscriptions: mine });
  }
  return found;
}

/**
 * These customers' billing subscriptions, from those kept (unchecked: the caller checks the stamps
 * returned in `kept` with `keptCurrent` where it must) or loaded now (kept for the next requests).
 */
export async function keptBillingSubscriptions(
  tenant: Tenant,
  customerIds: readonly string[],
  fresh: boolean,
): Promise<{ subscriptions: BillableSubscription[]; kept: Map<string, string | undefined> }> {
  const reused = new Map<string, string | undefined>();
  const found = new Map<string, BillableSubscription[]>();
  for (const id of customerIds) {
    const entry = fresh ? undefined : kept.get(tenantKey(tenant.scope, id));
    if (entry) {
      reused.set(id, entry.stamp);
      found.set(id, entry.subscriptions);
    }
  }
  const missing = customerIds.filter((id) => !found.has(id));
  if (missing.length > 0) {
    // The stamp first: a change committed between the two reads makes it stale, never the subscriptions.
    const stamps = await billingStamps(tenant.sql, tenant.scope, missing);
    for (const [id, mine] of await load(tenant, missing, stamps)) found.set(id, mine);
  }
  // Oldest first within each customer, as loaded; every reader picks a customer's own.
  return { subscriptions: customerIds.flatMap((id) => found.get(id)!), kept: reused };
}

/** Whether the subscriptions kept with these stamps are still current (one statement). */
export async function keptCurrent(
  db: Db,
  scope: Scope,
  stamps: ReadonlyMap<string, string | undefined>,
): Promise<boolean> {
  if (stamps.size === 0) return true;
  const current = await billingStamps(db, scope, [...stamps.keys()]);
  return [...stamps].every(([id, stamp]) => current.get(id) === stamp);
}

/**
 * A billing subscription as stored now, or null (unknown, or not billing): once its customer's
 * subscriptions are kept, a check of their stamp is the only statement.
 */
export async function currentBillable(tenant: Tenant, subscriptionId: string): Promise<BillableSubscription | null> {
  const subscriptionKey = tenantKey(tenant.scope, subscriptionId);
  let customerId = customerOf.get(subscriptionKey);
  if (customerId === undefined) {
    const row = await tenant.prisma.subscription.findUnique({
      where: byId(tenant.scope, subscriptionId),
      select: { customerId: true },
    });
    if (!row) return null;
    customerId = row.customerId;
    customerOf.set(subscriptionKey, customerId);
  }
  const stamps = await billingStamps(tenant.sql, tenant.scope, [customerId]);
  const entry = kept.get(tenantKey(tenant.scope, customerId));
  // A change since they were kept: loaded again, under the stamp just read (read first, as above).
  const subscriptions =
    entry && entry.stamp === stamps.get(customerId)
      ? entry.subscriptions
      : (await load(tenant, [customerId], stamps)).get(customerId)!;
  return subscriptions.find((s) => s.id === subscriptionId) ?? null;
}
