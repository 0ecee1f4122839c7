// Products: the Product node, product/products queries, createProduct and updateProduct.
// (Product.prices lives in price.ts, beside the PriceConnection it returns.)
import { InvalidInputError, NotFoundError } from "../errors.js";
import { createProduct, updateProduct } from "../services/products.js";
import { builder } from "./builder.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

export const ProductRef = builder.prismaNode("Product", {
  ...entityNode,
  fields: (t) => ({
    name: t.exposeString("name"),
    description: t.exposeString("description", { nullable: true }),
    active: t.exposeBoolean("active"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("product", (t) =>
  t.prismaField({
    type: "Product",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.product.findUnique({ ...query, where: byId(requireTenant(ctx).scope, id) }),
  }),
);

builder.queryField("products", (t) =>
  t.prismaConnection(
    {
      type: "Product",
      cursor: "accountId_mode_id",
      args: { active: t.arg.boolean() },
      resolve: (query, _root, { active }, ctx) =>
        requireTenant(ctx).prisma.product.findMany({
          ...query,
          where: active == null ? {} : { active },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        }),
    },
    { name: "ProductConnection" },
    { name: "ProductEdge" },
  ),
);

const CreateProductInput = builder.inputType("CreateProductInput", {
  fields: (t) => ({
    name: t.string({ required: true }),
    description: t.string(),
  }),
});

const UpdateProductInput = builder.inputType("UpdateProductInput", {
  description: "Omitted fields stay as they are; description: null removes the description.",
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string(),
    description: t.string(),
    active: t.boolean(),
  }),
});

builder.mutationField("createProduct", (t) =>
  t.prismaField({
    type: "Product",
    errors: { types: [InvalidInputError] },
    args: { input: t.arg({ type: CreateProductInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => createProduct(requireTenant(ctx), input, query),
  }),
);

builder.mutationField("updateProduct", (t) =>
  t.prismaField({
    type: "Product",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: UpdateProductInput, required: true }) },
    resolve: (query, _root, { input }, ctx) => updateProduct(requireTenant(ctx), input, query),
  }),
);
