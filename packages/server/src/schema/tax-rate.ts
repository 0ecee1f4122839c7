// Tax rates (docs/concepts/tax-rates.md): the TaxRate node, taxRate/taxRates queries,
// createTaxRate and updateTaxRate.
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { TaxRate } from "../generated/prisma/client.js";
import { createTaxRate, updateTaxRate } from "../services/tax-rates.js";
import { builder } from "./builder.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

/** The tax rates of a customer, subscription or item, in the order they were created. */
/** Tax rates through their join rows (prisma/schema.prisma CustomerTaxRate), in the order they were created. */
const ratesInOrder = { orderBy: { taxRate: { createdAt: "asc" } }, include: { taxRate: true } } as const;
const ratesOf = (rows: ReadonlyArray<{ taxRate: TaxRate }>) => rows.map((row) => row.taxRate);

export const TaxRateRef = builder.prismaNode("TaxRate", {
  ...entityNode,
  fields: (t) => ({
    displayName: t.exposeString("displayName"),
    description: t.exposeString("description", { nullable: true }),
    percentage: t.field({ type: "Decimal", resolve: (rate) => rate.percentage }),
    inclusive: t.exposeBoolean("inclusive", {
      description: "true: the tax is part of the amount; false: it is added to it.",
    }),
    country: t.exposeString("country", { nullable: true }),
    jurisdiction: t.exposeString("jurisdiction", { nullable: true }),
    active: t.exposeBoolean("active", {
      description: "An inactive rate stays where it is set but can be set nowhere new.",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("taxRate", (t) =>
  t.prismaField({
    type: "TaxRate",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.taxRate.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("taxRates", (t) =>
  t.prismaConnection(
    {
      type: "TaxRate",
      cursor: "accountId_mode_id",
      description: "Newest first.",
      args: { active: t.arg.boolean() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.taxRate.findMany({
          ...query,
          where: args.active == null ? {} : { active: args.active },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "TaxRateConnection" },
    { name: "TaxRateEdge" },
  ),
);

const CreateTaxRateInput = builder.inputType("CreateTaxRateInput", {
  fields: (t) => ({
    displayName: t.string({ required: true, description: "Shown on invoices, e.g. VAT; at most 50 characters." }),
    percentage: t.field({ type: "Decimal", required: true, description: "0–100, at most 4 decimals; never changes." }),
    inclusive: t.boolean({ required: true, description: "Whether amounts include the tax; never changes." }),
    country: t.string({ description: "ISO 3166-1 alpha-2." }),
    jurisdiction: t.string(),
    description: t.string(),
  }),
});

const UpdateTaxRateInput = builder.inputType("UpdateTaxRateInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    active: t.boolean(),
    displayName: t.string(),
    description: t.string({ description: "null clears it." }),
    country: t.string({ description: "null clears it." }),
    jurisdiction: t.string({ description: "null clears it." }),
  }),
});

builder.mutationField("createTaxRate", (t) =>
  t.prismaField({
    type: "TaxRate",
    errors: { types: [InvalidInputError] },
    args: { input: t.arg({ type: CreateTaxRateInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) => createTaxRate(requireTenant(ctx), input, ctx.deps.clock.now()),
  }),
);

builder.mutationField("updateTaxRate", (t) =>
  t.prismaField({
    type: "TaxRate",
    description: "Texts and the active flag; percentage and inclusive never change.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: UpdateTaxRateInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) => updateTaxRate(requireTenant(ctx), { ...input, id: String(input.id) }),
  }),
);

builder.prismaObjectField("Customer", "defaultTaxRates", (t) =>
  t.field({
    type: [TaxRateRef],
    select: { defaultTaxRates: ratesInOrder },
    resolve: (c) => ratesOf(c.defaultTaxRates),
  }),
);
builder.prismaObjectField("Subscription", "defaultTaxRates", (t) =>
  t.field({
    type: [TaxRateRef],
    select: { defaultTaxRates: ratesInOrder },
    resolve: (s) => ratesOf(s.defaultTaxRates),
  }),
);
builder.prismaObjectField("SubscriptionItem", "taxRates", (t) =>
  t.field({
    type: [TaxRateRef],
    description: "The item's own rates; none: the defaults apply.",
    select: { taxRates: ratesInOrder },
    resolve: (item) => ratesOf(item.taxRates),
  }),
);
