// DRAFT invoices (docs/concepts/invoices.md#draft-invoices): createInvoice, finalizeInvoice,
// deleteInvoice; and the rendered invoice's links on Invoice (docs/concepts/invoices.md#the-rendered-invoice).
import { InvalidInputError, NotFoundError } from "../errors.js";
import { documentUrls } from "../services/invoices/document-links.js";
import { createInvoice, deleteInvoice, finalizeInvoice } from "../services/invoices/drafts.js";
import { builder } from "./builder.js";
import { requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const PendingInvoiceItemsBehaviorEnum = builder.enumType("PendingInvoiceItemsBehavior", {
  values: {
    INCLUDE: { description: "The customer's pending one-off items in the invoice's currency go on the draft." },
    EXCLUDE: { description: "The draft starts empty; add items with createInvoiceItem(invoiceId)." },
  } as const,
});

const CreateInvoiceInput = builder.inputType("CreateInvoiceInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    subscriptionId: t.id({
      description: "Take this subscription's pending one-off items (with the customer's untied ones) and its currency.",
    }),
    currency: t.string({
      description: "Default: the subscription's, or that of the customer's pending items when they share one.",
    }),
    description: t.string({ description: "Shown on the rendered invoice; at most 500 characters." }),
    pendingInvoiceItemsBehavior: t.field({ type: PendingInvoiceItemsBehaviorEnum, description: "Default INCLUDE." }),
  }),
});

const InvoiceIdInput = builder.inputType("InvoiceIdInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.prismaObjectFields("Invoice", (t) => ({
  hostedInvoiceUrl: t.string({
    nullable: true,
    description: "The invoice as a web page, readable without a key by whoever has the link; null while DRAFT.",
    select: { documentToken: true },
    resolve: (invoice, _args, ctx) =>
      invoice.documentToken === null ? null : documentUrls(ctx.publicUrl, invoice.documentToken).hostedInvoiceUrl,
  }),
  invoicePdf: t.string({
    nullable: true,
    description: "The invoice as a PDF, rendered once and never changed; null while DRAFT.",
    select: { documentToken: true },
    resolve: (invoice, _args, ctx) =>
      invoice.documentToken === null ? null : documentUrls(ctx.publicUrl, invoice.documentToken).invoicePdf,
  }),
}));

builder.mutationField("createInvoice", (t) =>
  t.prismaField({
    type: "Invoice",
    description: "A DRAFT invoice (billingReason MANUAL), editable until finalizeInvoice.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateInvoiceInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const id = await createInvoice(tenant, ctx.deps.clock, {
        ...input,
        customerId: String(input.customerId),
        subscriptionId: input.subscriptionId == null ? null : String(input.subscriptionId),
      });
      return tenant.prisma.invoice.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

builder.mutationField("finalizeInvoice", (t) =>
  t.prismaField({
    type: "Invoice",
    description:
      "DRAFT → OPEN: numbered, finalizedAt set, invoice.finalized. Anything but a DRAFT: INVOICE_STATE_INVALID.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: InvoiceIdInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const id = String(input.id);
      await finalizeInvoice(tenant, ctx.deps.clock, id);
      return tenant.prisma.invoice.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

const DeletedInvoiceRef = builder.objectRef<{ id: string }>("DeletedInvoice").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    deleted: t.boolean({ resolve: () => true }),
  }),
});

builder.mutationField("deleteInvoice", (t) =>
  t.field({
    type: DeletedInvoiceRef,
    description: "Only a DRAFT (anything else: INVOICE_STATE_INVALID); its items become pending again.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: InvoiceIdInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const deleted = await deleteInvoice(requireTenant(ctx), ctx.deps.clock, String(input.id));
      return { id: deleted.id };
    },
  }),
);
