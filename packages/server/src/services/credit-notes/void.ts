// voidCreditNote (docs/concepts/credit-notes.md#voiding): Stripe's rule — only while the invoice is
// OPEN, so only a PRE_PAYMENT note, whose amount the invoice owes again. In one transaction, under
// the invoice's row lock.
import { toDecimal } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockInvoice, lockedCustomerNow } from "../../db/locks.js";
import { BILLING_TRANSACTION } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { CreditNote } from "../../generated/prisma/client.js";
import { recordEvent } from "../event-log/record.js";
import { creditNoteEventData } from "../event-log/serializers.js";
import { byId } from "../../db/tenant-scope.js";

export async function voidCreditNote(tenant: Tenant, clock: Clock, input: { id: string }): Promise<CreditNote> {
  const { scope } = tenant;
  const found = await tenant.prisma.creditNote.findUnique({
    where: byId(scope, input.id),
    select: { invoiceId: true, invoice: { select: { customer: { select: { testClockId: true } } } } },
  });
  if (!found) throw new NotFoundError(`No credit note ${input.id}`, ["input", "id"]);
  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, found.invoice.customer, clock);
    await lockInvoice(tx, scope, found.invoiceId);
    const note = await tx.creditNote.findUniqueOrThrow({ where: byId(scope, input.id), include: { invoice: true } });
    if (note.status === "VOID")
      throw new InvalidInputError(`Credit note ${note.number} is already void`, ["input", "id"]);
    if (note.invoice.status !== "OPEN") {
      const message = `Invoice ${note.invoice.number} is ${note.invoice.status}: only an OPEN invoice's credit notes can be voided`;
      throw new InvalidInputError(message, ["input", "id"], "INVOICE_STATE_INVALID");
    }
    const amount = toDecimal(note.amount.toFixed());
    await tx.invoice.update({
      where: byId(scope, note.invoiceId),
      data: {
        amountRemaining: toDecimal(note.invoice.amountRemaining.toFixed()).plus(amount).toFixed(),
        prePaymentCreditNotesAmount: toDecimal(note.invoice.prePaymentCreditNotesAmount.toFixed())
          .minus(amount)
          .toFixed(),
      },
    });
    const voided = await tx.creditNote.update({
      where: byId(scope, note.id),
      data: { status: "VOID", voidedAt: now },
      include: { lines: true },
    });
    await recordEvent(tx, scope, "credit_note.voided", creditNoteEventData(voided));
    return voided;
  }, BILLING_TRANSACTION);
}
