// Discounts (docs/concepts/discounts.md): the Coupon, PromotionCode and Discount nodes, their
// queries, createCoupon, deleteCoupon, createPromotionCode, updatePromotionCode, and DiscountInput
// (the `discounts` of customers and subscriptions).
import { InvalidInputError, NotFoundError } from "../errors.js";
import { CouponDuration, type Prisma } from "../generated/prisma/client.js";
import { createCoupon, deleteCoupon } from "../services/discounts/coupons.js";
import { createPromotionCode, updatePromotionCode } from "../services/discounts/promotion-codes.js";
import type { DiscountInput as ServiceDiscountInput } from "../services/discounts/apply.js";
import type { Context } from "../context.js";
import { customerNow } from "../services/time.js";
import { builder } from "./builder.js";
import { MoneyRef } from "./money.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const CouponDurationEnum = builder.enumType(CouponDuration, {
  name: "CouponDuration",
  description: "ONCE: the first invoice; REPEATING: durationInMonths; FOREVER: every invoice.",
});

const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const;

export const CouponRef = builder.prismaNode("Coupon", {
  ...entityNode,
  fields: (t) => ({
    name: t.exposeString("name", { nullable: true }),
    percentOff: t.field({ type: "Decimal", nullable: true, resolve: (c) => c.percentOff }),
    amountOff: t.field({
      type: MoneyRef,
      nullable: true,
      resolve: (c) => (c.amountOff === null ? null : { amount: c.amountOff, currency: c.currency! }),
    }),
    duration: t.expose("duration", { type: CouponDurationEnum }),
    durationInMonths: t.exposeInt("durationInMonths", { nullable: true }),
    appliesToProductIds: t.idList({
      nullable: true,
      description: "null: every product.",
      resolve: (c) => (c.appliesToProductIds.length === 0 ? null : c.appliesToProductIds),
    }),
    maxRedemptions: t.exposeInt("maxRedemptions", { nullable: true }),
    timesRedeemed: t.exposeInt("timesRedeemed"),
    redeemBy: t.expose("redeemBy", { type: "DateTime", nullable: true }),
    valid: t.boolean({
      description: "Whether it can still be redeemed: not deleted, before redeemBy, under maxRedemptions.",
      resolve: (c, _args, ctx) =>
        c.deletedAt === null &&
        (c.redeemBy === null || c.redeemBy > ctx.deps.clock.now()) &&
        (c.maxRedemptions === null || c.timesRedeemed < c.maxRedemptions),
    }),
    deleted: t.boolean({ resolve: (c) => c.deletedAt !== null }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaNode("PromotionCode", {
  ...entityNode,
  fields: (t) => ({
    code: t.exposeString("code"),
    coupon: t.relation("coupon"),
    active: t.exposeBoolean("active"),
    maxRedemptions: t.exposeInt("maxRedemptions", { nullable: true }),
    timesRedeemed: t.exposeInt("timesRedeemed"),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const DiscountRef = builder.prismaNode("Discount", {
  ...entityNode,
  description: "A coupon applied to a customer or a subscription (docs/concepts/discounts.md#durations).",
  fields: (t) => ({
    coupon: t.relation("coupon"),
    promotionCode: t.relation("promotionCode", { nullable: true }),
    customer: t.relation("customer", { nullable: true }),
    subscription: t.relation("subscription", { nullable: true }),
    start: t.expose("start", { type: "DateTime" }),
    end: t.expose("end", {
      type: "DateTime",
      nullable: true,
      description: "When it stops applying: REPEATING's months, a ONCE discount's first invoice, or its removal.",
    }),
  }),
});

builder.queryField("coupon", (t) =>
  t.prismaField({
    type: "Coupon",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.coupon.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("coupons", (t) =>
  t.prismaConnection(
    {
      type: "Coupon",
      cursor: "accountId_mode_id",
      description: "Newest first; deleted coupons are left out.",
      resolve: (query, _root, _args, ctx) =>
        requireTenant(ctx).prisma.coupon.findMany({ ...query, where: { deletedAt: null }, orderBy: [...NEWEST_FIRST] }),
    },
    { name: "CouponConnection" },
    { name: "CouponEdge" },
  ),
);

builder.queryField("promotionCodes", (t) =>
  t.prismaConnection(
    {
      type: "PromotionCode",
      cursor: "accountId_mode_id",
      description: "Newest first.",
      args: { couponId: t.arg.id(), code: t.arg.string(), active: t.arg.boolean() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.promotionCode.findMany({
          ...query,
          where: {
            ...(args.couponId ? { couponId: String(args.couponId) } : {}),
            ...(args.code ? { code: { equals: args.code, mode: "insensitive" } } : {}),
            ...(args.active == null ? {} : { active: args.active }),
          },
          orderBy: [...NEWEST_FIRST],
        }),
    },
    { name: "PromotionCodeConnection" },
    { name: "PromotionCodeEdge" },
  ),
);

const CreateCouponInput = builder.inputType("CreateCouponInput", {
  description: "Exactly one of percentOff and amountOff (with currency).",
  fields: (t) => ({
    name: t.string({ description: "Shown on invoices; at most 40 characters." }),
    percentOff: t.field({ type: "Decimal", description: "Above 0, at most 100, at most 2 decimals." }),
    amountOff: t.field({ type: "Decimal", description: "Taken off invoices in currency only." }),
    currency: t.string(),
    duration: t.field({ type: CouponDurationEnum, required: true }),
    durationInMonths: t.int({ description: "With REPEATING: 1–36." }),
    appliesToProductIds: t.idList({ description: "Only lines of these products are discounted." }),
    maxRedemptions: t.int(),
    redeemBy: t.field({ type: "DateTime" }),
  }),
});

builder.mutationField("createCoupon", (t) =>
  t.prismaField({
    type: "Coupon",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateCouponInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) =>
      createCoupon(
        requireTenant(ctx),
        { ...input, appliesToProductIds: input.appliesToProductIds?.map(String) },
        ctx.deps.clock.now(),
      ),
  }),
);

const IdInput = builder.inputType("CouponIdInput", { fields: (t) => ({ id: t.id({ required: true }) }) });

builder.mutationField("deleteCoupon", (t) =>
  t.prismaField({
    type: "Coupon",
    description: "Stops new redemptions; discounts already given keep applying.",
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: IdInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) =>
      deleteCoupon(requireTenant(ctx), String(input.id), ctx.deps.clock.now()),
  }),
);

const CreatePromotionCodeInput = builder.inputType("CreatePromotionCodeInput", {
  fields: (t) => ({
    couponId: t.id({ required: true }),
    code: t.string({
      required: true,
      description: "3–40 letters, digits, - or _; unique among active codes, ignoring case.",
    }),
    maxRedemptions: t.int(),
    expiresAt: t.field({ type: "DateTime" }),
    active: t.boolean({ description: "Default true." }),
  }),
});

builder.mutationField("createPromotionCode", (t) =>
  t.prismaField({
    type: "PromotionCode",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreatePromotionCodeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await createPromotionCode(
        tenant,
        { ...input, couponId: String(input.couponId) },
        ctx.deps.clock.now(),
      );
      return tenant.prisma.promotionCode.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

const UpdatePromotionCodeInput = builder.inputType("UpdatePromotionCodeInput", {
  fields: (t) => ({ id: t.id({ required: true }), active: t.boolean({ required: true }) }),
});

builder.mutationField("updatePromotionCode", (t) =>
  t.prismaField({
    type: "PromotionCode",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: UpdatePromotionCodeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await updatePromotionCode(tenant, String(input.id), input.active);
      return tenant.prisma.promotionCode.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

export const DiscountInput = builder.inputType("DiscountInput", {
  description: "Exactly one: a coupon or a promotion code to redeem, or an existing discount to keep.",
  fields: (t) => ({
    coupon: t.id(),
    promotionCode: t.id(),
    discount: t.id(),
  }),
});

/** DiscountInput entries as the services take them. */
export function discountsOf(
  inputs:
    | ReadonlyArray<{
        coupon?: string | number | null;
        promotionCode?: string | number | null;
        discount?: string | number | null;
      }>
    | null
    | undefined,
): ServiceDiscountInput[] | null {
  if (inputs == null) return null;
  const id = (value: string | number | null | undefined) => (value == null ? null : String(value));
  return inputs.map((input) => ({
    coupon: id(input.coupon),
    promotionCode: id(input.promotionCode),
    discount: id(input.discount),
  }));
}

/** Discounts in force at `now`, in the order they apply. */
function inForce(now: Date): { where: Prisma.DiscountWhereInput; orderBy: Prisma.DiscountOrderByWithRelationInput } {
  return { where: { OR: [{ end: null }, { end: { gt: now } }] }, orderBy: { seq: "asc" } };
}

/** The customer's now (its test clock's time, else the wall clock's): discounts in force are read at it. */
async function nowOf(ctx: Context, customerId: string): Promise<Date> {
  const customer = await requireTenant(ctx).prisma.customer.findUnique({
    where: byId(requireTenant(ctx).scope, customerId),
    include: { testClock: true },
  });
  return customerNow({ testClock: customer?.testClock ?? null }, ctx.deps.clock);
}

builder.prismaObjectField("Customer", "discounts", (t) =>
  t.prismaField({
    type: ["Discount"],
    description: "The customer's discounts in force now, in the order they apply.",
    resolve: async (query, customer, _args, ctx) => {
      const { where, orderBy } = inForce(await nowOf(ctx, customer.id));
      return requireTenant(ctx).prisma.discount.findMany({
        ...query,
        where: { customerId: customer.id, ...where },
        orderBy,
      });
    },
  }),
);

builder.prismaObjectField("Subscription", "discounts", (t) =>
  t.prismaField({
    type: ["Discount"],
    description: "The subscription's own discounts in force now; when it has none, its customer's apply.",
    resolve: async (query, subscription, _args, ctx) => {
      const { where, orderBy } = inForce(await nowOf(ctx, subscription.customerId));
      return requireTenant(ctx).prisma.discount.findMany({
        ...query,
        where: { subscriptionId: subscription.id, ...where },
        orderBy,
      });
    },
  }),
);
