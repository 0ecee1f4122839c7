// Storing what the engine applied to a finalized invoice: each grant's balance goes down by its
// application, with an APPLICATION ledger row naming the invoice, in the invoice's transaction.
import type { CreditApplication } from "@tally/billing";
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import { debitGrants } from "./ledger.js";

export interface InvoiceCredits {
  invoiceId: string;
  customerId: string;
  currency: string;
  applications: readonly CreditApplication[];
  /** The invoice's time. */
  at: Date;
}

/**
 * The grants were read under their row locks by the finalizing transaction (the snapshot's
 * `lock`), so each guarded debit finds the balance the engine was given. Several invoices' (a
 * batch of period closes, one per customer) in one set of statements.
 */
export async function persistCreditApplications(
  tx: Tx,
  scope: Scope,
  invoices: readonly InvoiceCredits[],
): Promise<void> {
  await debitGrants(
    tx,
    scope,
    invoices.flatMap((credits) =>
      credits.applications.map((application) => ({
        type: "APPLICATION" as const,
        grant: { id: application.grantId, customerId: credits.customerId, currency: credits.currency },
        amount: application.amount,
        invoiceId: credits.invoiceId,
        effectiveAt: credits.at,
        at: credits.at,
      })),
    ),
  );
}
