// Subscriptions: the Subscription and SubscriptionItem nodes, subscription/subscriptions queries,
// Customer.subscriptions, createSubscription and cancelSubscription (SPEC §5).
import { InvalidInputError, NotFoundError } from "../errors.js";
import { BillingMode, SubscriptionStatus } from "../generated/prisma/client.js";
import { cancelSubscription } from "../services/subscriptions/cancel.js";
import { createSubscription } from "../services/subscriptions/create.js";
import { builder } from "./builder.js";
import { requireTenant } from "./tenant.js";

export const SubscriptionStatusEnum = builder.enumType(SubscriptionStatus, { name: "SubscriptionStatus" });
const BillingModeEnum = builder.enumType(BillingMode, { name: "BillingMode" });

/** Newest first; the id breaks ties, so pages are stable. */
const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const;

builder.prismaNode("SubscriptionItem", {
  id: { field: "id" },
  fields: (t) => ({
    price: t.relation("price"),
    quantity: t.exposeInt("quantity", { nullable: true, description: "The licensed quantity; null for a metered price." }),
  }),
});

export const SubscriptionRef = builder.prismaNode("Subscription", {
  id: { field: "id" },
  fields: (t) => ({
    customer: t.relation("customer"),
    status: t.expose("status", { type: SubscriptionStatusEnum }),
    billingMode: t.expose("billingMode", { type: BillingModeEnum }),
    currency: t.exposeString("currency"),
    items: t.relation("items", { query: { orderBy: { position: "asc" } } }),
    startDate: t.expose("startDate", { type: "DateTime" }),
    billingCycleAnchor: t.expose("billingCycleAnchor", { type: "DateTime" }),
    currentPeriodStart: t.expose("currentPeriodStart", { type: "DateTime" }),
    currentPeriodEnd: t.expose("currentPeriodEnd", { type: "DateTime" }),
    cancelAtPeriodEnd: t.exposeBoolean("cancelAtPeriodEnd"),
    canceledAt: t.expose("canceledAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("subscription", (t) =>
  t.prismaField({
    type: "Subscription",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => requireTenant(ctx).db.subscription.findUnique({ ...query, where: { id: String(id) } }),
  }),
);

builder.queryField("subscriptions", (t) =>
  t.prismaConnection(
    {
      type: "Subscription",
      cursor: "id",
      description: "Newest first.",
      args: { customerId: t.arg.id(), status: t.arg({ type: SubscriptionStatusEnum }) },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).db.subscription.findMany({
          ...query,
          where: {
            ...(args.customerId ? { customerId: String(args.customerId) } : {}),
            ...(args.status ? { status: args.status } : {}),
          },
          orderBy: [...NEWEST_FIRST],
        }),
    },
    { name: "SubscriptionConnection" },
    { name: "SubscriptionEdge" },
  ),
);

builder.prismaObjectField("Customer", "subscriptions", (t) =>
  t.relatedConnection("subscriptions", { cursor: "id", description: "Newest first.", query: { orderBy: [...NEWEST_FIRST] } }),
);

const SubscriptionItemInput = builder.inputType("SubscriptionItemInput", {
  fields: (t) => ({
    priceId: t.id({ required: true }),
    quantity: t.int({ description: "For licensed prices only; default 1." }),
  }),
});

const CreateSubscriptionInput = builder.inputType("CreateSubscriptionInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    items: t.field({ type: [SubscriptionItemInput], required: true }),
    billingMode: t.field({ type: BillingModeEnum, description: "Default FLEXIBLE." }),
    startDate: t.field({ type: "DateTime", description: "Default: the customer's now; at most 35 days back, never ahead." }),
    billingCycleAnchor: t.field({ type: "DateTime", description: "Default: startDate; before startDate plus one interval." }),
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
        items: input.items.map((item) => ({ priceId: String(item.priceId), quantity: item.quantity ?? null })),
        billingMode: input.billingMode ?? null,
        startDate: input.startDate ?? null,
        billingCycleAnchor: input.billingCycleAnchor ?? null,
      });
      // Read back with the selection, so customer, items and prices come in the same query.
      return tenant.db.subscription.findUniqueOrThrow({ ...query, where: { id } });
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
      const { id } = await cancelSubscription(tenant, ctx.deps.clock, { id: String(input.id), atPeriodEnd: input.atPeriodEnd });
      return tenant.db.subscription.findUniqueOrThrow({ ...query, where: { id } });
    },
  }),
);
