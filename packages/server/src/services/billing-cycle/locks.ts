// Row locks of the billing cycle. Every transaction that makes invoices takes its locks in one
// order, so two of them never wait on each other in a cycle:
//   test clock → subscription → customer usage (usage.ts) → the customer's credit grants
//   (credits/grant-state.ts, in id order) → invoice sequence (invoices/number.ts).
// Voids and expiries of grants take only the clock (share) and the one grant's row, in that order.
// Raw SQL is not tenant-scoped by db/tenant.ts: every statement here filters by account and mode.
import type { Clock } from "../../context.js";
import type { Scope } from "../../db/tenant.js";
import { Prisma } from "../../generated/prisma/client.js";

/** A Prisma interactive transaction client (tenant-scoped when opened on a tenant's client). */
export type Tx = Prisma.TransactionClient;

/**
 * Options for transactions that close billing periods: a cancellation first closes every period
 * its customer's now has passed (the scheduler may lag behind), and on PGlite (one connection) a
 * transaction waits for the previous.
 */
export const BILLING_TRANSACTION = { maxWait: 60_000, timeout: 300_000 } as const;

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
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Subscription"
    WHERE "id" = ${id} AND "accountId" = ${scope.accountId} AND "mode" = ${scope.mode}::"Mode"
    FOR UPDATE ${options.skipLocked ? Prisma.sql`SKIP LOCKED` : Prisma.empty}`;
  return rows.length > 0;
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
    WHERE "id" = ${id} AND "accountId" = ${scope.accountId} AND "mode" = ${scope.mode}::"Mode"
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
