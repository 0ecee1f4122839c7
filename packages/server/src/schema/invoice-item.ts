// One-off invoice items (docs/concepts/invoices.md#one-off-invoice-items): the InvoiceItem node
// (PendingInvoiceItem rows of kind INVOICE_ITEM), invoiceItem/invoiceItems queries,
// createInvoiceItem, updateInvoiceItem and deleteInvoiceItem.
import { InvalidInputError, NotFoundError } from "../errors.js";
import { createInvoiceItem, deleteInvoiceItem, updateInvoiceItem } from "../services/invoices/invoice-items.js";
import { billThresholds } from "../services/thresholds/bill.js";
import { builder } from "./builder.js";
import { MoneyRef } from "./money.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const INVOICE_ITEM = { kind: "INVOICE_ITEM" } as const;

builder.prismaNode("PendingInvoiceItem", {
  name: "InvoiceItem",
  description: "A one-off charge (or, negative, a credit) for a customer's next invoice or a DRAFT.",
  ...entityNode,
  findUnique: (id, ctx) => ({ ...entityNode.findUnique(id, ctx), ...INVOICE_ITEM }),
  fields: (t) => ({
    customer: t.relation("customer"),
    subscription: t.relation("subscription", {
      nullable: true,
      description: "The subscription whose next invoice takes the item; null: the customer's next in its currency.",
    }),
    invoice: t.prismaField({
      type: "Invoice",
      nullable: true,
      description: "The invoice holding the item (a DRAFT, or one finalized with it); null while pending.",
      resolve: (query, item, _args, ctx) =>
        item.invoiceId === null
          ? null
          : requireTenant(ctx).prisma.invoice.findUnique({
              ...query,
              where: byId(requireTenant(ctx).scope, item.invoiceId),
            }),
    }),
    pending: t.boolean({
      description: "Waiting for an invoice: on none yet.",
      resolve: (item) => item.invoiceId === null,
    }),
    price: t.relation("price", { nullable: true, description: "Null for an item given as an amount." }),
    description: t.exposeString("description"),
    currency: t.exposeString("currency"),
    quantity: t.field({ type: "Decimal", resolve: (item) => item.quantity!.toFixed() }),
    unitAmount: t.field({ type: "Decimal", resolve: (item) => item.unitAmount!.toFixed() }),
    amount: t.field({
      type: MoneyRef,
      description: "quantity × unitAmount, rounded to the currency's minor unit when the item was made.",
      resolve: (item) => ({ amount: item.amount!, currency: item.currency }),
    }),
    periodStart: t.expose("periodStart", { type: "DateTime" }),
    periodEnd: t.expose("periodEnd", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("invoiceItem", (t) =>
  t.prismaField({
    type: "PendingInvoiceItem",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.pendingInvoiceItem.findFirst({ ...query, where: { id: String(id), ...INVOICE_ITEM } }),
  }),
);

builder.queryField("invoiceItems", (t) =>
  t.prismaConnection(
    {
      type: "PendingInvoiceItem",
      cursor: "accountId_mode_id",
      description: "Newest first. pending: true lists items on no invoice yet, false those on one.",
      args: { customerId: t.arg.id(), pending: t.arg.boolean() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.pendingInvoiceItem.findMany({
          ...query,
          where: {
            ...INVOICE_ITEM,
            ...(args.customerId ? { customerId: String(args.customerId) } : {}),
            ...(args.pending == null ? {} : { invoiceId: args.pending ? null : { not: null } }),
          },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "InvoiceItemConnection" },
    { name: "InvoiceItemEdge" },
  ),
);

const InvoiceItemPeriodInput = builder.inputType("InvoiceItemPeriodInput", {
  fields: (t) => ({
    start: t.field({ type: "DateTime", required: true }),
    end: t.field({ type: "DateTime", required: true, description: "Not before start." }),
  }),
});

const CreateInvoiceItemInput = builder.inputType("CreateInvoiceItemInput", {
  description: "Exactly one of amount, or priceId (with quantity, default 1).",
  fields: (t) => ({
    customerId: t.id({ required: true }),
    amount: t.field({
      type: "Decimal",
      description: "In major units, nonzero (negative: a credit), at most the currency's minor-unit digits.",
    }),
    priceId: t.id({ description: "An active LICENSED per-unit price; the item bills quantity × its unit amount." }),
    quantity: t.int({ description: "With priceId: 1 to 1 000 000 000; default 1." }),
    currency: t.string({
      description: "Required with amount unless subscriptionId or invoiceId gives it; must match the price's.",
    }),
    description: t.string({ description: "Required with amount; default with priceId: the product's name." }),
    subscriptionId: t.id({ description: "Bill on this subscription's next invoice (same currency)." }),
    invoiceId: t.id({ description: "Put on this DRAFT invoice of the customer." }),
    period: t.field({ type: InvoiceItemPeriodInput, description: "Shown on the line; default: the customer's now." }),
  }),
});

const UpdateInvoiceItemInput = builder.inputType("UpdateInvoiceItemInput", {
  description: "While the item is pending or on a DRAFT. Omitted fields stay as they are.",
  fields: (t) => ({
    id: t.id({ required: true }),
    amount: t.field({ type: "Decimal", description: "For an item given as an amount." }),
    quantity: t.int({ description: "For an item with a price." }),
    description: t.string(),
    period: t.field({ type: InvoiceItemPeriodInput }),
  }),
});

const InvoiceItemIdInput = builder.inputType("InvoiceItemIdInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("createInvoiceItem", (t) =>
  t.prismaField({
    type: "PendingInvoiceItem",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateInvoiceItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const id = await createInvoiceItem(tenant, ctx.deps.clock, {
        ...input,
        customerId: String(input.customerId),
        priceId: input.priceId == null ? null : String(input.priceId),
        subscriptionId: input.subscriptionId == null ? null : String(input.subscriptionId),
        invoiceId: input.invoiceId == null ? null : String(input.invoiceId),
      });
      // A pending charge counts toward a billing threshold like usage (docs/concepts/subscriptions.md#billing-thresholds).
      await billThresholds(tenant, ctx.deps.clock, [String(input.customerId)]);
      return tenant.prisma.pendingInvoiceItem.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

builder.mutationField("updateInvoiceItem", (t) =>
  t.prismaField({
    type: "PendingInvoiceItem",
    description: "Refused with INVOICE_STATE_INVALID once the item is on a finalized invoice.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: UpdateInvoiceItemInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const id = String(input.id);
      await updateInvoiceItem(tenant, ctx.deps.clock, { ...input, id });
      const { customerId } = await tenant.prisma.pendingInvoiceItem.findUniqueOrThrow({
        where: byId(tenant.scope, id),
      });
      await billThresholds(tenant, ctx.deps.clock, [customerId]);
      return tenant.prisma.pendingInvoiceItem.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

const DeletedInvoiceItemRef = builder.objectRef<{ id: string }>("DeletedInvoiceItem").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    deleted: t.boolean({ resolve: () => true }),
  }),
});

builder.mutationField("deleteInvoiceItem", (t) =>
  t.field({
    type: DeletedInvoiceItemRef,
    description: "While the item is pending or on a DRAFT; refused with INVOICE_STATE_INVALID after.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: InvoiceItemIdInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const deleted = await deleteInvoiceItem(requireTenant(ctx), ctx.deps.clock, String(input.id));
      return { id: deleted.id };
    },
  }),
);
