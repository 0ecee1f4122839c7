// Storing an invoice: the engine's draft becomes an Invoice with its lines, numbered and finalized
// (OPEN) in the caller's transaction. An invoice is stored as it will stay: a finalized invoice
// never changes (docs/concepts/invoices.md#status).
import type { InvoiceDraft } from "@tally/billing";
import type { Scope } from "../../db/tenant-scope.js";
import type { BillingReason, Subscription } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import type { Tx } from "../../db/transaction.js";
import { persistCreditApplications } from "../credits/apply.js";
import { changeCustomerBalance } from "../customer-balance/ledger.js";
import { recordEvent } from "../event-log/record.js";
import { invoiceEventData } from "../event-log/serializers.js";
import { usageStore } from "../../usage-store/index.js";
import { nextInvoiceNumber } from "./number.js";

const DAY_MS = 86_400_000;

/** Finalization plus the customer's invoiceDaysUntilDue (docs/concepts/invoices.md#due-date). */
export function dueDate(finalizedAt: Date, days: number): Date {
  return new Date(finalizedAt.getTime() + days * DAY_MS);
}

interface FinalizedInvoiceInput {
  subscription: Pick<Subscription, "id" | "customerId">;
  billingReason: BillingReason;
  draft: InvoiceDraft;
  /** When the invoice is made and finalized: the customer's now. */
  at: Date;
}

/**
 * Stores and finalizes the draft; returns the new invoice's id, or null when the draft has no lines
 * (no invoice is created, and no number is taken). A second invoice for the same subscription,
 * reason and period end violates a unique constraint, whichever worker tries.
 */
export async function storeFinalizedInvoice(
  tx: Tx,
  scope: Scope,
  input: FinalizedInvoiceInput,
): Promise<string | null> {
  const { draft } = input;
  if (draft.lines.length === 0) return null;
  const id = newId("Invoice");
  const { invoiceDaysUntilDue } = await tx.customer.findUniqueOrThrow({
    where: { id: input.subscription.customerId },
    select: { invoiceDaysUntilDue: true },
  });
  const invoice = await tx.invoice.create({
    data: {
      id,
      ...scope,
      number: await nextInvoiceNumber(tx, scope),
      customerId: input.subscription.customerId,
      subscriptionId: input.subscription.id,
      billingReason: input.billingReason,
      status: "OPEN",
      currency: draft.currency,
      periodStart: draft.periodStart,
      periodEnd: draft.periodEnd,
      subtotal: draft.subtotal.toFixed(),
      creditsApplied: draft.creditsApplied.toFixed(),
      total: draft.total.toFixed(),
      amountDue: draft.amountDue.toFixed(),
      amountRemaining: draft.amountDue.toFixed(),
      startingBalance: draft.startingBalance.toFixed(),
      endingBalance: draft.endingBalance.toFixed(),
      dueDate: dueDate(input.at, invoiceDaysUntilDue),
      createdAt: input.at,
      finalizedAt: input.at,
      lines: {
        createMany: {
          data: draft.lines.map((line, position) => ({
            id: newId("InvoiceLine"),
            ...scope,
            position,
            kind: line.kind,
            description: line.description,
            priceId: line.priceId,
            subscriptionItemId: line.itemId,
            tier: line.tier,
            quantity: line.quantity.toFixed(),
            unitAmount: line.unitAmount.toFixed(),
            amount: line.amount.toFixed(),
            periodStart: line.periodStart,
            periodEnd: line.periodEnd,
          })),
        },
      },
    },
    include: { lines: true },
  });
  await usageStore(tx, scope).sealInvoicedPeriods(id);
  // The snapshot billed every pending charge: writers of them hold the subscription's row lock, as the caller does.
  await tx.pendingInvoiceItem.updateMany({
    where: { subscriptionId: input.subscription.id, invoiceId: null },
    data: { invoiceId: id },
  });
  await persistCreditApplications(tx, scope, {
    invoiceId: id,
    customerId: input.subscription.customerId,
    currency: draft.currency,
    applications: draft.creditApplications,
    at: input.at,
  });
  // The balance row was locked by the snapshot, after the grants (db/locks.ts).
  await changeCustomerBalance(tx, scope, {
    customerId: input.subscription.customerId,
    currency: draft.currency,
    type: "APPLIED_TO_INVOICE",
    amount: draft.endingBalance.minus(draft.startingBalance),
    invoiceId: id,
    at: input.at,
  });
  // Created and finalized in one step: both events, so integrations can listen to either.
  const data = invoiceEventData(invoice);
  await recordEvent(tx, scope, "invoice.created", data);
  await recordEvent(tx, scope, "invoice.finalized", data);
  return id;
}
