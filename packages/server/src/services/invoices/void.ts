// voidInvoice (docs/concepts/invoices.md#voiding): OPEN or UNCOLLECTIBLE → VOID. What the invoice
// took is given back as if it never existed — the billing credits it applied (a REVERSAL per
// application) and the customer balance it used or added (UNAPPLIED_FROM_INVOICE) — and its usage
// periods (and a threshold invoice's billed quantities) are given back only while no later invoice
// of its subscription exists.
import { toDecimal } from "@tally/billing";
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { lockGrant } from "../../db/locks.js";
import type { Scope } from "../../db/tenant-scope.js";
import type { Tx } from "../../db/transaction.js";
import type { Invoice } from "../../generated/prisma/client.js";
import { usageStore } from "../../usage-store/index.js";
import { reverseApplication } from "../credits/ledger.js";
import { onPurchaseInvoiceVoided } from "../credits/purchase-grant.js";
import { changeCustomerBalance } from "../customer-balance/ledger.js";
import { releaseThresholdBilled } from "./threshold-release.js";
import { transitionInvoice } from "./transitions.js";
import { byId } from "../../db/tenant-scope.js";

/** Each application of the invoice reversed, grants locked in id order (db/locks.ts). */
async function restoreCredits(tx: Tx, scope: Scope, invoice: Invoice, now: Date): Promise<void> {
  const applications = await tx.creditBalanceTransaction.findMany({
    where: { invoiceId: invoice.id, type: "APPLICATION" },
    include: { grant: true },
    orderBy: { grantId: "asc" },
  });
  for (const application of applications) {
    await lockGrant(tx, scope, application.grantId);
    const grant = await tx.creditGrant.findUniqueOrThrow({ where: byId(scope, application.grantId) });
    const amount = toDecimal(application.amount.toFixed()).negated();
    await reverseApplication(tx, scope, { grant, amount, invoiceId: invoice.id, at: now });
  }
}

/** The balance the invoice used (or, for a negative total, credited) goes back. */
async function restoreBalance(tx: Tx, scope: Scope, invoice: Invoice, now: Date): Promise<void> {
  const applied = await tx.customerBalanceTransaction.findMany({
    where: { invoiceId: invoice.id, type: "APPLIED_TO_INVOICE" },
    select: { amount: true },
  });
  const net = applied.reduce((total, row) => total.plus(row.amount.toFixed()), toDecimal("0"));
  await changeCustomerBalance(tx, scope, {
    customerId: invoice.customerId,
    currency: invoice.currency,
    type: "UNAPPLIED_FROM_INVOICE",
    amount: net.negated(),
    invoiceId: invoice.id,
    at: now,
  });
}

/** True when the subscription has an invoice issued after this one (the caller holds the subscription's lock). */
async function hasLaterInvoice(tx: Tx, invoice: Invoice): Promise<boolean> {
  if (invoice.subscriptionId === null) return false;
  const later = await tx.invoice.count({
    where: {
      subscriptionId: invoice.subscriptionId,
      id: { not: invoice.id },
      status: { not: "DRAFT" },
      OR: [{ createdAt: { gt: invoice.createdAt } }, { createdAt: invoice.createdAt, number: { gt: invoice.number! } }],
    },
  });
  return later > 0;
}

export function voidInvoice(tenant: Tenant, clock: Clock, input: { id: string }): Promise<Invoice> {
  return transitionInvoice(tenant, clock, input.id, {
    to: "VOID",
    event: "invoice.voided",
    lockSubscription: true,
    apply: async (tx, scope, invoice, now) => {
      await restoreCredits(tx, scope, invoice, now);
      await restoreBalance(tx, scope, invoice, now);
      await onPurchaseInvoiceVoided(tx, scope, invoice.id, now);
      // A later invoice already billed from the periods after this one: the usage stays invoiced.
      if (!(await hasLaterInvoice(tx, invoice))) {
        await usageStore(tx, scope).releaseInvoicedPeriods(invoice.id);
        await releaseThresholdBilled(tx, scope, invoice);
      }
      return { voidedAt: now, amountRemaining: 0 };
    },
  });
}
