// Auto-recharge (docs/concepts/credits.md#auto-recharge): Customer.creditAutoRecharge, set by
// setCreditAutoRecharge; when the available balance (credits/available.ts) is at or below the
// threshold, the request that made it so buys one recharge (purchase.ts) — under the settings'
// row lock, so never two at once for a customer, none while one waits for payment, and at most
// monthlyLimit per calendar month (UTC) — and records billing.credit_balance.recharged.
import { Decimal, type InvoiceSnapshot, minorUnits, normalizeCurrency, toDecimal } from "@tally/billing";
import { caches, tenantKey } from "../../caches.js";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockedCustomerNow } from "../../db/locks.js";
import { byId, scopeClause, type Scope } from "../../db/tenant-scope.js";
import { CREDIT_TRANSACTION, type Tx } from "../../db/transaction.js";
import { InvalidInputError } from "../../errors.js";
import type { CreditAutoRecharge, CreditPurchase } from "../../generated/prisma/client.js";
import { validateName, validatePriority } from "../credits/create.js";
import { findCustomer } from "../customers.js";
import { recordEvent } from "../event-log/record.js";
import { heldByCustomers } from "../credits/available.js";
import { loadCustomersGrantStates } from "../credits/grant-state.js";
import { balancesOf, creditBalancesAt } from "../invoices/credit-balance.js";
import { type ClockedCustomer, customerNow } from "../time.js";
import { storePurchase } from "./purchase.js";

export interface CreditAutoRechargeInput {
  currency: string;
  thresholdAmount: { toFixed(): string };
  /** TARGET: recharge up to this available balance. */
  rechargeToAmount?: { toFixed(): string } | null;
  /** FIXED: recharge this amount. */
  fixedAmount?: { toFixed(): string } | null;
  /** Recharges per calendar month (UTC), 1–100. */
  monthlyLimit: number;
  grant?: { name?: string | null; priority?: number | null; expiresInDays?: number | null } | null;
  invoiceRequiresPayment?: boolean | null;
}

const MAX_MONTHLY_LIMIT = 100;
const MAX_EXPIRES_IN_DAYS = 3_650;
const MAX_AMOUNT = toDecimal("1e15");

function money(value: { toFixed(): string }, currency: string, field: string[], positive: boolean): Decimal {
  const amount = toDecimal(value.toFixed());
  if (positive ? !amount.greaterThan(0) : amount.isNegative())
    throw new InvalidInputError(`must be ${positive ? "greater than" : "at least"} 0; got ${amount.toFixed()}`, field);
  if (amount.decimalPlaces() > minorUnits(currency))
    throw new InvalidInputError(`${currency} amounts have at most ${minorUnits(currency)} decimal places`, field);
  if (amount.greaterThanOrEqualTo(MAX_AMOUNT)) throw new InvalidInputError(`must be less than 1e15`, field);
  return amount;
}

function checkSettings(input: CreditAutoRechargeInput) {
  const at = (name: string) => ["input", "autoRecharge", name];
  const currency = normalizeCurrency(input.currency);
  if (currency === null) throw new InvalidInputError(`Unknown currency: ${input.currency}`, at("currency"));
  const threshold = money(input.thresholdAmount, currency, at("thresholdAmount"), false);
  if ((input.rechargeToAmount == null) === (input.fixedAmount == null))
    throw new InvalidInputError("Give exactly one of rechargeToAmount and fixedAmount", at("rechargeToAmount"));
  const rechargeTo =
    input.rechargeToAmount == null ? null : money(input.rechargeToAmount, currency, at("rechargeToAmount"), true);
  if (rechargeTo !== null && !rechargeTo.greaterThan(threshold))
    throw new InvalidInputError("rechargeToAmount must be above thresholdAmount", at("rechargeToAmount"));
  const fixed = input.fixedAmount == null ? null : money(input.fixedAmount, currency, at("fixedAmount"), true);
  if (!Number.isInteger(input.monthlyLimit) || input.monthlyLimit < 1 || input.monthlyLimit > MAX_MONTHLY_LIMIT)
    throw new InvalidInputError(`monthlyLimit is 1–${MAX_MONTHLY_LIMIT}`, at("monthlyLimit"));
  const days = input.grant?.expiresInDays ?? null;
  if (days !== null && (!Number.isInteger(days) || days < 1 || days > MAX_EXPIRES_IN_DAYS))
    throw new InvalidInputError(`grant.expiresInDays is 1–${MAX_EXPIRES_IN_DAYS}`, at("grant"));
  return {
    currency,
    thresholdAmount: threshold.toFixed(),
    rechargeToAmount: rechargeTo?.toFixed() ?? null,
    fixedAmount: fixed?.toFixed() ?? null,
    monthlyLimit: input.monthlyLimit,
    grantName: validateName(input.grant?.name),
    grantPriority: validatePriority(input.grant?.priority),
    grantExpiresInDays: days,
    invoiceRequiresPayment: input.invoiceRequiresPayment === true,
  };
}

/** Sets (or with null removes) the customer's auto-recharge; every replica forgets its watch. */
export async function setCreditAutoRecharge(
  tenant: Tenant,
  clock: Clock,
  input: { customerId: string; autoRecharge: CreditAutoRechargeInput | null },
): Promise<CreditAutoRecharge | null> {
  const customer = await findCustomer(tenant, input.customerId, ["input", "customerId"]);
  const settings = input.autoRecharge === null ? null : checkSettings(input.autoRecharge);
  const stored = await tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, tenant.scope, customer, clock);
    if (settings === null) {
      await tx.creditAutoRecharge.deleteMany({ where: { customerId: customer.id } });
      return null;
    }
    return tx.creditAutoRecharge.upsert({
      where: { accountId_mode_customerId: { ...tenant.scope, customerId: customer.id } },
      create: { customerId: customer.id, ...tenant.scope, ...settings, createdAt: now, updatedAt: now },
      update: { ...settings, updatedAt: now },
    });
  });
  tenant.forget("creditRechargeWatch", [tenantKey(tenant.scope, customer.id)]);
  return stored;
}

/** The start of `now`'s calendar month, UTC: monthlyLimit counts recharges from there. */
function monthStart(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

/**
 * One customer's recharge decision under its settings' row lock, at the customer's now; returns
 * the purchase made, or null (no settings, one in flight, the month's limit reached, or above the
 * threshold).
 */
async function rechargeLocked(tx: Tx, scope: Scope, customerId: string, now: Date): Promise<CreditPurchase | null> {
  const locked = await tx.$queryRaw<Array<{ customerId: string }>>`
    SELECT "customerId" FROM "CreditAutoRecharge" WHERE "customerId" = ${customerId} AND ${scopeClause(scope)} FOR UPDATE`;
  if (locked.length === 0) return null;
  const settings = await tx.creditAutoRecharge.findUniqueOrThrow({
    where: { accountId_mode_customerId: { ...scope, customerId } },
  });
  const made = { customerId, autoRecharge: true } as const;
  if ((await tx.creditPurchase.count({ where: { ...made, status: "PENDING" } })) > 0) return null;
  const thisMonth = await tx.creditPurchase.count({ where: { ...made, createdAt: { gte: monthStart(now) } } });
  if (thisMonth >= settings.monthlyLimit) return null;
  const balances = await creditBalancesAt(tx, scope, customerId, now);
  const available = balances.find((b) => b.currency === settings.currency)?.availableAfterHolds ?? toDecimal("0");
  const threshold = toDecimal(settings.thresholdAmount.toFixed());
  if (available.greaterThan(threshold)) return null;
  const amount = (
    settings.fixedAmount !== null
      ? toDecimal(settings.fixedAmount.toFixed())
      : toDecimal(settings.rechargeToAmount!.toFixed()).minus(available)
  ).toDecimalPlaces(minorUnits(settings.currency), Decimal.ROUND_UP);
  const purchase = await storePurchase(
    tx,
    scope,
    {
      customerId,
      testClockId: null,
      amount,
      currency: settings.currency,
      grantName: settings.grantName,
      grantPriority: settings.grantPriority,
      grantExpiresAt:
        settings.grantExpiresInDays === null
          ? null
          : new Date(now.getTime() + settings.grantExpiresInDays * 86_400_000),
      grantPriceIds: [],
      invoiceRequiresPayment: settings.invoiceRequiresPayment,
      taxRates: [],
    },
    now,
    { autoRecharge: true },
  );
  await recordEvent(tx, scope, "billing.credit_balance.recharged", {
    customerId,
    purchaseId: purchase.id,
    invoiceId: purchase.invoiceId,
    grantId: purchase.grantId,
    currency: settings.currency,
    amount: amount.toFixed(),
    availableBefore: available.toFixed(),
    thresholdAmount: threshold.toFixed(),
  });
  return purchase;
}

/** A customer's auto-recharge as the pre-check needs it (null: none), cached per customer. */
interface RechargeWatch {
  currency: string;
  threshold: Decimal;
}

async function rechargeWatch(tenant: Tenant, customerId: string): Promise<RechargeWatch | null> {
  const key = tenantKey(tenant.scope, customerId);
  let watch = caches.creditRechargeWatch.get(key);
  if (watch === undefined) {
    const settings = await tenant.prisma.creditAutoRecharge.findUnique({
      where: { accountId_mode_customerId: { ...tenant.scope, customerId } },
      select: { currency: true, thresholdAmount: true },
    });
    watch = settings && { currency: settings.currency, threshold: toDecimal(settings.thresholdAmount.toFixed()) };
    caches.creditRechargeWatch.set(key, watch);
  }
  return watch;
}

/**
 * Every billing subscription's preview of a customer as the calling ingest committed it (priced
 * under the customer's exclusive usage lock, with exactly the events it stored), in previewOrder.
 */
export interface PricedAtCommit {
  customer: ClockedCustomer;
  previews: readonly InvoiceSnapshot[];
}

/**
 * Those of the customers whose available balance may be at or below their threshold, from
 * `priced` and the grants and holds read now (each kind in one statement for all), by the one rule
 * (balancesOf, credits/available.ts). It cannot miss a crossing this request made: the previews
 * are the usage as this request committed it (no other ingest of the customer commits while its
 * usage lock is held exclusively) and the grants and holds are read after that commit, so a change
 * that lowers the balance after it is seen here or is another request's, which checks after its
 * own commit (holds, captures, voids, ingest); only raising changes committed meanwhile can make
 * it higher than at the commit, and the exact check would see those too. A wrong "maybe" only
 * costs the exact check.
 */
async function mayBeDue(
  tenant: Tenant,
  clock: Clock,
  customers: ReadonlyArray<{ customerId: string; watch: RechargeWatch; priced: PricedAtCommit }>,
): Promise<Set<string>> {
  const nows = new Map(customers.map((c) => [c.customerId, customerNow(c.priced.customer, clock)]));
  const customerIds = [...nows.keys()];
  const [grants, held] = await Promise.all([
    loadCustomersGrantStates(tenant.sql, tenant.scope, { customerIds }),
    heldByCustomers(
      tenant.sql,
      tenant.scope,
      customerIds.map((customerId) => ({ customerId, now: nows.get(customerId)! })),
    ),
  ]);
  const due = new Set<string>();
  for (const { customerId, watch, priced } of customers) {
    const read = { grants: grants.get(customerId)!, previews: priced.previews, held: held.get(customerId)! };
    const [balance] = balancesOf([watch.currency], read, nows.get(customerId)!);
    if (!balance!.availableAfterHolds.greaterThan(watch.threshold)) due.add(customerId);
  }
  return due;
}

/**
 * After a request that may have lowered these customers' available balance (ingest, a hold, a
 * capture, a period close): recharges each that has an auto-recharge and crossed its threshold.
 * Customers known to have none cost nothing (the watch cache); those whose previews the caller
 * priced at its commit (`priced`) open the locked decision only when they may be due (mayBeDue).
 */
export async function rechargeCrossed(
  tenant: Tenant,
  clock: Clock,
  customerIds: readonly string[],
  priced: ReadonlyMap<string, PricedAtCommit> = new Map(),
): Promise<CreditPurchase[]> {
  const watched: Array<{ customerId: string; watch: RechargeWatch }> = [];
  for (const customerId of new Set(customerIds)) {
    const watch = await rechargeWatch(tenant, customerId);
    if (watch !== null) watched.push({ customerId, watch });
  }
  const known = watched.flatMap((w) => (priced.has(w.customerId) ? [{ ...w, priced: priced.get(w.customerId)! }] : []));
  const due = known.length > 0 ? await mayBeDue(tenant, clock, known) : new Set<string>();
  const made: CreditPurchase[] = [];
  for (const { customerId } of watched) {
    if (priced.has(customerId) && !due.has(customerId)) continue;
    const customer = await tenant.prisma.customer.findUniqueOrThrow({
      where: byId(tenant.scope, customerId),
      select: { testClockId: true },
    });
    const purchase = await tenant.prisma.$transaction(
      async (tx) =>
        rechargeLocked(tx, tenant.scope, customerId, await lockedCustomerNow(tx, tenant.scope, customer, clock)),
      CREDIT_TRANSACTION,
    );
    if (purchase) made.push(purchase);
  }
  return made;
}
