// DRAFT invoices (docs/concepts/invoices.md#draft-invoices): createInvoice makes one (billing
// reason MANUAL) holding the customer's pending one-off items; its items may be added, changed and
// removed, each change recomposing its lines and totals, until finalizeInvoice numbers it and makes
// it OPEN; deleteInvoice deletes a DRAFT and its items become pending again.
import { composeInvoice, normalizeCurrency, type InvoiceDraft } from "@tally/billing";
import { CUSTOMER_ITEM_KINDS } from "./billable.js";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockedCustomerNow, lockSubscription } from "../../db/locks.js";
import { byId, scopeClause, type Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { Invoice } from "../../generated/prisma/client.js";
import { recordSecrets } from "../../auth/secret-lookups.js";
import { newId } from "../../ids.js";
import { findCustomer } from "../customers.js";
import { recordEvent } from "../event-log/record.js";
import { invoiceEventData } from "../event-log/serializers.js";
import { invoiceItemLines } from "./pending.js";
import { invoiceStateError } from "./transitions.js";
import { claimInvoiceItems, finalizationFields, invoiceAmounts, lineRows } from "./store.js";

export interface CreateInvoiceInput {
  customerId: string;
  subscriptionId?: string | null;
  currency?: string | null;
  description?: string | null;
  /** INCLUDE (default): the customer's pending one-off items go on the draft; EXCLUDE: it starts empty. */
  pendingInvoiceItemsBehavior?: "INCLUDE" | "EXCLUDE" | null;
}

const MAX_DESCRIPTION_LENGTH = 500;

/**
 * Locks an invoice's row (`FOR UPDATE`) and returns it if it is a DRAFT: the lock every change of a
 * draft takes before its items' rows (db/locks.ts), so a finalization sees the items as they stay.
 */
export async function lockDraft(
  tx: Tx,
  scope: Scope,
  id: string,
  field: string[],
  action = "changed",
): Promise<Invoice> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "Invoice" WHERE "id" = ${id} AND ${scopeClause(scope)} FOR UPDATE`;
  if (rows.length === 0) throw new NotFoundError(`No invoice ${id}`, field);
  const invoice = await tx.invoice.findUniqueOrThrow({ where: byId(scope, id) });
  if (invoice.status !== "DRAFT") throw invoiceStateError(invoice, action, field);
  return invoice;
}

/** The draft's lines and totals from the items it holds now, as the engine composes a MANUAL invoice. */
async function composeDraft(tx: Tx, scope: Scope, invoice: Invoice): Promise<InvoiceDraft> {
  const at = invoice.createdAt;
  const invoiceItems = await invoiceItemLines(tx, scope, { invoiceId: invoice.id }, { lock: true });
  return composeInvoice({
    kind: "MANUAL",
    period: { start: at, end: at },
    currency: invoice.currency,
    // A MANUAL invoice has no usage or licence lines, which is all the billing mode decides.
    billingMode: "FLEXIBLE",
    at,
    items: [],
    grants: [],
    pending: { prorations: [], segments: [], invoiceItems },
  });
}

/** Rewrites the locked draft's lines and totals after its items changed. */
export async function recomposeDraft(tx: Tx, scope: Scope, id: string): Promise<InvoiceDraft> {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: byId(scope, id) });
  const draft = await composeDraft(tx, scope, invoice);
  await tx.invoiceLine.deleteMany({ where: { invoiceId: id } });
  await tx.invoice.update({
    where: byId(scope, id),
    data: { ...invoiceAmounts(draft), lines: { createMany: { data: lineRows(draft) } } },
  });
  return draft;
}

/** The invoice's currency: the subscription's, the one given, or that of the pending items when they share one. */
async function draftCurrency(
  tenant: Tenant,
  input: CreateInvoiceInput,
  subscription: { currency: string } | null,
): Promise<string> {
  const field = ["input", "currency"];
  const given = input.currency == null ? null : normalizeCurrency(input.currency);
  if (input.currency != null && given === null)
    throw new InvalidInputError(`Unknown currency: ${input.currency}`, field);
  if (subscription && given && given !== subscription.currency) {
    throw new InvalidInputError(`The subscription bills in ${subscription.currency}`, field, "CURRENCY_MISMATCH");
  }
  const currency = subscription?.currency ?? given;
  if (currency) return currency;
  const pending =
    input.pendingInvoiceItemsBehavior === "EXCLUDE"
      ? []
      : await tenant.prisma.pendingInvoiceItem.findMany({
          where: {
            customerId: input.customerId,
            kind: { in: [...CUSTOMER_ITEM_KINDS] },
            invoiceId: null,
            subscriptionId: null,
          },
          distinct: ["currency"],
          select: { currency: true },
        });
  if (pending.length !== 1) {
    throw new InvalidInputError(
      pending.length === 0
        ? "Give the invoice's currency: the customer has no pending items to take it from"
        : `Give the invoice's currency: the customer's pending items are in ${pending.map((p) => p.currency).join(", ")}`,
      field,
    );
  }
  return pending[0]!.currency;
}

export async function createInvoice(tenant: Tenant, clock: Clock, input: CreateInvoiceInput): Promise<string> {
  const { scope } = tenant;
  const customer = await findCustomer(tenant, input.customerId, ["input", "customerId"]);
  const subscription =
    input.subscriptionId == null
      ? null
      : await tenant.prisma.subscription.findFirst({ where: { id: input.subscriptionId, customerId: customer.id } });
  if (input.subscriptionId != null && subscription === null) {
    throw new NotFoundError(`Customer ${customer.id} has no subscription ${input.subscriptionId}`, [
      "input",
      "subscriptionId",
    ]);
  }
  const currency = await draftCurrency(tenant, input, subscription);
  const description = input.description?.trim() || null;
  if (description !== null && description.length > MAX_DESCRIPTION_LENGTH) {
    throw new InvalidInputError(`description has at most ${MAX_DESCRIPTION_LENGTH} characters`, [
      "input",
      "description",
    ]);
  }
  const id = newId("Invoice");
  await tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, customer, clock);
    // The subscription's period close takes its items under this lock first (db/locks.ts).
    if (subscription) await lockSubscription(tx, scope, subscription.id);
    await tx.invoice.create({
      data: {
        id,
        ...scope,
        customerId: customer.id,
        subscriptionId: subscription?.id ?? null,
        billingReason: "MANUAL",
        status: "DRAFT",
        description,
        currency,
        periodStart: now,
        periodEnd: now,
        subtotal: "0",
        creditsApplied: "0",
        total: "0",
        amountDue: "0",
        createdAt: now,
      },
    });
    if (input.pendingInvoiceItemsBehavior !== "EXCLUDE") {
      const pendingFor = { customerId: customer.id, currency, subscriptionId: subscription?.id ?? null };
      const taken = await invoiceItemLines(tx, scope, { pendingFor }, { lock: true });
      await claimInvoiceItems(tx, id, taken);
    }
    await recomposeDraft(tx, scope, id);
    const created = await tx.invoice.findUniqueOrThrow({ where: byId(scope, id), include: { lines: true } });
    await recordEvent(tx, scope, "invoice.created", invoiceEventData(created));
  });
  return id;
}

async function invoiceCustomer(tenant: Tenant, id: string) {
  const invoice = await tenant.prisma.invoice.findUnique({
    where: byId(tenant.scope, id),
    select: { customer: { select: { testClockId: true } } },
  });
  if (invoice === null) throw new NotFoundError(`No invoice ${id}`, ["input", "id"]);
  return invoice.customer;
}

/** DRAFT → OPEN: the lines as the draft holds them, the next number, finalizedAt, `invoice.finalized`. */
export async function finalizeInvoice(tenant: Tenant, clock: Clock, id: string): Promise<void> {
  const { scope } = tenant;
  const customer = await invoiceCustomer(tenant, id);
  await tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, customer, clock);
    const invoice = await lockDraft(tx, scope, id, ["input", "id"], "finalized");
    const draft = await recomposeDraft(tx, scope, id);
    if (draft.total.isNegative()) {
      throw new InvalidInputError(
        `Invoice ${id} totals ${draft.total.toFixed()} ${draft.currency}: an invoice cannot be finalized below zero`,
        ["input", "id"],
      );
    }
    const fields = await finalizationFields(tx, scope, invoice.customerId, now);
    const finalized = await tx.invoice.update({ where: byId(scope, id), data: fields, include: { lines: true } });
    await recordSecrets(tx, "INVOICE_DOCUMENT", [{ scope, id, secret: fields.documentToken }]);
    await recordEvent(tx, scope, "invoice.finalized", invoiceEventData(finalized));
  });
}

/** Deletes a DRAFT (anything else: INVOICE_STATE_INVALID); its items become pending again. */
export async function deleteInvoice(tenant: Tenant, clock: Clock, id: string): Promise<Invoice & { lines: [] }> {
  const { scope } = tenant;
  const customer = await invoiceCustomer(tenant, id);
  return tenant.prisma.$transaction(async (tx) => {
    await lockedCustomerNow(tx, scope, customer, clock);
    const invoice = await tx.invoice.findUniqueOrThrow({ where: byId(scope, id) });
    if (invoice.status !== "DRAFT") throw invoiceStateError(invoice, "deleted");
    await lockDraft(tx, scope, id, ["input", "id"], "deleted");
    await tx.pendingInvoiceItem.updateMany({ where: { invoiceId: id }, data: { invoiceId: null } });
    await tx.invoiceLine.deleteMany({ where: { invoiceId: id } });
    await tx.invoice.delete({ where: byId(scope, id) });
    const deleted = { ...invoice, lines: [] as [] };
    await recordEvent(tx, scope, "invoice.deleted", invoiceEventData(deleted));
    return deleted;
  });
}
