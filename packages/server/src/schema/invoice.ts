// Invoices: the Invoice node and its lines, invoice/invoices queries, Customer.invoices and
// previewInvoice (docs/concepts/invoices.md).
import type { InvoiceLine as DraftLine } from "@tally/billing";
import { BillingReason, InvoiceLineKind, InvoiceStatus, type InvoiceLine } from "../generated/prisma/client.js";
import { previewInvoice, type InvoicePreview } from "../services/invoices/preview.js";
import { builder } from "./builder.js";
import { CustomerRef } from "./customer.js";
import { MoneyRef, type MoneyShape } from "./money.js";
import { previewChange } from "../services/subscriptions/preview-change.js";
import {
  BillingCycleAnchorChangeEnum,
  changeOf,
  ProrationBehaviorEnum,
  SubscriptionItemChangeInput,
  SubscriptionRef,
} from "./subscription.js";
import { requireTenant } from "./tenant.js";

const InvoiceStatusEnum = builder.enumType(InvoiceStatus, { name: "InvoiceStatus" });
const InvoiceLineKindEnum = builder.enumType(InvoiceLineKind, { name: "InvoiceLineKind" });
const BillingReasonEnum = builder.enumType(BillingReason, { name: "BillingReason" });

/**
 * Newest first (a test clock's customers' invoices are dated in the clock's time); the number
 * breaks ties, so invoices made in one go list in reverse issue order.
 */
export const NEWEST_FIRST = [{ createdAt: "desc" }, { number: "desc" }] as const;

/** A stored line or a preview's line, as the InvoiceLine type shows it. */
interface LineView {
  /** Null on a preview's lines (not stored). */
  id: string | null;
  kind: InvoiceLineKind;
  description: string;
  priceId: string;
  tier: number | null;
  quantity: string;
  unitAmount: string;
  amount: MoneyShape;
  periodStart: Date;
  periodEnd: Date;
}

function lineView(line: InvoiceLine | DraftLine, currency: string): LineView {
  return {
    id: "id" in line ? line.id : null,
    kind: line.kind,
    description: line.description,
    priceId: line.priceId,
    tier: line.tier,
    quantity: line.quantity.toFixed(),
    unitAmount: line.unitAmount.toFixed(),
    amount: { amount: line.amount, currency },
    periodStart: line.periodStart,
    periodEnd: line.periodEnd,
  };
}

const money = (amount: MoneyShape["amount"], currency: string): MoneyShape => ({ amount, currency });

const InvoiceLineRef = builder.objectRef<LineView>("InvoiceLine").implement({
  fields: (t) => ({
    id: t.exposeID("id", { nullable: true, description: "What a credit note line names; null on previews." }),
    kind: t.expose("kind", { type: InvoiceLineKindEnum }),
    description: t.exposeString("description"),
    price: t.prismaField({
      type: "Price",
      // Prisma batches the lines' lookups made in one tick into one query.
      resolve: (query, line, _args, ctx) =>
        requireTenant(ctx).prisma.price.findUniqueOrThrow({ ...query, where: { id: line.priceId } }),
    }),
    tier: t.exposeInt("tier", { nullable: true, description: "1-based tier index for tiered prices." }),
    quantity: t.field({ type: "Decimal", resolve: (line) => line.quantity }),
    unitAmount: t.field({ type: "Decimal", resolve: (line) => line.unitAmount }),
    amount: t.field({ type: MoneyRef, resolve: (line) => line.amount }),
    periodStart: t.expose("periodStart", { type: "DateTime" }),
    periodEnd: t.expose("periodEnd", { type: "DateTime" }),
  }),
});

builder.prismaNode("Invoice", {
  id: { field: "id" },
  fields: (t) => ({
    number: t.exposeString("number"),
    customer: t.relation("customer"),
    subscription: t.relation("subscription", { nullable: true }),
    billingReason: t.expose("billingReason", { type: BillingReasonEnum }),
    status: t.expose("status", { type: InvoiceStatusEnum }),
    currency: t.exposeString("currency"),
    periodStart: t.expose("periodStart", { type: "DateTime" }),
    periodEnd: t.expose("periodEnd", { type: "DateTime" }),
    lines: t.field({
      type: [InvoiceLineRef],
      select: { lines: { orderBy: { position: "asc" } } },
      resolve: (invoice) => invoice.lines.map((line) => lineView(line, invoice.currency)),
    }),
    subtotal: t.field({ type: MoneyRef, resolve: (invoice) => money(invoice.subtotal, invoice.currency) }),
    creditsApplied: t.field({ type: MoneyRef, resolve: (invoice) => money(invoice.creditsApplied, invoice.currency) }),
    total: t.field({ type: MoneyRef, resolve: (invoice) => money(invoice.total, invoice.currency) }),
    amountDue: t.field({ type: MoneyRef, resolve: (invoice) => money(invoice.amountDue, invoice.currency) }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    finalizedAt: t.expose("finalizedAt", { type: "DateTime", nullable: true }),
  }),
});

builder.queryField("invoice", (t) =>
  t.prismaField({
    type: "Invoice",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.invoice.findUnique({ ...query, where: { id: String(id) } }),
  }),
);

builder.queryField("invoices", (t) =>
  t.prismaConnection(
    {
      type: "Invoice",
      cursor: "id",
      description: "Newest first; invoices of the same moment by number, highest first.",
      args: { customerId: t.arg.id(), subscriptionId: t.arg.id(), status: t.arg({ type: InvoiceStatusEnum }) },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.invoice.findMany({
          ...query,
          where: {
            ...(args.customerId ? { customerId: String(args.customerId) } : {}),
            ...(args.subscriptionId ? { subscriptionId: String(args.subscriptionId) } : {}),
            ...(args.status ? { status: args.status } : {}),
          },
          orderBy: [...NEWEST_FIRST],
        }),
    },
    { name: "InvoiceConnection" },
    { name: "InvoiceEdge" },
  ),
);

builder.prismaObjectField("Customer", "invoices", (t) =>
  t.relatedConnection("invoices", {
    cursor: "id",
    description: "Newest first.",
    query: { orderBy: [...NEWEST_FIRST] },
  }),
);

export const InvoicePreviewRef = builder.objectRef<InvoicePreview>("InvoicePreview").implement({
  description:
    "The invoice that would be finalized at the end of the subscription's current period, with the usage recorded so far.",
  fields: (t) => ({
    customer: t.field({ type: CustomerRef, resolve: (preview) => preview.subscription.customer }),
    subscription: t.field({ type: SubscriptionRef, resolve: (preview) => preview.subscription }),
    currency: t.string({ resolve: (preview) => preview.draft.currency }),
    periodStart: t.field({ type: "DateTime", resolve: (preview) => preview.draft.periodStart }),
    periodEnd: t.field({ type: "DateTime", resolve: (preview) => preview.draft.periodEnd }),
    lines: t.field({
      type: [InvoiceLineRef],
      resolve: ({ draft }) => draft.lines.map((line) => lineView(line, draft.currency)),
    }),
    subtotal: t.field({ type: MoneyRef, resolve: ({ draft }) => money(draft.subtotal, draft.currency) }),
    creditsApplied: t.field({ type: MoneyRef, resolve: ({ draft }) => money(draft.creditsApplied, draft.currency) }),
    total: t.field({ type: MoneyRef, resolve: ({ draft }) => money(draft.total, draft.currency) }),
    startingBalance: t.field({ type: MoneyRef, resolve: ({ draft }) => money(draft.startingBalance, draft.currency) }),
    endingBalance: t.field({ type: MoneyRef, resolve: ({ draft }) => money(draft.endingBalance, draft.currency) }),
    amountDue: t.field({ type: MoneyRef, resolve: ({ draft }) => money(draft.amountDue, draft.currency) }),
  }),
});

const SubscriptionChangesInput = builder.inputType("SubscriptionChangesInput", {
  description: "A change as updateSubscription takes it, to preview (docs/concepts/invoices.md#previews).",
  fields: (t) => ({
    items: t.field({ type: [SubscriptionItemChangeInput] }),
    prorationBehavior: t.field({ type: ProrationBehaviorEnum, description: "Default CREATE_PRORATIONS." }),
    prorationDate: t.field({ type: "DateTime", description: "Default: the customer's now." }),
    cancelAtPeriodEnd: t.boolean(),
    billingCycleAnchor: t.field({ type: BillingCycleAnchorChangeEnum }),
  }),
});

builder.queryField("previewInvoice", (t) =>
  t.field({
    type: InvoicePreviewRef,
    nullable: true,
    description:
      "Null for an unknown or canceled subscription. With subscriptionChanges: the invoice the change would produce (the ALWAYS_INVOICE invoice, or the next one); a change updateSubscription would refuse is an error.",
    args: {
      subscriptionId: t.arg.id({ required: true }),
      subscriptionChanges: t.arg({ type: SubscriptionChangesInput }),
    },
    resolve: (_root, { subscriptionId, subscriptionChanges }, ctx) => {
      const tenant = requireTenant(ctx);
      if (subscriptionChanges == null) return previewInvoice(tenant, String(subscriptionId));
      return previewChange(tenant, ctx.deps.clock, changeOf(String(subscriptionId), subscriptionChanges));
    },
  }),
);
