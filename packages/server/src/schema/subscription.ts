// Subscriptions: the Subscription and SubscriptionItem nodes, subscription/subscriptions queries,
// Customer.subscriptions, createSubscription, updateSubscription and cancelSubscription (docs/concepts/subscriptions.md).
import {
  resolveCursorConnection,
  type DefaultConnectionArguments,
  type ResolveCursorConnectionArgs,
} from "@pothos/plugin-relay";
import type { Context } from "../context.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import { BillingMode, SpendCapBehavior, SubscriptionStatus, type Subscription } from "../generated/prisma/client.js";
import { cancelSubscription } from "../services/subscriptions/cancel.js";
import { createSubscription } from "../services/subscriptions/create.js";
import { listSubscriptions, type SubscriptionFilter } from "../services/subscriptions/list.js";
import {
  updateSubscription,
  type UpdateSubscriptionInput as SubscriptionChange,
} from "../services/subscriptions/update.js";
import { builder } from "./builder.js";
import { DiscountInput, discountsOf } from "./discount.js";
import { CustomerRef } from "./customer.js";
import { MoneyRef } from "./money.js";
import { PriceRef } from "./price.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

export const SubscriptionStatusEnum = builder.enumType(SubscriptionStatus, { name: "SubscriptionStatus" });
const BillingModeEnum = builder.enumType(BillingMode, { name: "BillingMode" });

const SpendCapBehaviorEnum = builder.enumType("SpendCapBehavior", {
  description: "What a spend cap does (docs/concepts/subscriptions.md#spend-caps).",
  values: {
    BLOCK_EVENTS: {
      value: SpendCapBehavior.BLOCK_EVENTS,
      description:
        "An event whose acceptance would take the period's previewed total over the cap is refused with SPEND_CAP_EXCEEDED.",
    },
    ALERT_ONLY: {
      value: SpendCapBehavior.ALERT_ONLY,
      description: "Events are accepted; billing.spend_cap.reached is recorded when the total reaches the cap.",
    },
  } as const,
});

const SpendCapRef = builder.objectRef<SpendCapShape>("SpendCap").implement({
  description: "The most a billing period may cost, in the subscription's currency.",
  fields: (t) => ({
    amount: t.field({
      type: MoneyRef,
      resolve: (cap) => ({ amount: cap.amount, currency: cap.currency }),
    }),
    behavior: t.field({ type: SpendCapBehaviorEnum, resolve: (cap) => cap.behavior }),
  }),
});

interface SpendCapShape {
  amount: { toFixed(): string };
  currency: string;
  behavior: SpendCapBehavior;
}

const SpendCapInput = builder.inputType("SpendCapInput", {
  fields: (t) => ({
    amount: t.field({
      type: "Decimal",
      required: true,
      description: "In the subscription's currency (major units), at least 0.",
    }),
    behavior: t.field({ type: SpendCapBehaviorEnum, required: true }),
  }),
});

interface BillingThresholdsShape {
  amountGte: { toFixed(): string };
  currency: string;
  resetBillingCycleAnchor: boolean;
}

const BillingThresholdsRef = builder.objectRef<BillingThresholdsShape>("BillingThresholds").implement({
  description:
    "An invoice is finalized when the period's usage not yet invoiced reaches amountGte (docs/concepts/subscriptions.md#billing-thresholds).",
  fields: (t) => ({
    amountGte: t.field({ type: MoneyRef, resolve: (b) => ({ amount: b.amountGte, currency: b.currency }) }),
    resetBillingCycleAnchor: t.exposeBoolean("resetBillingCycleAnchor", {
      description:
        "The billing period restarts at each threshold invoice: the crossing ends the period and starts a new full one (docs/concepts/subscriptions.md#resetting-the-cycle-at-a-threshold).",
    }),
  }),
});

const BillingThresholdsInput = builder.inputType("BillingThresholdsInput", {
  fields: (t) => ({
    amountGte: t.field({
      type: "Decimal",
      required: true,
      description: "In the subscription's currency (major units), greater than 0.",
    }),
    resetBillingCycleAnchor: t.boolean({
      description:
        "Default false; true ends the period at each threshold invoice and starts a new full one there (docs/concepts/subscriptions.md#resetting-the-cycle-at-a-threshold).",
    }),
  }),
});

const SubscriptionItemRef = builder.prismaNode("SubscriptionItem", {
  ...entityNode,
  fields: (t) => ({
    price: t.field({
      type: PriceRef,
      resolve: (item, _args, ctx) => requireTenant(ctx).rows.referenced("Price", item.priceId),
    }),
    quantity: t.exposeInt("quantity", {
      nullable: true,
      description: "The licensed quantity; null for a metered price.",
    }),
  }),
});

export const SubscriptionRef = builder.prismaNode("Subscription", {
  ...entityNode,
  fields: (t) => ({
    customer: t.field({
      type: CustomerRef,
      resolve: (s, _args, ctx) => requireTenant(ctx).rows.referenced("Customer", s.customerId),
    }),
    status: t.expose("status", { type: SubscriptionStatusEnum }),
    billingMode: t.expose("billingMode", { type: BillingModeEnum }),
    currency: t.exposeString("currency"),
    items: t.field({
      type: [SubscriptionItemRef],
      resolve: (s, _args, ctx) => requireTenant(ctx).rows.subscriptionItems().load(s.id),
    }),
    startDate: t.expose("startDate", { type: "DateTime" }),
    billingCycleAnchor: t.expose("billingCycleAnchor", { type: "DateTime" }),
    currentPeriodStart: t.expose("currentPeriodStart", { type: "DateTime" }),
    currentPeriodEnd: t.expose("currentPeriodEnd", { type: "DateTime" }),
    cancelAtPeriodEnd: t.exposeBoolean("cancelAtPeriodEnd"),
    canceledAt: t.expose("canceledAt", { type: "DateTime", nullable: true }),
    trialStart: t.expose("trialStart", { type: "DateTime", nullable: true }),
    trialEnd: t.expose("trialEnd", {
      type: "DateTime",
      nullable: true,
      description: "The free trial's end; the subscription is TRIALING until then.",
    }),
    spendCap: t.field({
      type: SpendCapRef,
      nullable: true,
      description: "The most each billing period may cost; null: no cap.",
      resolve: (s) =>
        s.spendCapAmount === null || s.spendCapBehavior === null
          ? null
          : { amount: s.spendCapAmount, currency: s.currency, behavior: s.spendCapBehavior },
    }),
    billingThresholds: t.field({
      type: BillingThresholdsRef,
      nullable: true,
      resolve: (s) =>
        s.billingThresholdAmountGte === null
          ? null
          : {
              amountGte: s.billingThresholdAmountGte,
              currency: s.currency,
              resetBillingCycleAnchor: s.billingThresholdResetAnchor,
            },
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("subscription", (t) =>
  t.prismaField({
    type: "Subscription",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.subscription.findUnique({
        ...query,
        where: byId(requireTenant(ctx).scope, String(id)),
      }),
  }),
);

/** A page of subscriptions for Relay arguments: cursors are subscription ids. */
function subscriptionPage(ctx: Context, args: DefaultConnectionArguments, filter: SubscriptionFilter) {
  return resolveCursorConnection({ args, toCursor: (s: Subscription) => s.id }, (page: ResolveCursorConnectionArgs) =>
    listSubscriptions(requireTenant(ctx), filter, page),
  );
}

builder.queryField("subscriptions", (t) =>
  t.connection(
    {
      type: SubscriptionRef,
      description: "Newest first.",
      args: { customerId: t.arg.id(), status: t.arg({ type: SubscriptionStatusEnum }) },
      resolve: (_root, args, ctx) =>
        subscriptionPage(ctx, args, { customerId: args.customerId ?? null, status: args.status ?? null }),
    },
    { name: "SubscriptionConnection" },
    { name: "SubscriptionEdge" },
  ),
);

builder.objectField(CustomerRef, "subscriptions", (t) =>
  t.connection(
    {
      type: SubscriptionRef,
      description: "Newest first.",
      resolve: (customer, args, ctx) => subscriptionPage(ctx, args, { customerId: customer.id }),
    },
    { name: "CustomerSubscriptionsConnection" },
    { name: "CustomerSubscriptionsConnectionEdge" },
  ),
);

const SubscriptionItemInput = builder.inputType("SubscriptionItemInput", {
  fields: (t) => ({
    priceId: t.id({ required: true }),
    quantity: t.int({ description: "For licensed prices only; default 1." }),
    taxRates: t.idList({ description: "The item's own tax rates (at most 5); none: the defaults." }),
  }),
});

const CreateSubscriptionInput = builder.inputType("CreateSubscriptionInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    items: t.field({ type: [SubscriptionItemInput], required: true }),
    billingMode: t.field({ type: BillingModeEnum, description: "Default FLEXIBLE." }),
    startDate: t.field({
      type: "DateTime",
      description: "Default: the customer's now; at most 35 days back, never ahead.",
    }),
    billingCycleAnchor: t.field({
      type: "DateTime",
      description: "Default: startDate (trialEnd with a trial); before it plus one interval.",
    }),
    trialEnd: t.field({
      type: "DateTime",
      description: "A free trial until then: after the customer's now, at most 730 days after startDate.",
    }),
    trialPeriodDays: t.int({
      description: "A free trial of this many days from startDate (1–730); not with trialEnd.",
    }),
    discounts: t.field({
      type: [DiscountInput],
      description: "Coupons or promotion codes to redeem; the subscription's own replace its customer's.",
    }),
    defaultTaxRates: t.idList({ description: "Tax rates of items without their own (at most 5)." }),
    spendCap: t.field({ type: SpendCapInput, description: "The most each billing period may cost; default none." }),
    billingThresholds: t.field({
      type: BillingThresholdsInput,
      description: "Invoice usage early when it reaches an amount; default none.",
    }),
  }),
});

const CancelSubscriptionInput = builder.inputType("CancelSubscriptionInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    atPeriodEnd: t.boolean({ required: true }),
  }),
});

builder.mutationField("createSubscription", (t) =>
  t.prismaField({
    type: "Subscription",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateSubscriptionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await createSubscription(tenant, ctx.deps.clock, {
        customerId: String(input.customerId),
        items: input.items.map((item) => ({
          priceId: String(item.priceId),
          quantity: item.quantity ?? null,
          taxRates: item.taxRates?.map(String) ?? null,
        })),
        billingMode: input.billingMode ?? null,
        startDate: input.startDate ?? null,
        billingCycleAnchor: input.billingCycleAnchor ?? null,
        trialEnd: input.trialEnd ?? null,
        trialPeriodDays: input.trialPeriodDays ?? null,
        discounts: discountsOf(input.discounts),
        defaultTaxRates: input.defaultTaxRates?.map(String) ?? null,
        spendCap: input.spendCap ?? null,
        billingThresholds: input.billingThresholds ?? null,
      });
      // Read back with the selection, so customer, items and prices come in the same query.
      return tenant.prisma.subscription.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

builder.mutationField("cancelSubscription", (t) =>
  t.prismaField({
    type: "Subscription",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CancelSubscriptionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await cancelSubscription(tenant, ctx.deps.clock, {
        id: String(input.id),
        atPeriodEnd: input.atPeriodEnd,
      });
      return tenant.prisma.subscription.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

export const ProrationBehaviorEnum = builder.enumType("ProrationBehavior", {
  description: "What a change does with prorations (docs/concepts/subscriptions.md#proration).",
  values: ["CREATE_PRORATIONS", "ALWAYS_INVOICE", "NONE"] as const,
});

export const BillingCycleAnchorChangeEnum = builder.enumType("BillingCycleAnchorChange", {
  description: "NOW: the current period ends now, is invoiced, and a new billing cycle starts.",
  values: ["NOW", "UNCHANGED"] as const,
});

export const SubscriptionItemChangeInput = builder.inputType("SubscriptionItemChangeInput", {
  fields: (t) => ({
    id: t.id({ description: "The item to change or delete; omitted: a new item." }),
    priceId: t.id({ description: "The item's new price (required for a new item)." }),
    quantity: t.int({ description: "For licensed prices only." }),
    deleted: t.boolean({ description: "Removes the item (with id)." }),
    taxRates: t.idList({ description: "Replaces the item's own tax rates; [] removes them." }),
  }),
});

const UpdateSubscriptionInput = builder.inputType("UpdateSubscriptionInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    items: t.field({ type: [SubscriptionItemChangeInput], description: "Items not named stay as they are." }),
    prorationBehavior: t.field({ type: ProrationBehaviorEnum, description: "Default CREATE_PRORATIONS." }),
    prorationDate: t.field({
      type: "DateTime",
      description: "Default: the customer's now; in the current period, not after now.",
    }),
    cancelAtPeriodEnd: t.boolean({ description: "false undoes a cancel at period end." }),
    billingCycleAnchor: t.field({ type: BillingCycleAnchorChangeEnum, description: "Default UNCHANGED." }),
    trialEnd: t.field({
      type: "DateTime",
      description: "Moves a trialing subscription's trial end (after now, at most 730 days after startDate).",
    }),
    endTrialNow: t.boolean({ description: "true ends the trial at the customer's now; not with trialEnd." }),
    discounts: t.field({
      type: [DiscountInput],
      description: "Replaces the discounts in force: entries with discount keep one; [] removes all.",
    }),
    defaultTaxRates: t.idList({ description: "Replaces the default tax rates; [] removes them." }),
    spendCap: t.field({ type: SpendCapInput, description: "Sets the spend cap; null removes it; omitted: unchanged." }),
    billingThresholds: t.field({
      type: BillingThresholdsInput,
      description: "Sets billing thresholds; null removes them; omitted: unchanged.",
    }),
  }),
});

/** The change fields of UpdateSubscriptionInput and SubscriptionChangesInput, as the service takes them. */
export function changeOf(
  id: string,
  input: {
    items?: ReadonlyArray<{
      id?: string | number | null;
      priceId?: string | number | null;
      quantity?: number | null;
      deleted?: boolean | null;
      taxRates?: ReadonlyArray<string | number> | null;
    }> | null;
    prorationBehavior?: SubscriptionChange["prorationBehavior"];
    prorationDate?: Date | null;
    cancelAtPeriodEnd?: boolean | null;
    billingCycleAnchor?: SubscriptionChange["billingCycleAnchor"];
    trialEnd?: Date | null;
    endTrialNow?: boolean | null;
    discounts?: Parameters<typeof discountsOf>[0];
    defaultTaxRates?: ReadonlyArray<string | number> | null;
    spendCap?: SubscriptionChange["spendCap"];
    billingThresholds?: SubscriptionChange["billingThresholds"];
  },
): SubscriptionChange {
  if (input.endTrialNow && input.trialEnd != null) {
    throw new InvalidInputError("Give trialEnd or endTrialNow, not both", ["input", "endTrialNow"]);
  }
  return {
    id,
    items: input.items?.map((item) => ({
      id: item.id == null ? null : String(item.id),
      priceId: item.priceId == null ? null : String(item.priceId),
      quantity: item.quantity ?? null,
      deleted: item.deleted ?? null,
      taxRates: item.taxRates?.map(String) ?? null,
    })),
    prorationBehavior: input.prorationBehavior ?? null,
    prorationDate: input.prorationDate ?? null,
    cancelAtPeriodEnd: input.cancelAtPeriodEnd ?? null,
    billingCycleAnchor: input.billingCycleAnchor ?? null,
    trialEnd: input.endTrialNow ? "now" : (input.trialEnd ?? null),
    discounts: discountsOf(input.discounts),
    defaultTaxRates: input.defaultTaxRates?.map(String) ?? null,
    spendCap: input.spendCap,
    billingThresholds: input.billingThresholds,
  };
}

builder.mutationField("updateSubscription", (t) =>
  t.prismaField({
    type: "Subscription",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: UpdateSubscriptionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await updateSubscription(tenant, ctx.deps.clock, changeOf(String(input.id), input));
      return tenant.prisma.subscription.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);
