// The customer balance ledger (docs/concepts/customer-balance.md#the-ledger): every change of a
// customer's balance in a currency is a CustomerBalanceTransaction carrying the balance it leaves,
// written with the balance row's new value in one transaction, so balance = Σ of its transactions.
import { toDecimal, type Decimal } from "@tally/billing";
import { lockCustomerBalance } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
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
  if (change.amount.isZero()) return null;
  const before = toDecimal(await lockCustomerBalance(tx, scope, change.customerId, change.currency));
  const endingBalance = before.plus(change.amount);
  await tx.customerBalance.update({
    where: {
      accountId_mode_customerId_currency: {
        accountId: scope.accountId,
        mode: scope.mode,
        customerId: change.customerId,
        currency: change.currency,
      },
    },
    data: { balance: endingBalance.toFixed() },
  });
  return tx.customerBalanceTransaction.create({
    data: {
      id: newId("CustomerBalanceTransaction"),
      ...scope,
      customerId: change.customerId,
      currency: change.currency,
      type: change.type,
      amount: change.amount.toFixed(),
      endingBalance: endingBalance.toFixed(),
      invoiceId: change.invoiceId ?? null,
      creditNoteId: change.creditNoteId ?? null,
      description: change.description ?? null,
      createdAt: change.at,
    },
  });
}
