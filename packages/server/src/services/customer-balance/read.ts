// Reading customer balances without locks: previews and the Customer type. Changes lock the row
// first (db/locks.ts lockCustomerBalance). Raw SQL is not tenant-scoped: it filters with scopeClause.
import { toDecimal, type Decimal } from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";

/** The key of a customer's balance in a currency, in readCustomerBalances' map. */
export const balanceKey = (b: { customerId: string; currency: string }) => `${b.customerId}:${b.currency}`;

/** readCustomerBalance of several (customer, currency) pairs in one statement, by balanceKey. */
export async function readCustomerBalances(
  db: Db,
  scope: Scope,
  balances: ReadonlyArray<{ customerId: string; currency: string }>,
): Promise<Map<string, string>> {
  const rows = await db.$queryRaw<Array<{ customerId: string; currency: string; balance: string }>>`
    SELECT "customerId", "currency", "balance"::text AS "balance" FROM "CustomerBalance"
    WHERE ("customerId", "currency") IN (
        SELECT * FROM unnest(${balances.map((b) => b.customerId)}::text[], ${balances.map((b) => b.currency)}::text[]))
      AND ${scopeClause(scope)}`;
  const read = new Map(rows.map((row) => [balanceKey(row), row.balance]));
  return new Map(balances.map((b) => [balanceKey(b), read.get(balanceKey(b)) ?? "0"]));
}

/** The customer's balance in one currency; 0 when it never had one. */
export async function readCustomerBalance(
  db: Db,
  scope: Scope,
  customerId: string,
  currency: string,
): Promise<Decimal> {
  const rows = await db.$queryRaw<Array<{ balance: string }>>`
    SELECT "balance"::text AS "balance" FROM "CustomerBalance"
    WHERE "customerId" = ${customerId} AND "currency" = ${currency} AND ${scopeClause(scope)}`;
  return toDecimal(rows[0]?.balance ?? "0");
}
