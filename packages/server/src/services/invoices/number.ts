// Document numbers (docs/concepts/invoices.md#numbers): per account, mode and series (INV for
// invoices, CN for credit notes), gap-free and in order. The counter row is incremented inside the
// document's own transaction: concurrent documents queue on that row, and a transaction that rolls
// back gives its number back.
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";

type Series = "INV" | "CN";

/**
 * Takes the tenant's next `count` numbers in the series, in order, e.g. INV-000042, INV-000043: one
 * update of the counter row however many. Must run in the transaction that stores the documents.
 */
async function nextNumbers(tx: Tx, scope: Scope, series: Series, count: number): Promise<string[]> {
  if (count === 0) return [];
  const [row] = await tx.$queryRaw<Array<{ first: number }>>`
    INSERT INTO "InvoiceSequence" ("accountId", "mode", "series", "next") VALUES (${scope.accountId}, ${scope.mode}::"Mode", ${series}, ${count + 1}::int)
    ON CONFLICT ("accountId", "mode", "series") DO UPDATE SET "next" = "InvoiceSequence"."next" + ${count}::int
    RETURNING "next" - ${count}::int AS "first"`;
  const first = Number(row!.first);
  return Array.from({ length: count }, (_, i) => `${series}-${String(first + i).padStart(6, "0")}`);
}

async function nextNumber(tx: Tx, scope: Scope, series: Series): Promise<string> {
  return (await nextNumbers(tx, scope, series, 1))[0]!;
}

/** Takes the tenant's next `count` invoice numbers (a batch of invoices). Must run in the transaction that stores them. */
export function nextInvoiceNumbers(tx: Tx, scope: Scope, count: number): Promise<string[]> {
  return nextNumbers(tx, scope, "INV", count);
}

/** Takes the tenant's next invoice number. Must run in the transaction that stores the invoice. */
export function nextInvoiceNumber(tx: Tx, scope: Scope): Promise<string> {
  return nextNumber(tx, scope, "INV");
}

/** Takes the tenant's next credit note number (docs/concepts/credit-notes.md#numbers). */
export function nextCreditNoteNumber(tx: Tx, scope: Scope): Promise<string> {
  return nextNumber(tx, scope, "CN");
}
