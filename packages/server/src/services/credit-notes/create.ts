// createCreditNote (docs/concepts/credit-notes.md): a correction of an OPEN or PAID invoice, checked
// by the engine's planCreditNote under the invoice's row lock (so concurrent notes never credit
// more than the invoice has left), numbered CN-000001 per account and mode, in one transaction.
import {
  isPrepaidLine,
  payableAmount,
  planCreditNote,
  toDecimal,
  type CreditNoteRequest,
  type Decimal,
} from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockCustomerBalance, lockInvoice, lockedCustomerNow } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
import { BILLING_TRANSACTION, type Tx } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { CreditNote, CreditNoteReason, Invoice, InvoiceLine } from "../../generated/prisma/client.js";
import { newId } from "../../ids.js";
import { changeCustomerBalance } from "../customer-balance/ledger.js";
import { recordEvent } from "../event-log/record.js";
import { creditNoteEventData, invoiceEventData } from "../event-log/serializers.js";
import { discountAmountsOf, taxAmountsOf } from "../invoices/adjustment-json.js";
import { nextCreditNoteNumber } from "../invoices/number.js";
import { byId } from "../../db/tenant-scope.js";

export interface CreateCreditNoteInput {
  invoiceId: string;
  lines?: Array<{ invoiceLineId: string; amount?: Decimal | null; quantity?: Decimal | null }> | null;
  amount?: Decimal | null;
  reason: CreditNoteReason;
  /** PAID invoices: credit the note to the customer balance (else it was refunded outside Tally). */
  creditToBalance: boolean;
  memo?: string | null;
}

const MAX_MEMO = 500;

function requestOf(input: CreateCreditNoteInput): CreditNoteRequest {
  if ((input.lines == null) === (input.amount == null)) {
    throw new InvalidInputError("Give exactly one of lines and amount", ["input"]);
  }
  if (input.amount != null) return { amount: input.amount };
  return {
    lines: input.lines!.map((line) => ({
      invoiceLineId: line.invoiceLineId,
      ...(line.amount == null ? {} : { amount: line.amount }),
      ...(line.quantity == null ? {} : { quantity: line.quantity }),
    })),
  };
}

/** Σ of issued notes' lines per invoice line. */
async function creditedByLine(tx: Tx, invoiceId: string): Promise<Map<string, Decimal>> {
  const rows = await tx.creditNoteLine.groupBy({
    by: ["invoiceLineId"],
    where: { creditNote: { invoiceId, status: "ISSUED" }, invoiceLineId: { not: null } },
    _sum: { amount: true },
  });
  return new Map(rows.map((row) => [row.invoiceLineId!, toDecimal(row._sum.amount!.toFixed())]));
}

const dec = (value: { toFixed(): string }) => toDecimal(value.toFixed());

function creditable(invoice: Invoice & { lines: InvoiceLine[] }, credited: Map<string, Decimal>) {
  return {
    status: invoice.status,
    currency: invoice.currency,
    amountRemaining: dec(invoice.amountRemaining),
    amountPaid: dec(invoice.amountPaid),
    postPaymentCreditNotesAmount: dec(invoice.postPaymentCreditNotesAmount),
    lines: invoice.lines.map((line) => ({
      id: line.id,
      description: line.description,
      quantity: dec(line.quantity),
      unitAmount: dec(line.unitAmount),
      // A captured hold's line was paid by credits at capture: the customer owes nothing on it to take back.
      amount: isPrepaidLine(line)
        ? toDecimal("0")
        : payableAmount({
            amount: dec(line.amount),
            discountAmounts: discountAmountsOf(line.discountAmounts),
            taxAmounts: taxAmountsOf(line.taxAmounts),
          }),
      credited: credited.get(line.id) ?? toDecimal("0"),
    })),
  };
}

async function issue(tx: Tx, scope: Scope, input: CreateCreditNoteInput, now: Date): Promise<CreditNote> {
  await lockInvoice(tx, scope, input.invoiceId);
  const invoice = await tx.invoice.findUniqueOrThrow({
    where: byId(scope, input.invoiceId),
    include: { lines: { orderBy: { position: "asc" } } },
  });
  const plan = planCreditNote(creditable(invoice, await creditedByLine(tx, invoice.id)), requestOf(input));
  if (!plan.ok) {
    const code =
      plan.problem === "STATE"
        ? "INVOICE_STATE_INVALID"
        : plan.problem === "EXCEEDS"
          ? "CREDIT_NOTE_EXCEEDS_CREDITABLE"
          : "INVALID_INPUT";
    throw new InvalidInputError(plan.message, plan.field, code);
  }
  const toBalance = plan.type === "POST_PAYMENT" && input.creditToBalance;
  // Lock order (db/locks.ts): the invoice, the balance, then the number sequence.
  if (toBalance) await lockCustomerBalance(tx, scope, invoice.customerId, invoice.currency);
  const note = await tx.creditNote.create({
    data: {
      id: newId("CreditNote"),
      ...scope,
      number: await nextCreditNoteNumber(tx, scope),
      invoiceId: invoice.id,
      customerId: invoice.customerId,
      currency: invoice.currency,
      type: plan.type,
      reason: input.reason,
      memo: input.memo?.trim() || null,
      amount: plan.amount.toFixed(),
      creditAmount: toBalance ? plan.amount.toFixed() : "0",
      outOfBandAmount: plan.type === "POST_PAYMENT" && !toBalance ? plan.amount.toFixed() : "0",
      createdAt: now,
      lines: {
        createMany: {
          data: plan.lines.map((line, position) => ({
            id: newId("CreditNoteLine"),
            position,
            invoiceLineId: line.invoiceLineId,
            description: line.description,
            quantity: line.quantity?.toFixed() ?? null,
            unitAmount: line.unitAmount?.toFixed() ?? null,
            amount: line.amount.toFixed(),
          })),
        },
      },
    },
    include: { lines: true },
  });
  if (toBalance) {
    await changeCustomerBalance(tx, scope, {
      customerId: invoice.customerId,
      currency: invoice.currency,
      type: "CREDIT_NOTE",
      amount: plan.amount.negated(),
      invoiceId: invoice.id,
      creditNoteId: note.id,
      at: now,
    });
  }
  await recordEvent(tx, scope, "credit_note.created", creditNoteEventData(note));
  await applyToInvoice(tx, scope, invoice, plan.type, plan.amount, now);
  return note;
}

/**
 * A PRE_PAYMENT note lowers what the invoice still owes; one that leaves nothing owed pays it
 * (Stripe's rule). A POST_PAYMENT note is counted on the invoice.
 */
async function applyToInvoice(
  tx: Tx,
  scope: Scope,
  invoice: Invoice,
  type: "PRE_PAYMENT" | "POST_PAYMENT",
  amount: Decimal,
  now: Date,
): Promise<void> {
  if (type === "POST_PAYMENT") {
    await tx.invoice.update({
      where: byId(scope, invoice.id),
      data: { postPaymentCreditNotesAmount: dec(invoice.postPaymentCreditNotesAmount).plus(amount).toFixed() },
    });
    return;
  }
  const remaining = dec(invoice.amountRemaining).minus(amount);
  const updated = await tx.invoice.update({
    where: byId(scope, invoice.id),
    data: {
      amountRemaining: remaining.toFixed(),
      prePaymentCreditNotesAmount: dec(invoice.prePaymentCreditNotesAmount).plus(amount).toFixed(),
      ...(remaining.isZero() ? { status: "PAID" as const, paidAt: now } : {}),
    },
    include: { lines: true },
  });
  if (remaining.isZero()) await recordEvent(tx, scope, "invoice.paid", invoiceEventData(updated));
}

export async function createCreditNote(
  tenant: Tenant,
  clock: Clock,
  input: CreateCreditNoteInput,
): Promise<CreditNote> {
  if (input.memo && input.memo.length > MAX_MEMO) {
    throw new InvalidInputError(`memo must be at most ${MAX_MEMO} characters`, ["input", "memo"]);
  }
  requestOf(input);
  const found = await tenant.prisma.invoice.findUnique({
    where: byId(tenant.scope, input.invoiceId),
    select: { customer: { select: { testClockId: true } } },
  });
  if (!found) throw new NotFoundError(`No invoice ${input.invoiceId}`, ["input", "invoiceId"]);
  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, tenant.scope, found.customer, clock);
    return issue(tx, tenant.scope, input, now);
  }, BILLING_TRANSACTION);
}
