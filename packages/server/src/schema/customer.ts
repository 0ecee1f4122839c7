// Customers: the Customer node, customer/customers queries, createCustomer.
import { InvalidInputError, NotFoundError } from "../errors.js";
import { createCustomer } from "../services/customers.js";
import { builder } from "./builder.js";
import { TestClockRef } from "./test-clock.js";
import { requireTenant } from "./tenant.js";

export const CustomerRef = builder.prismaNode("Customer", {
  id: { field: "id" },
  fields: (t) => ({
    name: t.exposeString("name", { nullable: true }),
    email: t.exposeString("email", { nullable: true }),
    metadata: t.field({
      type: "JSONObject",
      nullable: true,
      resolve: (c) => (c.metadata as Record<string, unknown> | null) ?? null,
    }),
    testClock: t.field({
      type: TestClockRef,
      nullable: true,
      resolve: (c, _args, ctx) =>
        c.testClockId === null ? null : requireTenant(ctx).rows.referenced("TestClock", c.testClockId),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("customer", (t) =>
  t.prismaField({
    type: "Customer",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.customer.findUnique({ ...query, where: { id: String(id) } }),
  }),
);

builder.queryField("customers", (t) =>
  t.prismaConnection(
    {
      type: "Customer",
      cursor: "id",
      args: { testClockId: t.arg.id() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.customer.findMany({
          ...query,
          where: args.testClockId ? { testClockId: String(args.testClockId) } : {},
          orderBy: { id: "asc" },
        }),
    },
    { name: "CustomerConnection" },
    { name: "CustomerEdge" },
  ),
);

const CreateCustomerInput = builder.inputType("CreateCustomerInput", {
  fields: (t) => ({
    name: t.string(),
    email: t.string(),
    metadata: t.field({ type: "JSONObject" }),
    testClockId: t.id(),
  }),
});

builder.mutationField("createCustomer", (t) =>
  t.prismaField({
    type: "Customer",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateCustomerInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      createCustomer(
        requireTenant(ctx),
        { ...input, testClockId: input.testClockId ? String(input.testClockId) : null },
        query,
      ),
  }),
);
