// Reading customer balances without locks: previews and the Customer type. Changes lock the row
// first (db/locks.ts lockCustomerBalance). Raw SQL is not tenant-scoped: it filters with scopeClause.
import { toDecimal, type Decimal } from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Db } from "../../db/transaction.js";

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
