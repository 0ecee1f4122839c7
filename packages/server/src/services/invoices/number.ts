// Document numbers (docs/concepts/invoices.md#numbers): per account, mode and series (INV for
// invoices, CN for credit notes), gap-free and in order. The counter row is incremented inside the
// document's own transaction: concurrent documents queue on that row, and a transaction that rolls
// back gives its number back.
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";

type Series = "INV" | "CN";

/** Takes the tenant's next number in the series, e.g. INV-000042. Must run in the transaction that stores the document. */
async function nextNumber(tx: Tx, scope: Scope, series: Series): Promise<string> {
  const [row] = await tx.$queryRaw<Array<{ taken: number }>>`
    INSERT INTO "InvoiceSequence" ("accountId", "mode", "series", "next") VALUES (${scope.accountId}, ${scope.mode}::"Mode", ${series}, 2)
    ON CONFLICT ("accountId", "mode", "series") DO UPDATE SET "next" = "InvoiceSequence"."next" + 1
    RETURNING "next" - 1 AS "taken"`;
  return `${series}-${String(Number(row!.taken)).padStart(6, "0")}`;
}

/** Takes the tenant's next invoice number. Must run in the transaction that stores the invoice. */
export function nextInvoiceNumber(tx: Tx, scope: Scope): Promise<string> {
  return nextNumber(tx, scope, "INV");
}

/** Takes the tenant's next credit note number (docs/concepts/credit-notes.md#numbers). */
export function nextCreditNoteNumber(tx: Tx, scope: Scope): Promise<string> {
  return nextNumber(tx, scope, "CN");
}
