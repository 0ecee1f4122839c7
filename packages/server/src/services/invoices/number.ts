// Invoice numbers (docs/concepts/invoices.md#numbers): per account and mode, gap-free and in order. The counter row is
// incremented inside the invoice's own transaction: concurrent invoices queue on that row, and a
// transaction that rolls back gives its number back.
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";

function formatInvoiceNumber(n: number): string {
  return `INV-${String(n).padStart(6, "0")}`;
}

/** Takes the tenant's next invoice number. Must run in the transaction that stores the invoice. */
export async function nextInvoiceNumber(tx: Tx, scope: Scope): Promise<string> {
  const [row] = await tx.$queryRaw<Array<{ taken: number }>>`
    INSERT INTO "InvoiceSequence" ("accountId", "mode", "next") VALUES (${scope.accountId}, ${scope.mode}::"Mode", 2)
    ON CONFLICT ("accountId", "mode") DO UPDATE SET "next" = "InvoiceSequence"."next" + 1
    RETURNING "next" - 1 AS "taken"`;
  return formatInvoiceNumber(Number(row!.taken));
}
