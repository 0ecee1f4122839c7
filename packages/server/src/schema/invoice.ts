// Invoices: the Invoice node and its lines, invoice/invoices queries, Customer.invoices and
// previewInvoice (docs/concepts/invoices.md).
import { fenceRead, STREAM_FENCE_ARG } from "./stream-fence.js";
import type { AdjustedLine as DraftLine, DiscountAmount, TaxAmount } from "@tally/billing";
import { segmentConditionsOf } from "../services/prices.js";
import { MeterSegmentConditionRef } from "./price.js";
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
import { entityNode, requireTenant } from "./tenant.js";
import { DiscountInput } from "./discount.js";
import { discountAmountsOf, taxAmountsOf } from "../services/invoices/adjustment-json.js";
import { byId } from "../db/tenant-scope.js";

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
  priceId: string | null;
  tier: number | null;
  quantity: string;
  unitAmount: string;
  amount: MoneyShape;
  periodStart: Date;
  periodEnd: Date;
  discountAmounts: DiscountAmountView[];
  taxAmounts: TaxAmountView[];
}

type DiscountAmountView = DiscountAmount & { currency: string };
type TaxAmountView = TaxAmount & { currency: string };

const inCurrency =
  (currency: string) =>
  <T>(amount: T): T & { currency: string } => ({ ...amount, currency });

function lineView(line: InvoiceLine | DraftLine, currency: string): LineView {
  const stored = "position" in line;
  const discounts = stored ? discountAmountsOf(line.discountAmounts) : line.discountAmounts;
  const taxes = stored ? taxAmountsOf(line.taxAmounts) : line.taxAmounts;
  return {
    discountAmounts: discounts.map(inCurrency(currency)),
    taxAmounts: taxes.map(inCurrency(currency)),
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

const DiscountAmountRef = builder.objectRef<DiscountAmountView>("DiscountAmount").implement({
  description: "What one discount took off a line or an invoice (docs/concepts/discounts.md).",
  fields: (t) => ({
    amount: t.field({ type: MoneyRef, resolve: (a) => money(a.amount, a.currency) }),
    discount: t.prismaField({
      type: "Discount",
      nullable: true,
      description: "null only in a preview of a change that redeems a coupon: the discount does not exist yet.",
      resolve: (query, a, _args, ctx) =>
        requireTenant(ctx).prisma.discount.findUnique({
          ...query,
          where: byId(requireTenant(ctx).scope, a.discountId),
        }),
    }),
  }),
});

const TaxAmountRef = builder.objectRef<TaxAmountView>("TaxAmount").implement({
  description: "The tax of one rate on a line or an invoice (docs/concepts/tax-rates.md).",
  fields: (t) => ({
    amount: t.field({ type: MoneyRef, resolve: (a) => money(a.amount, a.currency) }),
    taxRate: t.prismaField({
      type: "TaxRate",
      resolve: (query, a, _args, ctx) =>
        requireTenant(ctx).prisma.taxRate.findUniqueOrThrow({
          ...query,
          where: byId(requireTenant(ctx).scope, a.taxRateId),
        }),
    }),
    inclusive: t.exposeBoolean("inclusive"),
    taxableAmount: t.field({
      type: MoneyRef,
      description: "The amount the tax is computed on, excluding tax.",
      resolve: (a) => money(a.taxableAmount, a.currency),
    }),
  }),
});

/** The discount and tax fields of an invoice or a preview (docs/concepts/invoices.md#totals). */
interface AdjustedTotalsView {
  currency: string;
  totalDiscountAmount: MoneyShape["amount"];
  totalDiscountAmounts: DiscountAmount[];
  tax: MoneyShape["amount"];
  totalTaxAmounts: TaxAmount[];
  subtotalExcludingTax: MoneyShape["amount"];
  totalExcludingTax: MoneyShape["amount"];
}

function storedTotals(invoice: {
  currency: string;
  totalDiscountAmount: MoneyShape["amount"];
  totalDiscountAmounts: Parameters<typeof discountAmountsOf>[0];
  tax: MoneyShape["amount"];
  totalTaxAmounts: Parameters<typeof taxAmountsOf>[0];
  subtotalExcludingTax: MoneyShape["amount"];
  totalExcludingTax: MoneyShape["amount"];
}): AdjustedTotalsView {
  return {
    ...invoice,
    totalDiscountAmounts: discountAmountsOf(invoice.totalDiscountAmounts),
    totalTaxAmounts: taxAmountsOf(invoice.totalTaxAmounts),
  };
}

/** The discount and tax totals' fields, each as Money (docs/concepts/invoices.md#totals). */
const TOTALS = {
  totalDiscountAmount: "What the discounts took off, over all lines.",
  tax: "All tax, inclusive and exclusive.",
  subtotalExcludingTax: "subtotal without the inclusive taxes.",
  totalExcludingTax: "subtotalExcludingTax − totalDiscountAmount: after discounts, with no tax.",
} as const;

/** Resolvers of the totals' fields, for Invoice and InvoicePreview alike. */
const totalsResolvers = {
  amount: (name: keyof typeof TOTALS) => (v: AdjustedTotalsView) => money(v[name], v.currency),
  discounts: (v: AdjustedTotalsView) => v.totalDiscountAmounts.map(inCurrency(v.currency)),
  taxes: (v: AdjustedTotalsView) => v.totalTaxAmounts.map(inCurrency(v.currency)),
};

const InvoiceLineRef = builder.objectRef<LineView>("InvoiceLine").implement({
  fields: (t) => ({
    id: t.exposeID("id", { nullable: true, description: "What a credit note line names; null on previews." }),
    kind: t.expose("kind", { type: InvoiceLineKindEnum }),
    description: t.exposeString("description"),
    price: t.prismaField({
      type: "Price",
      nullable: true,
      description: "Null for a one-off item given as an amount.",
      // Prisma batches the lines' lookups made in one tick into one query.
      resolve: (query, line, _args, ctx) =>
        line.priceId === null
          ? null
          : requireTenant(ctx).prisma.price.findUniqueOrThrow({
              ...query,
              where: byId(requireTenant(ctx).scope, line.priceId),
            }),
    }),
    tier: t.exposeInt("tier", { nullable: true, description: "1-based tier index for tiered prices." }),
    quantity: t.field({ type: "Decimal", resolve: (line) => line.quantity }),
    unitAmount: t.field({ type: "Decimal", resolve: (line) => line.unitAmount }),
    amount: t.field({ type: MoneyRef, resolve: (line) => line.amount }),
    periodStart: t.expose("periodStart", { type: "DateTime" }),
    periodEnd: t.expose("periodEnd", { type: "DateTime" }),
    meterSegmentConditions: t.field({
      type: [MeterSegmentConditionRef],
      description: "A USAGE line's price's conditions: the segment of the meter's events its quantity counts.",
      resolve: async (line, _args, ctx) =>
        line.kind === "USAGE" && line.priceId !== null
          ? segmentConditionsOf(await requireTenant(ctx).rows.referenced("Price", line.priceId))
          : [],
    }),
    discountAmounts: t.field({
      type: [DiscountAmountRef],
      description: "What each discount took off the line's amount.",
      resolve: (line) => line.discountAmounts,
    }),
    taxAmounts: t.field({
      type: [TaxAmountRef],
      description: "The tax of each rate on the line's amount after discounts.",
      resolve: (line) => line.taxAmounts,
    }),
  }),
});

builder.prismaNode("Invoice", {
  ...entityNode,
  fields: (t) => ({
    number: t.exposeString("number", {
      nullable: true,
      description: "Gap-free per account and mode, taken at finalization: null while DRAFT.",
    }),
    description: t.exposeString("description", { nullable: true }),
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
    totalDiscountAmount: t.field({
      type: MoneyRef,
      description: TOTALS.totalDiscountAmount,
      resolve: (i) => totalsResolvers.amount("totalDiscountAmount")(storedTotals(i)),
    }),
    totalDiscountAmounts: t.field({
      type: [DiscountAmountRef],
      description: "Per discount, what it took off.",
      resolve: (i) => totalsResolvers.discounts(storedTotals(i)),
    }),
    tax: t.field({
      type: MoneyRef,
      description: TOTALS.tax,
      resolve: (i) => totalsResolvers.amount("tax")(storedTotals(i)),
    }),
    totalTaxAmounts: t.field({
      type: [TaxAmountRef],
      description: "Per tax rate, its tax and taxable amount.",
      resolve: (i) => totalsResolvers.taxes(storedTotals(i)),
    }),
    subtotalExcludingTax: t.field({
      type: MoneyRef,
      description: TOTALS.subtotalExcludingTax,
      resolve: (i) => totalsResolvers.amount("subtotalExcludingTax")(storedTotals(i)),
    }),
    totalExcludingTax: t.field({
      type: MoneyRef,
      description: TOTALS.totalExcludingTax,
      resolve: (i) => totalsResolvers.amount("totalExcludingTax")(storedTotals(i)),
    }),
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
      requireTenant(ctx).prisma.invoice.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("invoices", (t) =>
  t.prismaConnection(
    {
      type: "Invoice",
      cursor: "accountId_mode_id",
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
    cursor: "accountId_mode_id",
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
    totalDiscountAmount: t.field({
      type: MoneyRef,
      description: TOTALS.totalDiscountAmount,
      resolve: ({ draft }) => totalsResolvers.amount("totalDiscountAmount")(draft),
    }),
    totalDiscountAmounts: t.field({
      type: [DiscountAmountRef],
      resolve: ({ draft }) => totalsResolvers.discounts(draft),
    }),
    tax: t.field({
      type: MoneyRef,
      description: TOTALS.tax,
      resolve: ({ draft }) => totalsResolvers.amount("tax")(draft),
    }),
    totalTaxAmounts: t.field({ type: [TaxAmountRef], resolve: ({ draft }) => totalsResolvers.taxes(draft) }),
    subtotalExcludingTax: t.field({
      type: MoneyRef,
      description: TOTALS.subtotalExcludingTax,
      resolve: ({ draft }) => totalsResolvers.amount("subtotalExcludingTax")(draft),
    }),
    totalExcludingTax: t.field({
      type: MoneyRef,
      description: TOTALS.totalExcludingTax,
      resolve: ({ draft }) => totalsResolvers.amount("totalExcludingTax")(draft),
    }),
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
    discounts: t.field({ type: [DiscountInput] }),
    defaultTaxRates: t.idList(),
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
      after: t.arg.string(STREAM_FENCE_ARG),
    },
    resolve: async (_root, { subscriptionId, subscriptionChanges, after }, ctx) => {
      const tenant = requireTenant(ctx);
      await fenceRead(tenant, ctx, after);
      if (subscriptionChanges == null) return previewInvoice(tenant, String(subscriptionId));
      return previewChange(tenant, ctx.deps.clock, changeOf(String(subscriptionId), subscriptionChanges));
    },
  }),
);
