// Invoice status transitions (docs/concepts/invoices.md#status): payInvoice, markInvoiceUncollectible,
// and the frame voidInvoice (void.ts) shares — one transaction, the invoice's row lock, the engine's
// transition rule, the invoice's event.
import { canTransition, type InvoiceStatus } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockInvoice, lockSubscription, lockedCustomerNow } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
import { BILLING_TRANSACTION, type Tx } from "../../db/transaction.js";
import { InvalidInputError, NotFoundError } from "../../errors.js";
import type { Invoice, Prisma } from "../../generated/prisma/client.js";
import { recordEvent } from "../event-log/record.js";
import { invoiceEventData } from "../event-log/serializers.js";
import { onPurchaseInvoicePaid } from "../credits/purchase-grant.js";
import { byId } from "../../db/tenant-scope.js";

type TransitionEvent = "invoice.paid" | "invoice.voided" | "invoice.marked_uncollectible";

const VERBS: Record<Exclude<InvoiceStatus, "DRAFT" | "OPEN">, string> = {
  PAID: "paid",
  VOID: "voided",
  UNCOLLECTIBLE: "marked uncollectible",
};

/** INVOICE_STATE_INVALID, naming the current status (docs/api/errors.md); a DRAFT, unnumbered, by its id. */
export function invoiceStateError(
  invoice: Pick<Invoice, "id" | "number" | "status">,
  action: string,
  field: string[] = ["input", "id"],
): InvalidInputError {
  return new InvalidInputError(
    `Invoice ${invoice.number ?? invoice.id} is ${invoice.status}: it cannot be ${action}`,
    field,
    "INVOICE_STATE_INVALID",
  );
}

interface Transition {
  to: Exclude<InvoiceStatus, "DRAFT" | "OPEN">;
  event: TransitionEvent;
  /**
   * Lock the invoice's subscription first (db/locks.ts order): a void asks whether a later invoice
   * exists, and no invoice of the subscription may be made while it decides.
   */
  lockSubscription?: boolean;
  /** What else changes, in the transaction, with the invoice locked and its status checked. */
  apply: (tx: Tx, scope: Scope, invoice: Invoice, now: Date) => Promise<Prisma.InvoiceUpdateInput>;
}

/** Runs one transition: refused with INVOICE_STATE_INVALID unless the engine allows it from the status found under the lock. */
export async function transitionInvoice(
  tenant: Tenant,
  clock: Clock,
  id: string,
  transition: Transition,
): Promise<Invoice> {
  const { scope } = tenant;
  const found = await tenant.prisma.invoice.findUnique({
    where: byId(scope, id),
    select: { subscriptionId: true, customer: { select: { testClockId: true } } },
  });
  if (!found) throw new NotFoundError(`No invoice ${id}`, ["input", "id"]);
  return tenant.prisma.$transaction(async (tx) => {
    const now = await lockedCustomerNow(tx, scope, found.customer, clock);
    if (transition.lockSubscription && found.subscriptionId !== null) {
      await lockSubscription(tx, scope, found.subscriptionId);
    }
    await lockInvoice(tx, scope, id);
    const invoice = await tx.invoice.findUniqueOrThrow({ where: byId(scope, id) });
    if (!canTransition(invoice.status, transition.to)) throw invoiceStateError(invoice, VERBS[transition.to]);
    const changes = await transition.apply(tx, scope, invoice, now);
    const updated = await tx.invoice.update({
      where: byId(scope, id),
      data: { ...changes, status: transition.to },
      include: { lines: true },
    });
    await recordEvent(tx, scope, transition.event, invoiceEventData(updated));
    return updated;
  }, BILLING_TRANSACTION);
}

/**
 * OPEN or UNCOLLECTIBLE → PAID. Tally collects no payments: the invoice is recorded as paid outside
 * it (paidOutOfBand), for what it still owed.
 */
export function payInvoice(
  tenant: Tenant,
  clock: Clock,
  input: { id: string; paidOutOfBand: boolean },
): Promise<Invoice> {
  if (!input.paidOutOfBand) {
    throw new InvalidInputError(
      "Tally collects no payments: record a payment made elsewhere with paidOutOfBand: true",
      ["input", "paidOutOfBand"],
    );
  }
  return transitionInvoice(tenant, clock, input.id, {
    to: "PAID",
    event: "invoice.paid",
    apply: async (tx, scope, invoice, now) => {
      await onPurchaseInvoicePaid(tx, scope, invoice.id, now);
      return {
        amountPaid: invoice.amountRemaining,
        amountRemaining: 0,
        paidOutOfBand: true,
        paidAt: now,
      };
    },
  });
}

/** OPEN → UNCOLLECTIBLE: written off; it still owes its amountRemaining and may be paid or voided later. */
export function markInvoiceUncollectible(tenant: Tenant, clock: Clock, input: { id: string }): Promise<Invoice> {
  return transitionInvoice(tenant, clock, input.id, {
    to: "UNCOLLECTIBLE",
    event: "invoice.marked_uncollectible",
    apply: async (_tx, _scope, _invoice, now) => ({ markedUncollectibleAt: now }),
  });
}
