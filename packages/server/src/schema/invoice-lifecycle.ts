// An invoice's money after finalization and its status transitions (docs/concepts/invoices.md#status):
// Invoice.amountPaid, amountRemaining, balances and dates; payInvoice, voidInvoice,
// markInvoiceUncollectible.
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { Invoice } from "../generated/prisma/client.js";
import { markInvoiceUncollectible, payInvoice } from "../services/invoices/transitions.js";
import { voidInvoice } from "../services/invoices/void.js";
import { builder } from "./builder.js";
import { MoneyRef } from "./money.js";
import { requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const money = (invoice: Invoice, amount: Invoice["amountDue"]) => ({ amount, currency: invoice.currency });

builder.prismaObjectFields("Invoice", (t) => ({
  startingBalance: t.field({
    type: MoneyRef,
    description: "The customer balance before this invoice (negative: a credit; docs/concepts/customer-balance.md).",
    resolve: (invoice) => money(invoice, invoice.startingBalance),
  }),
  endingBalance: t.field({
    type: MoneyRef,
    description: "The customer balance this invoice left.",
    resolve: (invoice) => money(invoice, invoice.endingBalance),
  }),
  amountPaid: t.field({ type: MoneyRef, resolve: (invoice) => money(invoice, invoice.amountPaid) }),
  amountRemaining: t.field({
    type: MoneyRef,
    description: "What is still owed: amountDue less payments and pre-payment credit notes; 0 once PAID or VOID.",
    resolve: (invoice) => money(invoice, invoice.amountRemaining),
  }),
  prePaymentCreditNotesAmount: t.field({
    type: MoneyRef,
    resolve: (invoice) => money(invoice, invoice.prePaymentCreditNotesAmount),
  }),
  postPaymentCreditNotesAmount: t.field({
    type: MoneyRef,
    resolve: (invoice) => money(invoice, invoice.postPaymentCreditNotesAmount),
  }),
  paidOutOfBand: t.exposeBoolean("paidOutOfBand"),
  dueDate: t.expose("dueDate", {
    type: "DateTime",
    nullable: true,
    description: "Finalization plus the customer's invoiceDaysUntilDue.",
  }),
  paidAt: t.expose("paidAt", { type: "DateTime", nullable: true }),
  voidedAt: t.expose("voidedAt", { type: "DateTime", nullable: true }),
  markedUncollectibleAt: t.expose("markedUncollectibleAt", { type: "DateTime", nullable: true }),
}));

const PayInvoiceInput = builder.inputType("PayInvoiceInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    paidOutOfBand: t.boolean({
      required: true,
      description: "Must be true: Tally collects no payments; this records one made elsewhere.",
    }),
  }),
});

const VoidInvoiceInput = builder.inputType("VoidInvoiceInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

const MarkInvoiceUncollectibleInput = builder.inputType("MarkInvoiceUncollectibleInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("payInvoice", (t) =>
  t.prismaField({
    type: "Invoice",
    description: "OPEN or UNCOLLECTIBLE → PAID, for what it still owes (invoice.paid).",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: PayInvoiceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await payInvoice(tenant, ctx.deps.clock, {
        id: String(input.id),
        paidOutOfBand: input.paidOutOfBand,
      });
      return tenant.prisma.invoice.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

builder.mutationField("voidInvoice", (t) =>
  t.prismaField({
    type: "Invoice",
    description:
      "OPEN or UNCOLLECTIBLE → VOID (invoice.voided): the credits and customer balance it used are given back (docs/concepts/invoices.md#voiding).",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: VoidInvoiceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await voidInvoice(tenant, ctx.deps.clock, { id: String(input.id) });
      return tenant.prisma.invoice.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

builder.mutationField("markInvoiceUncollectible", (t) =>
  t.prismaField({
    type: "Invoice",
    description: "OPEN → UNCOLLECTIBLE (invoice.marked_uncollectible); it may still be paid or voided.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: MarkInvoiceUncollectibleInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await markInvoiceUncollectible(tenant, ctx.deps.clock, { id: String(input.id) });
      return tenant.prisma.invoice.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);
