// Prices: the Price node with its Recurring settings, tiers and package transform; price/prices
// queries, Product.prices, createPrice and updatePrice.
import { InvalidInputError, NotFoundError } from "../errors.js";
import {
  BillingScheme,
  type Price,
  RecurringInterval,
  RoundingDirection,
  TiersMode,
  UsageType,
} from "../generated/prisma/client.js";
import type { SegmentCondition } from "@tally/billing";
import { createPrice, segmentConditionsOf, updatePrice, type StoredTier } from "../services/prices.js";
import { builder } from "./builder.js";
import { MeterRef } from "./meter.js";
import { ProductRef } from "./product.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const RecurringIntervalEnum = builder.enumType(RecurringInterval, { name: "RecurringInterval" });
const UsageTypeEnum = builder.enumType(UsageType, { name: "UsageType" });
const BillingSchemeEnum = builder.enumType(BillingScheme, { name: "BillingScheme" });
const TiersModeEnum = builder.enumType(TiersMode, { name: "TiersMode" });
const RoundingDirectionEnum = builder.enumType(RoundingDirection, { name: "RoundingDirection" });

// Recurring is a view of the Price row.
const Recurring = builder.objectRef<Price>("Recurring").implement({
  fields: (t) => ({
    interval: t.expose("interval", { type: RecurringIntervalEnum }),
    intervalCount: t.exposeInt("intervalCount"),
    usageType: t.expose("usageType", { type: UsageTypeEnum }),
    meter: t.field({
      type: MeterRef,
      nullable: true,
      resolve: (price, _args, ctx) =>
        price.meterId === null ? null : requireTenant(ctx).rows.referenced("Meter", price.meterId),
    }),
  }),
});

const PriceTier = builder.objectRef<StoredTier>("PriceTier").implement({
  fields: (t) => ({
    upTo: t.field({
      type: "Decimal",
      nullable: true,
      description: "null for the last tier (infinity).",
      resolve: (tier) => tier.upTo,
    }),
    unitAmount: t.field({ type: "Decimal", resolve: (tier) => tier.unitAmount }),
    flatAmount: t.field({ type: "Decimal", resolve: (tier) => tier.flatAmount }),
  }),
});

const TransformQuantity = builder
  .objectRef<{ divideBy: number; round: RoundingDirection }>("TransformQuantity")
  .implement({
    fields: (t) => ({
      divideBy: t.exposeInt("divideBy"),
      round: t.expose("round", { type: RoundingDirectionEnum }),
    }),
  });

export const MeterSegmentConditionRef = builder.objectRef<SegmentCondition>("MeterSegmentCondition").implement({
  description: "Events whose value for `dimension` is `value`.",
  fields: (t) => ({ dimension: t.exposeString("dimension"), value: t.exposeString("value") }),
});

export const MeterSegmentConditionInput = builder.inputType("MeterSegmentConditionInput", {
  fields: (t) => ({ dimension: t.string({ required: true }), value: t.string({ required: true }) }),
});

export const PriceRef = builder.prismaNode("Price", {
  ...entityNode,
  fields: (t) => ({
    product: t.field({
      type: ProductRef,
      resolve: (price, _args, ctx) => requireTenant(ctx).rows.referenced("Product", price.productId),
    }),
    currency: t.exposeString("currency"),
    nickname: t.exposeString("nickname", { nullable: true }),
    lookupKey: t.exposeString("lookupKey", { nullable: true }),
    active: t.exposeBoolean("active"),
    recurring: t.field({ type: Recurring, resolve: (price) => price }),
    billingScheme: t.expose("billingScheme", { type: BillingSchemeEnum }),
    unitAmount: t.expose("unitAmount", { type: "Decimal", nullable: true }),
    tiersMode: t.expose("tiersMode", { type: TiersModeEnum, nullable: true }),
    tiers: t.field({
      type: [PriceTier],
      nullable: true,
      resolve: (price) => (price.tiers as StoredTier[] | null) ?? null,
    }),
    transformQuantity: t.field({
      type: TransformQuantity,
      nullable: true,
      resolve: ({ transformDivideBy, transformRound }) =>
        transformDivideBy !== null && transformRound !== null
          ? { divideBy: transformDivideBy, round: transformRound }
          : null,
    }),
    meterSegmentConditions: t.field({
      type: [MeterSegmentConditionRef],
      description: "The events of its meter this price bills (all of them, or the remainder, when empty).",
      resolve: (price) => segmentConditionsOf(price),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const PriceConnection = builder.connectionObject({ type: PriceRef, name: "PriceConnection" }, { name: "PriceEdge" });

/** Oldest first; the ID breaks ties between prices created in the same millisecond. */
const PRICE_ORDER = [{ createdAt: "asc" }, { id: "asc" }] as const;

builder.queryField("price", (t) =>
  t.prismaField({
    type: "Price",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.price.findUnique({ ...query, where: byId(requireTenant(ctx).scope, id) }),
  }),
);

builder.queryField("prices", (t) =>
  t.prismaConnection(
    {
      type: "Price",
      cursor: "accountId_mode_id",
      args: { productId: t.arg.id(), active: t.arg.boolean() },
      resolve: (query, _root, { productId, active }, ctx) =>
        requireTenant(ctx).prisma.price.findMany({
          ...query,
          where: { ...(productId == null ? {} : { productId }), ...(active == null ? {} : { active }) },
          orderBy: [...PRICE_ORDER],
        }),
    },
    PriceConnection,
  ),
);

builder.prismaObjectField("Product", "prices", (t) =>
  t.relatedConnection(
    "prices",
    {
      cursor: "accountId_mode_id",
      args: { active: t.arg.boolean() },
      query: ({ active }) => ({ where: active == null ? {} : { active }, orderBy: [...PRICE_ORDER] }),
    },
    PriceConnection,
  ),
);

const RecurringInput = builder.inputType("RecurringInput", {
  fields: (t) => ({
    interval: t.field({ type: RecurringIntervalEnum, required: true }),
    intervalCount: t.int(),
    usageType: t.field({ type: UsageTypeEnum, required: true }),
    meterId: t.id(),
  }),
});

const PriceTierInput = builder.inputType("PriceTierInput", {
  fields: (t) => ({
    upTo: t.field({ type: "Decimal" }),
    unitAmount: t.field({ type: "Decimal" }),
    flatAmount: t.field({ type: "Decimal" }),
  }),
});

const TransformQuantityInput = builder.inputType("TransformQuantityInput", {
  fields: (t) => ({
    divideBy: t.int({ required: true }),
    round: t.field({ type: RoundingDirectionEnum, required: true }),
  }),
});

const CreatePriceInput = builder.inputType("CreatePriceInput", {
  fields: (t) => ({
    productId: t.id({ required: true }),
    currency: t.string({ required: true }),
    recurring: t.field({ type: RecurringInput, required: true }),
    billingScheme: t.field({ type: BillingSchemeEnum }),
    unitAmount: t.field({ type: "Decimal" }),
    tiersMode: t.field({ type: TiersModeEnum }),
    tiers: t.field({ type: [PriceTierInput] }),
    transformQuantity: t.field({ type: TransformQuantityInput }),
    nickname: t.string(),
    lookupKey: t.string(),
    transferLookupKey: t.boolean({ description: "Move lookupKey here from the price that has it." }),
    meterSegmentConditions: t.field({
      type: [MeterSegmentConditionInput],
      description: "A METERED price bills only its meter's events that match every condition.",
    }),
  }),
});

const UpdatePriceInput = builder.inputType("UpdatePriceInput", {
  description:
    "Only these fields of a price can change. Omitted fields stay as they are; null removes nickname or lookupKey.",
  fields: (t) => ({
    id: t.id({ required: true }),
    nickname: t.string(),
    active: t.boolean(),
    lookupKey: t.string(),
    transferLookupKey: t.boolean({ description: "Move lookupKey here from the price that has it." }),
  }),
});

builder.mutationField("createPrice", (t) =>
  t.prismaField({
    type: "Price",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreatePriceInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => createPrice(requireTenant(ctx), input, query),
  }),
);

builder.mutationField("updatePrice", (t) =>
  t.prismaField({
    type: "Price",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: UpdatePriceInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => updatePrice(requireTenant(ctx), input, query),
  }),
);
