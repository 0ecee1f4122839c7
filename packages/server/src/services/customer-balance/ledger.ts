// The customer balance ledger (docs/concepts/customer-balance.md#the-ledger): every change of a
// customer's balance in a currency is a CustomerBalanceTransaction carrying the balance it leaves,
// written with the balance row's new value in one transaction, so balance = Σ of its transactions.
import { toDecimal, type Decimal } from "@tally/billing";
import { lockCustomerBalances } from "../../db/locks.js";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import type { CustomerBalanceTransaction, CustomerBalanceTransactionType } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";

interface BalanceChange {
  customerId: string;
  currency: string;
  type: CustomerBalanceTransactionType;
  /** Stripe's sign: negative credits the customer, positive is owed by them. */
  amount: Decimal;
  invoiceId?: string;
  creditNoteId?: string;
  description?: string | null;
  at: Date;
}

/**
 * Locks the balance row (db/locks.ts), writes the new balance and its transaction. A zero change
 * writes nothing and returns null. Callers that read the balance first (a finalization) already
 * hold the lock; taking it again is free.
 */
export async function changeCustomerBalance(
  tx: Tx,
  scope: Scope,
  change: BalanceChange,
): Promise<CustomerBalanceTransaction | null> {
  const [transaction] = await changeCustomerBalances(tx, scope, [change]);
  return transaction ?? null;
}

/**
 * changeCustomerBalance for several customers (a batch of period closes), one currency each, in
 * four statements whatever their number: the locks, the balances, and the transactions in list
 * order, each carrying the running balance it leaves. Returns the transactions of the non-zero changes.
 */
export async function changeCustomerBalances(
  tx: Tx,
  scope: Scope,
  changes: readonly BalanceChange[],
): Promise<CustomerBalanceTransaction[]> {
  const nonZero = changes.filter((change) => !change.amount.isZero());
  if (nonZero.length === 0) return [];
  const currencyOf = new Map(nonZero.map((change) => [change.customerId, change.currency]));
  if (nonZero.some((change) => currencyOf.get(change.customerId) !== change.currency))
    throw new Error("changeCustomerBalances takes one currency per customer");
  const locked = await lockCustomerBalances(
    tx,
    scope,
    [...currencyOf].map(([customerId, currency]) => ({ customerId, currency })),
  );
  const balances = new Map([...locked].map(([customerId, balance]) => [customerId, toDecimal(balance)]));
  const rows = nonZero.map((change, ord) => {
    const endingBalance = balances.get(change.customerId)!.plus(change.amount);
    balances.set(change.customerId, endingBalance);
    return {
      ord,
      id: newId("CustomerBalanceTransaction"),
      customerId: change.customerId,
      currency: change.currency,
      type: change.type,
      amount: change.amount.toFixed(),
      endingBalance: endingBalance.toFixed(),
      invoiceId: change.invoiceId ?? null,
      creditNoteId: change.creditNoteId ?? null,
      description: change.description ?? null,
      createdAt: change.at.toISOString(),
    };
  });
  await tx.$executeRaw`
    UPDATE "CustomerBalance" b SET "balance" = u."balance"
    FROM unnest(${[...balances.keys()]}::text[], ${[...balances.keys()].map((id) => currencyOf.get(id)!)}::text[],
      ${[...balances.values()].map((balance) => balance.toFixed())}::numeric[]) AS u("customerId", "currency", "balance")
    WHERE b."customerId" = u."customerId" AND b."currency" = u."currency" AND ${scopeClause(scope, "b")}`;
  const transactions = await tx.$queryRaw<CustomerBalanceTransaction[]>`
    INSERT INTO "CustomerBalanceTransaction" ("id", "accountId", "mode", "customerId", "currency", "type", "amount",
      "endingBalance", "invoiceId", "creditNoteId", "description", "createdAt")
    SELECT d."id", ${scope.accountId}, ${scope.mode}::"Mode", d."customerId", d."currency", d."type", d."amount",
      d."endingBalance", d."invoiceId", d."creditNoteId", d."description", d."createdAt"
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS d("ord" integer, "id" text, "customerId" text, "currency" text,
      "type" "CustomerBalanceTransactionType", "amount" numeric, "endingBalance" numeric, "invoiceId" text,
      "creditNoteId" text, "description" text, "createdAt" timestamptz)
    ORDER BY d."ord"
    RETURNING *`;
  return transactions.sort((a, b) => (a.seq < b.seq ? -1 : 1));
}
