// Storing an invoice: the engine's draft becomes an Invoice with its lines, numbered and finalized
// (OPEN) in the caller's transaction. An invoice is stored as it will stay: a finalized invoice
// never changes (docs/concepts/invoices.md#status). DRAFT invoices (invoices/drafts.ts) store their
// lines the same way and finalize through the same fields.
import type { InvoiceDraft, InvoiceLine } from "@tally/billing";
import { CUSTOMER_ITEM_KINDS } from "./billable.js";
import { byId, scopeClause, type Scope } from "../../db/tenant-scope.js";
import {
  type BillingReason,
  type Invoice,
  type InvoiceLine as InvoiceLineRow,
  Prisma,
  type Subscription,
} from "../../generated/prisma/client.js";
import { recordSecrets } from "../../auth/secret-lookups.js";
import { newId, randomBase62 } from "../../ids.js";
import type { Tx } from "../../db/transaction.js";
import { persistCreditApplications } from "../credits/apply.js";
import { changeCustomerBalances } from "../customer-balance/ledger.js";
import { recordEvents } from "../event-log/record.js";
import { invoiceEventData } from "../event-log/serializers.js";
import { usageStore } from "../../usage-store/index.js";
import { nextInvoiceNumber, nextInvoiceNumbers } from "./number.js";
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
export function lineRows(draft: InvoiceDraft): Prisma.InvoiceLineCreateManyInvoiceInput[] {
  return draft.lines.map((line, position) => ({
    id: newId("InvoiceLine"),
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
 * finalizedAt, the due date, and the rendered invoice's token of 256 random bits (whose lookup the
 * caller records once the row is written: recordSecrets). Taken last in the transaction.
 */
export async function finalizationFields(tx: Tx, scope: Scope, customerId: string, at: Date) {
  const { invoiceDaysUntilDue } = await tx.customer.findUniqueOrThrow({
    where: byId(scope, customerId),
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
  const [id] = await storeFinalizedInvoices(tx, scope, [input]);
  return id!;
}

/**
 * storeFinalizedInvoice for several drafts of different customers (a batch of period closes), in
 * a few statements whatever their number: one block of numbers, in list order, and multi-row
 * inserts. Returns each draft's invoice id, or null for a draft without lines. Each customer's
 * grants and balance must have been read for its one draft (the applications debit them).
 */
export async function storeFinalizedInvoices(
  tx: Tx,
  scope: Scope,
  inputs: readonly FinalizedInvoiceInput[],
): Promise<Array<string | null>> {
  const stored = inputs.filter((input) => input.draft.lines.length > 0);
  if (stored.length === 0) return inputs.map(() => null);
  const customerIds = [...new Set(stored.map((input) => input.subscription.customerId))];
  const customers = await tx.customer.findMany({
    where: { id: { in: customerIds } },
    select: { id: true, invoiceDaysUntilDue: true },
  });
  const daysUntilDue = new Map(customers.map((c) => [c.id, c.invoiceDaysUntilDue]));
  const numbers = await nextInvoiceNumbers(tx, scope, stored.length);
  const rows = stored.map((input, i) => ({
    id: newId("Invoice"),
    ...scope,
    // Finalization (docs/concepts/invoices.md#numbers): the number, OPEN, the due date and the rendered invoice's token.
    number: numbers[i]!,
    status: "OPEN" as const,
    finalizedAt: input.at,
    dueDate: dueDate(input.at, daysUntilDue.get(input.subscription.customerId)!),
    documentToken: randomBase62(43),
    customerId: input.subscription.customerId,
    subscriptionId: input.subscription.id,
    billingReason: input.billingReason,
    ...invoiceAmounts(input.draft),
    createdAt: input.at,
  }));
  const ids = rows.map((row) => row.id);
  const { invoices, lines } = await insertInvoiceRows(
    tx,
    rows,
    stored.flatMap((input, i) => lineRows(input.draft).map((line) => ({ ...line, ...scope, invoiceId: ids[i]! }))),
  );
  await recordSecrets(
    tx,
    "INVOICE_DOCUMENT",
    rows.map((row) => ({ scope, id: row.id, secret: row.documentToken })),
  );
  await usageStore(tx, scope).sealInvoicedPeriods(ids);
  // The snapshots billed every pending charge: writers of them hold the subscription's row lock, as the caller does.
  await tx.$executeRaw`
    UPDATE "PendingInvoiceItem" p SET "invoiceId" = u."invoiceId"
    FROM unnest(${stored.map((input) => input.subscription.id)}::text[], ${ids}::text[]) AS u("subscriptionId", "invoiceId")
    WHERE p."subscriptionId" = u."subscriptionId" AND p."invoiceId" IS NULL
      AND p."kind"::text NOT IN (${Prisma.join([...CUSTOMER_ITEM_KINDS])})
      AND ${scopeClause(scope, "p")}`;
  for (const [i, input] of stored.entries()) {
    await claimInvoiceItems(tx, ids[i]!, input.draft.lines);
    await endUsedOnceDiscounts(tx, input.draft.totalDiscountAmounts, input.at);
  }
  const customerCurrency = stored.map((input) => ({
    customerId: input.subscription.customerId,
    currency: input.draft.currency,
  }));
  await persistCreditApplications(
    tx,
    scope,
    stored.map((input, i) => ({
      ...customerCurrency[i]!,
      invoiceId: ids[i]!,
      applications: input.draft.creditApplications,
      at: input.at,
    })),
  );
  // The balance rows were locked by the snapshot, after the grants (db/locks.ts).
  await changeCustomerBalances(
    tx,
    scope,
    stored.map((input, i) => ({
      ...customerCurrency[i]!,
      type: "APPLIED_TO_INVOICE" as const,
      amount: input.draft.endingBalance.minus(input.draft.startingBalance),
      invoiceId: ids[i]!,
      at: input.at,
    })),
  );
  // Created and finalized in one step: both events, so integrations can listen to either.
  const linesOf = new Map(invoices.map((invoice) => [invoice.id, [] as typeof lines]));
  for (const line of lines) linesOf.get(line.invoiceId)!.push(line);
  const data = invoices.map((invoice) => invoiceEventData({ ...invoice, lines: linesOf.get(invoice.id)! }));
  await recordEvents(tx, scope, "invoice.created", data);
  await recordEvents(tx, scope, "invoice.finalized", data);
  const idOf = new Map(stored.map((input, i) => [input, ids[i]!]));
  return inputs.map((input) => idOf.get(input) ?? null);
}

type InvoiceRow = Omit<Prisma.InvoiceCreateManyInput, "createdAt"> & { id: string; createdAt: Date };
type LineRow = Prisma.InvoiceLineCreateManyInvoiceInput & { id: string; invoiceId: string };

/**
 * The invoices and their lines in one INSERT … SELECT each, from one JSON parameter (decimals as
 * the engine's strings), returning the rows as stored for the events: Prisma's createManyAndReturn
 * costs more than the statements themselves on a batch of period closes. Invoices in `rows` order.
 */
async function insertInvoiceRows(
  tx: Tx,
  rows: readonly InvoiceRow[],
  lines: readonly LineRow[],
): Promise<{ invoices: Invoice[]; lines: InvoiceLineRow[] }> {
  const json = (values: readonly object[]) =>
    JSON.stringify(values, (_, value) => (value instanceof Date ? value.toISOString() : value));
  const inserted = await tx.$queryRaw<Invoice[]>`
    INSERT INTO "Invoice" ("id", "accountId", "mode", "number", "status", "finalizedAt", "dueDate", "documentToken",
      "customerId", "subscriptionId", "billingReason", "currency", "periodStart", "periodEnd", "subtotal", "creditsApplied",
      "total", "totalDiscountAmount", "totalDiscountAmounts", "tax", "totalTaxAmounts", "subtotalExcludingTax",
      "totalExcludingTax", "amountDue", "amountRemaining", "startingBalance", "endingBalance", "createdAt")
    SELECT r."id", r."accountId", r."mode", r."number", r."status", r."finalizedAt", r."dueDate", r."documentToken",
      r."customerId", r."subscriptionId", r."billingReason", r."currency", r."periodStart", r."periodEnd", r."subtotal", r."creditsApplied",
      r."total", r."totalDiscountAmount", r."totalDiscountAmounts", r."tax", r."totalTaxAmounts", r."subtotalExcludingTax",
      r."totalExcludingTax", r."amountDue", r."amountRemaining", r."startingBalance", r."endingBalance", r."createdAt"
    FROM jsonb_to_recordset(${json(rows)}::jsonb) AS r("id" text, "accountId" text, "mode" "Mode", "number" text,
      "status" "InvoiceStatus", "finalizedAt" timestamptz, "dueDate" timestamptz, "documentToken" text, "customerId" text,
      "subscriptionId" text, "billingReason" "BillingReason", "currency" text, "periodStart" timestamptz, "periodEnd" timestamptz,
      "subtotal" numeric, "creditsApplied" numeric, "total" numeric, "totalDiscountAmount" numeric, "totalDiscountAmounts" jsonb,
      "tax" numeric, "totalTaxAmounts" jsonb, "subtotalExcludingTax" numeric, "totalExcludingTax" numeric, "amountDue" numeric,
      "amountRemaining" numeric, "startingBalance" numeric, "endingBalance" numeric, "createdAt" timestamptz)
    RETURNING *`;
  const storedLines = await tx.$queryRaw<InvoiceLineRow[]>`
    INSERT INTO "InvoiceLine" ("id", "accountId", "mode", "invoiceId", "position", "kind", "description", "priceId",
      "subscriptionItemId", "invoiceItemId", "tier", "quantity", "unitAmount", "amount", "periodStart", "periodEnd",
      "discountAmounts", "taxAmounts")
    SELECT r."id", r."accountId", r."mode", r."invoiceId", r."position", r."kind", r."description", r."priceId",
      r."subscriptionItemId", r."invoiceItemId", r."tier", r."quantity", r."unitAmount", r."amount", r."periodStart", r."periodEnd",
      r."discountAmounts", r."taxAmounts"
    FROM jsonb_to_recordset(${json(lines)}::jsonb) AS r("id" text, "accountId" text, "mode" "Mode", "invoiceId" text,
      "position" integer, "kind" "InvoiceLineKind", "description" text, "priceId" text, "subscriptionItemId" text,
      "invoiceItemId" text, "tier" integer, "quantity" numeric, "unitAmount" numeric, "amount" numeric,
      "periodStart" timestamptz, "periodEnd" timestamptz, "discountAmounts" jsonb, "taxAmounts" jsonb)
    RETURNING *`;
  const byId = new Map(inserted.map((invoice) => [invoice.id, invoice]));
  return { invoices: rows.map((row) => byId.get(row.id)!), lines: storedLines };
}
