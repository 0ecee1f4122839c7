// The customer balance (docs/concepts/customer-balance.md): Customer.balances, the
// CustomerBalanceTransaction ledger and its list, createCustomerBalanceTransaction.
import { InvalidInputError, NotFoundError } from "../errors.js";
import { CustomerBalanceTransactionType } from "../generated/prisma/client.js";
import { createCustomerBalanceTransaction } from "../services/customer-balance/adjust.js";
import { builder } from "./builder.js";
import { MoneyInputRef, MoneyRef } from "./money.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const CustomerBalanceTransactionTypeEnum = builder.enumType(CustomerBalanceTransactionType, {
  name: "CustomerBalanceTransactionType",
});

builder.prismaNode("CustomerBalanceTransaction", {
  ...entityNode,
  description: "One change of a customer's balance; negative amounts credit the customer.",
  fields: (t) => ({
    customer: t.prismaField({
      type: "Customer",
      resolve: (query, entry, _args, ctx) =>
        requireTenant(ctx).prisma.customer.findUniqueOrThrow({
          ...query,
          where: byId(requireTenant(ctx).scope, entry.customerId),
        }),
    }),
    type: t.expose("type", { type: CustomerBalanceTransactionTypeEnum }),
    amount: t.field({ type: MoneyRef, resolve: (entry) => ({ amount: entry.amount, currency: entry.currency }) }),
    endingBalance: t.field({
      type: MoneyRef,
      description: "The balance in this currency after this transaction.",
      resolve: (entry) => ({ amount: entry.endingBalance, currency: entry.currency }),
    }),
    invoice: t.prismaField({
      type: "Invoice",
      nullable: true,
      resolve: (query, entry, _args, ctx) =>
        entry.invoiceId === null
          ? null
          : requireTenant(ctx).prisma.invoice.findUnique({
              ...query,
              where: byId(requireTenant(ctx).scope, entry.invoiceId),
            }),
    }),
    creditNote: t.prismaField({
      type: "CreditNote",
      nullable: true,
      resolve: (query, entry, _args, ctx) =>
        entry.creditNoteId === null
          ? null
          : requireTenant(ctx).prisma.creditNote.findUnique({
              ...query,
              where: byId(requireTenant(ctx).scope, entry.creditNoteId),
            }),
    }),
    description: t.exposeString("description", { nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectField("Customer", "balances", (t) =>
  t.field({
    type: [MoneyRef],
    description:
      "The customer balance per currency it was ever used in, by currency code: negative is a credit the next invoices use, positive an amount they add.",
    resolve: async (customer, _args, ctx) => {
      const rows = await requireTenant(ctx).prisma.customerBalance.findMany({
        where: { customerId: customer.id },
        orderBy: { currency: "asc" },
      });
      return rows.map((row) => ({ amount: row.balance, currency: row.currency }));
    },
  }),
);

builder.queryField("customerBalanceTransactions", (t) =>
  t.prismaConnection(
    {
      type: "CustomerBalanceTransaction",
      cursor: "accountId_mode_id",
      description: "The customer balance ledger, newest first (in the order the entries were written).",
      args: { customerId: t.arg.id({ required: true }) },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.customerBalanceTransaction.findMany({
          ...query,
          where: { customerId: String(args.customerId) },
          orderBy: { seq: "desc" },
        }),
    },
    { name: "CustomerBalanceTransactionConnection" },
    { name: "CustomerBalanceTransactionEdge" },
  ),
);

const CreateCustomerBalanceTransactionInput = builder.inputType("CreateCustomerBalanceTransactionInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    amount: t.field({
      type: MoneyInputRef,
      required: true,
      description: "Negative credits the customer; positive adds to what they owe.",
    }),
    description: t.string(),
  }),
});

builder.mutationField("createCustomerBalanceTransaction", (t) =>
  t.prismaField({
    type: "CustomerBalanceTransaction",
    description: "A manual ADJUSTMENT of the customer balance.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateCustomerBalanceTransactionInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await createCustomerBalanceTransaction(tenant, ctx.deps.clock, {
        customerId: String(input.customerId),
        amount: input.amount,
        description: input.description,
      });
      return tenant.prisma.customerBalanceTransaction.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);
