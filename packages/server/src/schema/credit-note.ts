// Credit notes (docs/concepts/credit-notes.md): the CreditNote node and its lines, creditNote /
// creditNotes queries, Invoice.creditNotes, createCreditNote and voidCreditNote.
import { toDecimal } from "@tally/billing";
import { InvalidInputError, NotFoundError } from "../errors.js";
import { CreditNoteReason, CreditNoteStatus, CreditNoteType } from "../generated/prisma/client.js";
import { createCreditNote } from "../services/credit-notes/create.js";
import { voidCreditNote } from "../services/credit-notes/void.js";
import { builder } from "./builder.js";
import { MoneyRef } from "./money.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const CreditNoteReasonEnum = builder.enumType(CreditNoteReason, { name: "CreditNoteReason" });
const CreditNoteStatusEnum = builder.enumType(CreditNoteStatus, { name: "CreditNoteStatus" });
const CreditNoteTypeEnum = builder.enumType(CreditNoteType, { name: "CreditNoteType" });

/** Newest first; the number breaks ties (notes made at one frozen test-clock time). */
const NEWEST_FIRST = [{ createdAt: "desc" }, { number: "desc" }] as const;

builder.prismaObject("CreditNoteLine", {
  fields: (t) => ({
    id: t.exposeID("id"),
    invoiceLineId: t.exposeID("invoiceLineId", { nullable: true, description: "Null for a note given as one amount." }),
    description: t.exposeString("description"),
    quantity: t.field({ type: "Decimal", nullable: true, resolve: (line) => line.quantity?.toFixed() ?? null }),
    unitAmount: t.field({ type: "Decimal", nullable: true, resolve: (line) => line.unitAmount?.toFixed() ?? null }),
    amount: t.field({
      type: MoneyRef,
      select: { creditNote: { select: { currency: true } } },
      resolve: (line) => ({ amount: line.amount, currency: line.creditNote.currency }),
    }),
  }),
});

builder.prismaNode("CreditNote", {
  ...entityNode,
  fields: (t) => ({
    number: t.exposeString("number", { description: "CN-000001: gap-free per account and mode." }),
    invoice: t.relation("invoice"),
    customer: t.prismaField({
      type: "Customer",
      resolve: (query, note, _args, ctx) =>
        requireTenant(ctx).prisma.customer.findUniqueOrThrow({
          ...query,
          where: byId(requireTenant(ctx).scope, note.customerId),
        }),
    }),
    type: t.expose("type", { type: CreditNoteTypeEnum }),
    status: t.expose("status", { type: CreditNoteStatusEnum }),
    reason: t.expose("reason", { type: CreditNoteReasonEnum }),
    memo: t.exposeString("memo", { nullable: true }),
    currency: t.exposeString("currency"),
    amount: t.field({ type: MoneyRef, resolve: (note) => ({ amount: note.amount, currency: note.currency }) }),
    creditAmount: t.field({
      type: MoneyRef,
      description: "What went to the customer balance (a POST_PAYMENT note with creditToBalance).",
      resolve: (note) => ({ amount: note.creditAmount, currency: note.currency }),
    }),
    outOfBandAmount: t.field({
      type: MoneyRef,
      description: "What was settled outside Tally (a POST_PAYMENT note without creditToBalance).",
      resolve: (note) => ({ amount: note.outOfBandAmount, currency: note.currency }),
    }),
    lines: t.relation("lines", { query: { orderBy: { position: "asc" } } }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    voidedAt: t.expose("voidedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.prismaObjectField("Invoice", "creditNotes", (t) =>
  t.relation("creditNotes", {
    description: "Oldest first.",
    query: { orderBy: [{ createdAt: "asc" }, { number: "asc" }] },
  }),
);

builder.queryField("creditNote", (t) =>
  t.prismaField({
    type: "CreditNote",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.creditNote.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("creditNotes", (t) =>
  t.prismaConnection(
    {
      type: "CreditNote",
      cursor: "accountId_mode_id",
      description: "Newest first.",
      args: { invoiceId: t.arg.id(), customerId: t.arg.id() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.creditNote.findMany({
          ...query,
          where: {
            ...(args.invoiceId ? { invoiceId: String(args.invoiceId) } : {}),
            ...(args.customerId ? { customerId: String(args.customerId) } : {}),
          },
          orderBy: [...NEWEST_FIRST],
        }),
    },
    { name: "CreditNoteConnection" },
    { name: "CreditNoteEdge" },
  ),
);

const CreditNoteLineInput = builder.inputType("CreditNoteLineInput", {
  description: "One invoice line to credit: exactly one of amount and quantity (at the line's unit amount).",
  fields: (t) => ({
    invoiceLineId: t.id({ required: true }),
    amount: t.field({ type: "Decimal" }),
    quantity: t.field({ type: "Decimal" }),
  }),
});

const CreateCreditNoteInput = builder.inputType("CreateCreditNoteInput", {
  description: "Exactly one of lines and amount.",
  fields: (t) => ({
    invoiceId: t.id({ required: true }),
    lines: t.field({ type: [CreditNoteLineInput] }),
    amount: t.field({ type: "Decimal", description: "In the invoice's currency." }),
    reason: t.field({ type: CreditNoteReasonEnum, required: true }),
    creditToBalance: t.boolean({
      required: true,
      description:
        "PAID invoices: credit the customer balance (else it was refunded outside Tally). Ignored on OPEN invoices.",
    }),
    memo: t.string(),
  }),
});

const VoidCreditNoteInput = builder.inputType("VoidCreditNoteInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

const decimalOrNull = (value: { toFixed(): string } | null | undefined) =>
  value == null ? null : toDecimal(value.toFixed());

builder.mutationField("createCreditNote", (t) =>
  t.prismaField({
    type: "CreditNote",
    description:
      "A credit note on an OPEN or PAID invoice, never more than it has left to credit (credit_note.created).",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateCreditNoteInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await createCreditNote(tenant, ctx.deps.clock, {
        invoiceId: String(input.invoiceId),
        amount: decimalOrNull(input.amount),
        lines:
          input.lines?.map((line) => ({
            invoiceLineId: String(line.invoiceLineId),
            amount: decimalOrNull(line.amount),
            quantity: decimalOrNull(line.quantity),
          })) ?? null,
        reason: input.reason,
        creditToBalance: input.creditToBalance,
        memo: input.memo,
      });
      return tenant.prisma.creditNote.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

builder.mutationField("voidCreditNote", (t) =>
  t.prismaField({
    type: "CreditNote",
    description: "Only while its invoice is OPEN: the invoice owes the amount again (credit_note.voided).",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: VoidCreditNoteInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await voidCreditNote(tenant, ctx.deps.clock, { id: String(input.id) });
      return tenant.prisma.creditNote.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);
