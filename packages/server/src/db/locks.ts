// Row locks of the billing cycle. Every transaction that makes invoices takes its locks in one
// order, so two of them never wait on each other in a cycle:
//   test clock → customer row → subscription → invoice row (a transition's, or a DRAFT's:
//   invoices/drafts.ts lockDraft) → customer usage → the customer's credit grants (in id order, read
//   with FOR UPDATE by credits/grant-state.ts) → the customer's balance in the invoice's currency →
//   pending one-off invoice items (in creation order, read with FOR UPDATE by invoices/pending.ts) →
//   number sequences (invoices/number.ts).
// Voids and expiries of grants take only the clock (share) and the one grant's row, in that order.
// Credit holds and captures take the clock (share), the customer's credit lock (lockCustomerCredit),
// then its grants in id order; an auto-recharge takes the clock (share), its CreditAutoRecharge row,
// then what a purchase takes (number sequences).
// Ingest takes customer usage (shared; exclusive for a customer with a spend cap) → dimension combinations of (meter, customer, month), in
// sorted order, only when a batch carries a combination not yet stored.
// Invoice transitions and credit notes (services/invoices/transitions.ts, services/credit-notes/)
// take the clock (share), a void the subscription, then the invoice row, grants and balance.
// Creating, changing and deleting an invoice item take the clock (share), its draft's row if it is
// on one, then the item's row: a period close that read an item holds it until its invoice commits.
import type { Clock } from "../clock.js";
import { scopeClause, type Scope } from "./tenant-scope.js";
import type { Db, Tx } from "./transaction.js";
import { Prisma, type Customer } from "../generated/prisma/client.js";

/**
 * Locks the subscription row (SELECT … FOR UPDATE) until the transaction ends. With `skipLocked`
 * a row another transaction holds is skipped instead of waited for: false means "busy or gone".
 */
export async function lockSubscription(
  tx: Tx,
  scope: Scope,
  id: string,
  options: { skipLocked?: boolean } = {},
): Promise<boolean> {
  return (await lockSubscriptions(tx, scope, [id], options)).length > 0;
}

/**
 * lockSubscription for several rows, taken in id order (so two batches never wait on each other
 * in a cycle); returns the ids locked, in id order.
 */
export async function lockSubscriptions(
  tx: Tx,
  scope: Scope,
  ids: readonly string[],
  options: { skipLocked?: boolean } = {},
): Promise<string[]> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Subscription"
    WHERE "id" = ANY(${[...ids]}::text[]) AND ${scopeClause(scope)}
    ORDER BY "id"
    FOR UPDATE ${options.skipLocked ? Prisma.sql`SKIP LOCKED` : Prisma.empty}`;
  return rows.map((row) => row.id);
}

/**
 * Locks a customer row until the transaction ends and returns it (null when there is none):
 * "update" to delete it, "share" to create a subscription for it, so neither misses the other.
 */
export async function lockCustomer(
  tx: Tx,
  scope: Scope,
  id: string,
  strength: "update" | "share",
): Promise<Customer | null> {
  const rows = await tx.$queryRaw<Customer[]>`
    SELECT * FROM "Customer"
    WHERE "id" = ${id} AND ${scopeClause(scope)}
    FOR ${strength === "update" ? Prisma.sql`UPDATE` : Prisma.sql`SHARE`}`;
  return rows[0] ?? null;
}

/**
 * Locks a test clock row and returns its frozen time (null when there is no such clock).
 * "update" serialises advances of one clock; "share" keeps the clock still while a subscription
 * of one of its customers is created or cancelled, so "now" cannot move under the transaction.
 */
export async function lockTestClock(
  tx: Tx,
  scope: Scope,
  id: string,
  strength: "update" | "share",
): Promise<Date | null> {
  const rows = await tx.$queryRaw<Array<{ frozenTime: Date }>>`
    SELECT "frozenTime" FROM "TestClock"
    WHERE "id" = ${id} AND ${scopeClause(scope)}
    FOR ${strength === "update" ? Prisma.sql`UPDATE` : Prisma.sql`SHARE`}`;
  return rows[0] ? new Date(rows[0].frozenTime) : null;
}

/** The customer's now (services/time.ts) read under a share lock of its test clock, if it has one. */
export async function lockedCustomerNow(
  tx: Tx,
  scope: Scope,
  customer: { testClockId: string | null },
  clock: Clock,
): Promise<Date> {
  if (customer.testClockId === null) return clock.now();
  const frozenTime = await lockTestClock(tx, scope, customer.testClockId, "share");
  if (frozenTime === null) throw new Error(`Test clock ${customer.testClockId} of a customer is missing`);
  return frozenTime;
}

/**
 * Serialises usage writers against invoice finalisation for these customers: ingest takes it
 * "shared", cancellation and invoice finalisation take it "exclusive"; transaction-scoped advisory
 * locks (pg_advisory_xact_lock[_shared](hashtext('usage:' || customerId))) taken in sorted order so
 * batches never deadlock. Must run inside a transaction.
 */
export async function lockCustomersUsage(tx: Db, customerIds: string[], mode: "shared" | "exclusive"): Promise<void> {
  const ids = [...new Set(customerIds)].sort();
  if (ids.length === 0) return;
  const lock = mode === "shared" ? Prisma.raw("pg_advisory_xact_lock_shared") : Prisma.raw("pg_advisory_xact_lock");
  // The ORDER BY makes PostgreSQL take the locks one by one in sorted order.
  await tx.$queryRaw`
    SELECT count(${lock}(hashtext('usage:' || c.id)))::int AS locked
    FROM (SELECT unnest(${ids}::text[]) AS id ORDER BY 1) c`;
}

/**
 * lockCustomersUsage with a mode per customer: `exclusive` ones exclusively (customers whose
 * ingest must see every other's, a spend cap's), the others shared, all in one sorted order.
 */
export async function lockCustomersUsageMixed(
  tx: Db,
  customerIds: string[],
  exclusive: ReadonlySet<string>,
): Promise<void> {
  const ids = [...new Set(customerIds)].sort();
  if (ids.length === 0) return;
  await tx.$queryRaw`
    SELECT count(CASE WHEN c.ex THEN pg_advisory_xact_lock(hashtext('usage:' || c.id))::text
                      ELSE pg_advisory_xact_lock_shared(hashtext('usage:' || c.id))::text END)::int AS locked
    FROM (SELECT unnest(${ids}::text[]) AS id, unnest(${ids.map((id) => exclusive.has(id))}::boolean[]) AS ex ORDER BY 1) c`;
}

/** Locks one grant's row (`FOR UPDATE`) until the transaction ends: false when there is no such grant. */
export async function lockGrant(db: Db, scope: Scope, id: string): Promise<boolean> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "CreditGrant"
    WHERE "id" = ${id} AND ${scopeClause(scope)}
    FOR UPDATE`;
  return rows.length > 0;
}

/**
 * Serialises the adding of dimension-value combinations per (meter, customer, UTC month), each
 * given as one string, so that a month's count of combinations is exact under concurrent batches
 * (usage-store/postgres/combinations.ts): exclusive transaction-scoped advisory locks, in sorted order.
 */
export async function lockDimensionCombinations(tx: Db, months: string[]): Promise<void> {
  const keys = [...new Set(months)].sort();
  if (keys.length === 0) return;
  await tx.$queryRaw`
    SELECT count(pg_advisory_xact_lock(hashtext('dimensions:' || c.key)))::int AS locked
    FROM (SELECT unnest(${keys}::text[]) AS key ORDER BY 1) c`;
}

/**
 * Locks an invoice row (FOR UPDATE) until the transaction ends: status transitions and credit notes
 * of one invoice queue here, so each sees the other's result. Null when there is no such invoice.
 */
export async function lockInvoice(tx: Tx, scope: Scope, id: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Invoice"
    WHERE "id" = ${id} AND ${scopeClause(scope)}
    FOR UPDATE`;
  return rows.length > 0;
}

/**
 * Locks the customer's balance row in one currency (created at 0 when missing) and returns the
 * balance (a decimal string): everything that reads the balance to change it (a finalization, a credit note, a void,
 * an adjustment) queues here, so the ledger's running balance is never computed twice from one value.
 */
export async function lockCustomerBalance(tx: Db, scope: Scope, customerId: string, currency: string): Promise<string> {
  return (await lockCustomerBalances(tx, scope, [{ customerId, currency }])).get(customerId)!;
}

/**
 * lockCustomerBalance for several customers, one currency each (a batch of period closes): their
 * balances by customer, the rows locked in customer order.
 */
export async function lockCustomerBalances(
  tx: Db,
  scope: Scope,
  balances: ReadonlyArray<{ customerId: string; currency: string }>,
): Promise<Map<string, string>> {
  const customerIds = balances.map((b) => b.customerId);
  const currencies = balances.map((b) => b.currency);
  await tx.$executeRaw`
    INSERT INTO "CustomerBalance" ("accountId", "mode", "customerId", "currency", "balance")
    SELECT ${scope.accountId}, ${scope.mode}::"Mode", b."customerId", b."currency", 0
    FROM unnest(${customerIds}::text[], ${currencies}::text[]) AS b("customerId", "currency")
    ORDER BY b."customerId"
    ON CONFLICT ("accountId", "mode", "customerId", "currency") DO NOTHING`;
  const rows = await tx.$queryRaw<Array<{ customerId: string; balance: string }>>`
    SELECT "customerId", "balance"::text AS "balance" FROM "CustomerBalance"
    WHERE ("customerId", "currency") IN (SELECT * FROM unnest(${customerIds}::text[], ${currencies}::text[]))
      AND ${scopeClause(scope)}
    ORDER BY "customerId"
    FOR UPDATE`;
  return new Map(rows.map((row) => [row.customerId, row.balance]));
}

/**
 * Serialises everything that reserves or charges one customer's credit (holds, captures): an
 * exclusive transaction-scoped advisory lock, so each reads the available balance the previous
 * one left (docs/concepts/credits.md#holds). Must run inside a transaction.
 */
export async function lockCustomerCredit(tx: Db, customerId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext('credit:' || ${customerId}))) l`;
}
