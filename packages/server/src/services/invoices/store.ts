// Storing an invoice: the engine's draft becomes an Invoice with its lines, numbered and finalized
// (OPEN) in the caller's transaction. An invoice is stored as it will stay: a finalized invoice
// never changes (docs/concepts/invoices.md#status). DRAFT invoices (invoices/drafts.ts) store their
// lines the same way and finalize through the same fields.
import type { InvoiceDraft, InvoiceLine } from "@tally/billing";
import { CUSTOMER_ITEM_KINDS } from "./billable.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { BillingReason, Prisma, Subscription } from "../../generated/prisma/client.js";
import { newId, randomBase62 } from "../../ids.js";
import type { Tx } from "../../db/transaction.js";
import { persistCreditApplications } from "../credits/apply.js";
import { changeCustomerBalance } from "../customer-balance/ledger.js";
import { recordEvent } from "../event-log/record.js";
import { invoiceEventData } from "../event-log/serializers.js";
import { usageStore } from "../../usage-store/index.js";
import { nextInvoiceNumber } from "./number.js";
import { endUsedOnceDiscounts } from "../discounts/once.js";
import { adjustedTotalsData, discountAmountsData, taxAmountsData } from "./adjustment-json.js";

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

/** The draft's amounts as Invoice columns. */
export function invoiceAmounts(draft: InvoiceDraft) {
  return {
    currency: draft.currency,
    periodStart: draft.periodStart,
    periodEnd: draft.periodEnd,
    subtotal: draft.subtotal.toFixed(),
    creditsApplied: draft.creditsApplied.toFixed(),
    total: draft.total.toFixed(),
    ...adjustedTotalsData(draft),
    amountDue: draft.amountDue.toFixed(),
    amountRemaining: draft.amountDue.toFixed(),
    startingBalance: draft.startingBalance.toFixed(),
    endingBalance: draft.endingBalance.toFixed(),
  };
}

/** A line billing a pending item of the customer's (claimInvoiceItems). */
function isCustomerItem(line: Pick<InvoiceLine, "kind">): boolean {
  return (CUSTOMER_ITEM_KINDS as readonly string[]).includes(line.kind);
}

/** The draft's lines as InvoiceLine rows, in order. */
export function lineRows(scope: Scope, draft: InvoiceDraft): Prisma.InvoiceLineCreateManyInvoiceInput[] {
  return draft.lines.map((line, position) => ({
    id: newId("InvoiceLine"),
    ...scope,
    position,
    kind: line.kind,
    description: line.description,
    priceId: line.priceId,
    subscriptionItemId: isCustomerItem(line) || line.kind === "CREDIT_PURCHASE" ? null : line.itemId,
    invoiceItemId: isCustomerItem(line) ? line.itemId : null,
    tier: line.tier,
    quantity: line.quantity.toFixed(),
    unitAmount: line.unitAmount.toFixed(),
    amount: line.amount.toFixed(),
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
    discountAmounts: discountAmountsData(line.discountAmounts),
    taxAmounts: taxAmountsData(line.taxAmounts),
  }));
}

/**
 * What finalization sets (docs/concepts/invoices.md#numbers): the next gap-free number, OPEN,
 * finalizedAt, the due date, and the rendered invoice's token of 256 random bits. Taken last in the
 * transaction.
 */
export async function finalizationFields(tx: Tx, scope: Scope, customerId: string, at: Date) {
  const { invoiceDaysUntilDue } = await tx.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { invoiceDaysUntilDue: true },
  });
  return {
    number: await nextInvoiceNumber(tx, scope),
    status: "OPEN" as const,
    finalizedAt: at,
    dueDate: dueDate(at, invoiceDaysUntilDue),
    documentToken: randomBase62(43),
  };
}

/**
 * Marks the pending one-off items the lines bill as taken by `invoiceId` (finalized, or a DRAFT).
 * They were read under their row locks (invoices/pending.ts), so every one is still pending.
 */
export async function claimInvoiceItems(tx: Tx, invoiceId: string, lines: readonly InvoiceLine[]): Promise<void> {
  const ids = lines.filter(isCustomerItem).map((line) => line.itemId);
  if (ids.length === 0) return;
  const claimed = await tx.pendingInvoiceItem.updateMany({
    where: { id: { in: ids }, invoiceId: null },
    data: { invoiceId },
  });
  if (claimed.count !== ids.length)
    throw new Error(`Invoice ${invoiceId} claimed ${claimed.count} of ${ids.length} items`);
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
  const invoice = await tx.invoice.create({
    data: {
      id,
      ...scope,
      ...(await finalizationFields(tx, scope, input.subscription.customerId, input.at)),
      customerId: input.subscription.customerId,
      subscriptionId: input.subscription.id,
      billingReason: input.billingReason,
      ...invoiceAmounts(draft),
      createdAt: input.at,
      lines: { createMany: { data: lineRows(scope, draft) } },
    },
    include: { lines: true },
  });
  await usageStore(tx, scope).sealInvoicedPeriods(id);
  // The snapshot billed every pending charge: writers of them hold the subscription's row lock, as the caller does.
  await tx.pendingInvoiceItem.updateMany({
    where: { subscriptionId: input.subscription.id, invoiceId: null, kind: { notIn: [...CUSTOMER_ITEM_KINDS] } },
    data: { invoiceId: id },
  });
  await claimInvoiceItems(tx, id, draft.lines);
  await endUsedOnceDiscounts(tx, draft.totalDiscountAmounts, input.at);
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
