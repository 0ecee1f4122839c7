// The credit ledger (docs/concepts/credits.md#the-ledger): every grant, application, reversal, expiry and void is a balance
// transaction, written in the same transaction as the change of the grant's `remaining`. Together they keep
// remaining = granted − applied + reversed − expired − voided for every grant, hence for every customer.
import type { Decimal } from "@tally/billing";
import { scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { CreditGrant } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import type { Tx } from "../../db/transaction.js";

type LedgerGrant = Pick<CreditGrant, "id" | "customerId" | "currency">;

interface Debit {
  type: "APPLICATION" | "EXPIRY" | "VOID" | "HOLD_CAPTURE";
  grant: LedgerGrant;
  /** What is taken off the grant's balance (≥ 0); the ledger row carries it negated. */
  amount: Decimal;
  /** The invoice an application paid. */
  invoiceId?: string;
  /** The credit hold a HOLD_CAPTURE charged. */
  holdId?: string;
  /** When the change takes effect: the invoice's time, the grant's expiry, the void. */
  effectiveAt: Date;
  /** The customer's now when it is written. */
  at: Date;
  /** What else the change sets on the grant: voidedAt for a void, expiredAt for an expiry. */
  mark?: { voidedAt: Date } | { expiredAt: Date };
}

/** Thrown when a guarded balance change finds the grant not as its caller read it (a bug: callers hold the row lock). */
class StaleGrantError extends Error {
  constructor(grantId: string) {
    super(`Credit grant ${grantId} changed under a transaction that held its lock`);
  }
}

/** The GRANT row: + the granted amount, effective when the grant is. */
export async function recordGrant(
  tx: Tx,
  scope: Scope,
  grant: LedgerGrant & Pick<CreditGrant, "amount" | "effectiveAt">,
  at: Date,
): Promise<void> {
  await tx.creditBalanceTransaction.create({
    data: {
      id: newId("CreditBalanceTransaction"),
      ...scope,
      customerId: grant.customerId,
      grantId: grant.id,
      type: "GRANT",
      currency: grant.currency,
      amount: grant.amount,
      effectiveAt: grant.effectiveAt,
      createdAt: at,
    },
  });
}

/**
 * The one way a grant's balance goes down: a statement guarded so that it can never make the
 * balance negative nor touch a voided or expired grant, checked to have changed exactly that row,
 * and its ledger row. A zero debit (voiding or expiring a used-up grant) only sets the mark.
 */
export async function debitGrant(tx: Tx, scope: Scope, debit: Debit): Promise<void> {
  await debitGrants(tx, scope, [debit]);
}

/**
 * debitGrant for several grants (a batch of period closes' applications) in two statements
 * whatever their number: the guarded update of every grant, then the ledger rows in list order.
 */
export async function debitGrants(tx: Tx, scope: Scope, debits: readonly Debit[]): Promise<void> {
  if (debits.length === 0) return;
  const grantIds = new Set(debits.map((debit) => debit.grant.id));
  if (grantIds.size !== debits.length) throw new Error("debitGrants takes one debit per grant");
  const rows = debits.map((debit, ord) => ({
    ord,
    id: newId("CreditBalanceTransaction"),
    grantId: debit.grant.id,
    customerId: debit.grant.customerId,
    currency: debit.grant.currency,
    type: debit.type,
    amount: debit.amount.toFixed(),
    invoiceId: debit.invoiceId ?? null,
    holdId: debit.holdId ?? null,
    effectiveAt: debit.effectiveAt.toISOString(),
    createdAt: debit.at.toISOString(),
    voidedAt: debit.mark && "voidedAt" in debit.mark ? debit.mark.voidedAt.toISOString() : null,
    expiredAt: debit.mark && "expiredAt" in debit.mark ? debit.mark.expiredAt.toISOString() : null,
  }));
  const json = JSON.stringify(rows);
  const updated = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "CreditGrant" g
    SET "remaining" = g."remaining" - d."amount",
      "voidedAt" = coalesce(d."voidedAt", g."voidedAt"), "expiredAt" = coalesce(d."expiredAt", g."expiredAt")
    FROM jsonb_to_recordset(${json}::jsonb) AS d("grantId" text, "amount" numeric, "voidedAt" timestamptz, "expiredAt" timestamptz)
    WHERE g."id" = d."grantId" AND g."remaining" >= d."amount" AND g."voidedAt" IS NULL AND g."expiredAt" IS NULL
      AND ${scopeClause(scope, "g")}
    RETURNING g."id"`;
  if (updated.length !== debits.length) {
    const changed = new Set(updated.map((row) => row.id));
    throw new StaleGrantError([...grantIds].find((id) => !changed.has(id))!);
  }
  await tx.$executeRaw`
    INSERT INTO "CreditBalanceTransaction" ("id", "accountId", "mode", "customerId", "grantId", "invoiceId", "holdId",
      "type", "currency", "amount", "effectiveAt", "createdAt")
    SELECT d."id", ${scope.accountId}, ${scope.mode}::"Mode", d."customerId", d."grantId", d."invoiceId", d."holdId",
      d."type", d."currency", -d."amount", d."effectiveAt", d."createdAt"
    FROM jsonb_to_recordset(${json}::jsonb) AS d("ord" integer, "id" text, "customerId" text, "grantId" text, "invoiceId" text,
      "holdId" text, "type" "CreditTransactionType", "currency" text, "amount" numeric, "effectiveAt" timestamptz,
      "createdAt" timestamptz)
    WHERE d."amount" <> 0
    ORDER BY d."ord"`;
}

interface Reversal {
  grant: LedgerGrant & Pick<CreditGrant, "voidedAt" | "expiredAt">;
  /** What the voided invoice's application took (> 0). */
  amount: Decimal;
  invoiceId: string;
  at: Date;
}

/**
 * Gives an application back when its invoice is voided (docs/concepts/invoices.md#voiding): a
 * REVERSAL row of +amount, so the balance is as if the invoice never existed. A grant voided or
 * expired since would have lost that amount too, so it loses it again (a VOID or EXPIRY row of
 * −amount) and its remaining stays 0. The caller holds the grant's row lock.
 */
export async function reverseApplication(tx: Tx, scope: Scope, reversal: Reversal): Promise<void> {
  const { grant, amount } = reversal;
  const row = (type: "REVERSAL" | "VOID" | "EXPIRY", signed: Decimal) => ({
    id: newId("CreditBalanceTransaction"),
    ...scope,
    customerId: grant.customerId,
    grantId: grant.id,
    invoiceId: reversal.invoiceId,
    type,
    currency: grant.currency,
    amount: signed.toFixed(),
    effectiveAt: reversal.at,
    createdAt: reversal.at,
  });
  if (grant.voidedAt !== null || grant.expiredAt !== null) {
    const lost = grant.voidedAt !== null ? "VOID" : "EXPIRY";
    await tx.creditBalanceTransaction.createMany({ data: [row("REVERSAL", amount), row(lost, amount.negated())] });
    return;
  }
  const { count } = await tx.creditGrant.updateMany({
    where: { id: grant.id, voidedAt: null, expiredAt: null },
    data: { remaining: { increment: amount.toFixed() } },
  });
  if (count !== 1) throw new StaleGrantError(grant.id);
  await tx.creditBalanceTransaction.create({ data: row("REVERSAL", amount) });
}
