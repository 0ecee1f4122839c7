// Customers: the Customer node, customer/customers queries, createCustomer, updateCustomer, deleteCustomer.
import { InvalidInputError, NotFoundError } from "../errors.js";
import { createCustomer, deleteCustomer, updateCustomer } from "../services/customers.js";
import { builder } from "./builder.js";
import { DiscountInput, discountsOf } from "./discount.js";
import { TestClockRef } from "./test-clock.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

export const CustomerRef = builder.prismaNode("Customer", {
  ...entityNode,
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
    invoiceDaysUntilDue: t.exposeInt("invoiceDaysUntilDue", {
      description: "Days from an invoice's finalization to its dueDate (default 30).",
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    deleted: t.boolean({
      description: "Deleted by deleteCustomer: still readable with its invoices, left out of `customers`.",
      resolve: (c) => c.deletedAt !== null,
    }),
  }),
});

builder.queryField("customer", (t) =>
  t.prismaField({
    type: "Customer",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.customer.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("customers", (t) =>
  t.prismaConnection(
    {
      type: "Customer",
      cursor: "accountId_mode_id",
      args: { testClockId: t.arg.id() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.customer.findMany({
          ...query,
          where: { deletedAt: null, ...(args.testClockId ? { testClockId: String(args.testClockId) } : {}) },
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
    discounts: t.field({ type: [DiscountInput], description: "Coupons or promotion codes to redeem (at most 20)." }),
    defaultTaxRates: t.idList({ description: "Tax rates of lines with no subscription or item rates (at most 5)." }),
    invoiceDaysUntilDue: t.int({ description: "0–730; default 30." }),
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
        ctx.deps.clock,
        {
          ...input,
          testClockId: input.testClockId ? String(input.testClockId) : null,
          discounts: discountsOf(input.discounts),
          defaultTaxRates: input.defaultTaxRates?.map(String) ?? null,
        },
        query,
      ),
  }),
);

const UpdateCustomerInput = builder.inputType("UpdateCustomerInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    name: t.string({ description: "Omitted: unchanged; null: cleared." }),
    email: t.string({ description: "Omitted: unchanged; null: cleared." }),
    metadata: t.field({
      type: "JSONObject",
      description: "Merged into the stored metadata; a key set to an empty string is removed; null clears all.",
    }),
    discounts: t.field({
      type: [DiscountInput],
      description: "Replaces the discounts in force: entries with discount keep one; [] removes all.",
    }),
    defaultTaxRates: t.idList({ description: "Replaces the default tax rates; [] removes them." }),
    invoiceDaysUntilDue: t.int({ description: "Omitted or null: unchanged. For invoices finalized from now on." }),
  }),
});

builder.mutationField("updateCustomer", (t) =>
  t.prismaField({
    type: "Customer",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: UpdateCustomerInput, required: true }) },
    resolve: (query, _root, { input }, ctx) =>
      updateCustomer(
        requireTenant(ctx),
        ctx.deps.clock,
        {
          id: String(input.id),
          name: input.name,
          email: input.email,
          metadata: input.metadata,
          discounts: discountsOf(input.discounts),
          defaultTaxRates: input.defaultTaxRates?.map(String) ?? null,
          invoiceDaysUntilDue: input.invoiceDaysUntilDue,
        },
        query,
      ),
  }),
);

const CustomerIdInput = builder.inputType("CustomerIdInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("deleteCustomer", (t) =>
  t.prismaField({
    type: "Customer",
    description: "Refused with CUSTOMER_HAS_ACTIVE_SUBSCRIPTIONS while a subscription of the customer is not canceled.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CustomerIdInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const id = String(input.id);
      await deleteCustomer(tenant, ctx.deps.clock, id);
      return tenant.prisma.customer.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);
