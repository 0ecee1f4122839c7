// customer.creditBalance (docs/concepts/credits.md#live-balance): per currency, what the customer's grants can pay now
// (`available`), what would be left if the current periods' usage were invoiced now
// (`projectedAvailable`), the active holds, and the available balance holds and auto-recharge use
// (credits/available.ts) — computed live, with the previews' snapshots and the same engine, so
// an event recorded a moment ago already counts (read-your-writes).
import {
  composeInvoice,
  isGrantApplicable,
  type InvoiceSnapshot,
  sum,
  type CreditGrantState,
  type Decimal,
} from "@tally/billing";
import type { Tenant } from "../../context.js";
import type { Clock } from "../../clock.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Db, Tx } from "../../db/transaction.js";
import { periodEndSnapshot } from "./snapshot.js";
import { billableInclude } from "./billable.js";
import { customerNow } from "../time.js";
import { loadGrantStates } from "../credits/grant-state.js";
import { availableCreditBalance, heldByCurrency, heldIn } from "../credits/available.js";
import { billingStatus } from "../../db/billing-status.js";
import { byId } from "../../db/tenant-scope.js";

export interface CreditBalance {
  currency: string;
  available: Decimal;
  projectedAvailable: Decimal;
  /** The active credit holds. */
  held: Decimal;
  /** The available balance of credits/available.ts: what a hold may still reserve. */
  availableAfterHolds: Decimal;
}

/**
 * One entry per currency the customer has ever been granted, by currency code, read on `db` (a
 * transaction's, for a hold or a recharge deciding under its lock).
 * - available: Σ remaining of the grants effective, unexpired and not voided at the customer's
 *   now (a grant not yet effective is not available yet).
 * - projectedAvailable: available minus what the customer's active subscriptions' current usage
 *   would draw from those grants if invoiced now: their preview drafts composed at now, one after
 *   the other (earliest period end first) on the balances the previous ones left.
 * - availableAfterHolds: the same projection over the grants for every metered price, less the holds.
 */
export async function creditBalancesAt(
  db: Db & Pick<Tx, "creditGrant" | "subscription">,
  scope: Scope,
  customerId: string,
  now: Date,
): Promise<CreditBalance[]> {
  const currencies = await db.creditGrant.findMany({
    where: { customerId },
    distinct: ["currency"],
    orderBy: { currency: "asc" },
    select: { currency: true },
  });
  if (currencies.length === 0) return [];

  const grants = await loadGrantStates(db, scope, { customerId });
  const subscriptions = await db.subscription.findMany({
    where: { customerId, status: billingStatus },
    orderBy: [{ currentPeriodEnd: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    include: billableInclude,
  });
  const previews: InvoiceSnapshot[] = [];
  for (const subscription of subscriptions) previews.push(await periodEndSnapshot(db, scope, subscription));
  const held = await heldByCurrency(db, scope, customerId, now);
  return balancesOf(
    currencies.map((c) => c.currency),
    { grants, previews, held },
    now,
  );
}

/**
 * The order in which creditBalancesAt composes the subscriptions' previews on the grants:
 * earliest period end first, then the oldest.
 */
export function previewOrder(
  a: { currentPeriodEnd: Date; createdAt: Date; id: string },
  b: { currentPeriodEnd: Date; createdAt: Date; id: string },
): number {
  return (
    a.currentPeriodEnd.getTime() - b.currentPeriodEnd.getTime() ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * creditBalancesAt's balances in these currencies from what it reads: the customer's grants
 * (loadGrantStates), every billing subscription's preview in previewOrder, and the active holds.
 */
export function balancesOf(
  currencies: readonly string[],
  read: {
    grants: readonly CreditGrantState[];
    previews: readonly InvoiceSnapshot[];
    held: ReadonlyMap<string, Decimal>;
  },
  now: Date,
): CreditBalance[] {
  const grants = read.grants.filter((grant) => isGrantApplicable(grant, grant.currency, now));
  const remaining = new Map(grants.map((grant) => [grant.id, grant.remaining]));
  for (const snapshot of read.previews) {
    const states: CreditGrantState[] = grants.map((grant) => ({ ...grant, remaining: remaining.get(grant.id)! }));
    const draft = composeInvoice({ ...snapshot, at: now, grants: states });
    for (const application of draft.creditApplications) {
      remaining.set(application.grantId, remaining.get(application.grantId)!.minus(application.amount));
    }
  }
  const { held } = read;
  return currencies.map((currency) => {
    const inCurrency = grants.filter((grant) => grant.currency === currency);
    const unscoped = inCurrency.filter((grant) => "allMeteredPrices" in grant.scope);
    const unscopedRemaining = sum(unscoped.map((grant) => grant.remaining));
    return {
      currency,
      available: sum(inCurrency.map((grant) => grant.remaining)),
      projectedAvailable: sum(inCurrency.map((grant) => remaining.get(grant.id)!)),
      held: heldIn(held, currency),
      availableAfterHolds: availableCreditBalance({
        remaining: unscopedRemaining,
        held: heldIn(held, currency),
        previewCovered: unscopedRemaining.minus(sum(unscoped.map((grant) => remaining.get(grant.id)!))),
      }),
    };
  });
}

/** creditBalancesAt at the customer's now, on the tenant's client; [] for no such customer. */
export async function creditBalance(tenant: Tenant, clock: Clock, customerId: string): Promise<CreditBalance[]> {
  const customer = await tenant.prisma.customer.findUnique({
    where: byId(tenant.scope, customerId),
    include: { testClock: true },
  });
  if (!customer) return [];
  return creditBalancesAt(tenant.prisma, tenant.scope, customerId, customerNow(customer, clock));
}
