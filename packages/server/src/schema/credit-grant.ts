// Billing credits (docs/concepts/credits.md): the CreditGrant and CreditBalanceTransaction (ledger) nodes, their
// connections, Customer.creditBalance, createCreditGrant and voidCreditGrant.
import { formatMoney } from "@tally/billing";
import { InvalidInputError, NotFoundError } from "../errors.js";
import { CreditGrantCategory, CreditTransactionType } from "../generated/prisma/client.js";
import { creditBalance, type CreditBalance } from "../services/invoices/credit-balance.js";
import { createCreditGrant } from "../services/credits/create.js";
import { voidCreditGrant } from "../services/credits/void.js";
import { afterCreditChange } from "../services/balance-watch/after-change.js";
import { announceTriggers } from "../services/alerts/announce.js";
import { builder } from "./builder.js";
import { MoneyInputRef, MoneyRef } from "./money.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const CreditGrantCategoryEnum = builder.enumType(CreditGrantCategory, { name: "CreditGrantCategory" });
const CreditBalanceTransactionTypeEnum = builder.enumType(CreditTransactionType, {
  name: "CreditBalanceTransactionType",
});

/** Newest first; the id breaks ties (grants made at one frozen test-clock time), so pages are stable. */
const GRANTS_NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const;

builder.prismaNode("CreditGrant", {
  ...entityNode,
  fields: (t) => ({
    customer: t.relation("customer"),
    name: t.exposeString("name", { nullable: true }),
    amount: t.field({ type: MoneyRef, resolve: (grant) => ({ amount: grant.amount, currency: grant.currency }) }),
    remaining: t.field({
      type: MoneyRef,
      description: "What is left of the grant: the amount less what invoices, the expiry or a void took.",
      resolve: (grant) => ({ amount: grant.remaining, currency: grant.currency }),
    }),
    category: t.expose("category", { type: CreditGrantCategoryEnum }),
    priority: t.exposeInt("priority", { description: "0–100; lower applies first." }),
    priceIds: t.idList({
      nullable: true,
      description: "null when the grant applies to every metered price.",
      resolve: (grant) => (grant.allMeteredPrices ? null : grant.priceIds),
    }),
    effectiveAt: t.expose("effectiveAt", { type: "DateTime" }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    expiredAt: t.expose("expiredAt", {
      type: "DateTime",
      nullable: true,
      description: "Set once the expiry has been written to the ledger.",
    }),
    voidedAt: t.expose("voidedAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaNode("CreditBalanceTransaction", {
  ...entityNode,
  description:
    "One entry of the credit ledger: + for a grant or a reversal, − for an application, a hold capture, an expiry or a void.",
  fields: (t) => ({
    type: t.expose("type", { type: CreditBalanceTransactionTypeEnum }),
    amount: t.field({ type: MoneyRef, resolve: (entry) => ({ amount: entry.amount, currency: entry.currency }) }),
    grant: t.relation("grant"),
    invoice: t.prismaField({
      type: "Invoice",
      nullable: true,
      description: "The invoice an APPLICATION paid.",
      resolve: (query, entry, _args, ctx) =>
        entry.invoiceId === null
          ? null
          : requireTenant(ctx).prisma.invoice.findUnique({
              ...query,
              where: byId(requireTenant(ctx).scope, entry.invoiceId),
            }),
    }),
    holdId: t.exposeID("holdId", { nullable: true, description: "The credit hold a HOLD_CAPTURE charged." }),
    effectiveAt: t.expose("effectiveAt", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("creditGrant", (t) =>
  t.prismaField({
    type: "CreditGrant",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.creditGrant.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("creditGrants", (t) =>
  t.prismaConnection(
    {
      type: "CreditGrant",
      cursor: "accountId_mode_id",
      description: "Newest first.",
      args: { customerId: t.arg.id() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.creditGrant.findMany({
          ...query,
          where: args.customerId ? { customerId: String(args.customerId) } : {},
          orderBy: [...GRANTS_NEWEST_FIRST],
        }),
    },
    { name: "CreditGrantConnection" },
    { name: "CreditGrantEdge" },
  ),
);

builder.queryField("creditBalanceTransactions", (t) =>
  t.prismaConnection(
    {
      type: "CreditBalanceTransaction",
      cursor: "accountId_mode_id",
      description: "The credit ledger, newest first (in the order the entries were written).",
      args: { customerId: t.arg.id() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.creditBalanceTransaction.findMany({
          ...query,
          where: args.customerId ? { customerId: String(args.customerId) } : {},
          orderBy: { seq: "desc" },
        }),
    },
    { name: "CreditBalanceTransactionConnection" },
    { name: "CreditBalanceTransactionEdge" },
  ),
);

export const CreditBalanceRef = builder.objectRef<CreditBalance>("CreditBalance").implement({
  fields: (t) => ({
    currency: t.exposeString("currency"),
    available: t.field({
      type: "Decimal",
      description: "What the grants effective, unexpired and not voided at the customer's now have left.",
      resolve: (balance) => formatMoney(balance.available, balance.currency),
    }),
    projectedAvailable: t.field({
      type: "Decimal",
      description: "available minus what the current periods' usage would draw if invoiced now.",
      resolve: (balance) => formatMoney(balance.projectedAvailable, balance.currency),
    }),
    held: t.field({
      type: "Decimal",
      description: "What the active credit holds reserve.",
      resolve: (balance) => formatMoney(balance.held, balance.currency),
    }),
    availableAfterHolds: t.field({
      type: "Decimal",
      description:
        "The available balance holds reserve from and auto-recharge watches: the grants for every metered price, less the active holds and the current usage they would pay.",
      resolve: (balance) => formatMoney(balance.availableAfterHolds, balance.currency),
    }),
  }),
});

builder.prismaObjectField("Customer", "creditBalance", (t) =>
  t.field({
    type: [CreditBalanceRef],
    description: "Per currency the customer has been granted credits in.",
    resolve: (customer, _args, ctx) => creditBalance(requireTenant(ctx), ctx.deps.clock, customer.id),
  }),
);

const CreditGrantScopeInput = builder.inputType("CreditGrantScopeInput", {
  description: "Exactly one of: allMeteredPrices: true, or priceIds (1–20 metered prices).",
  fields: (t) => ({
    allMeteredPrices: t.boolean(),
    priceIds: t.idList(),
  }),
});

const CreateCreditGrantInput = builder.inputType("CreateCreditGrantInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    amount: t.field({ type: MoneyInputRef, required: true }),
    category: t.field({ type: CreditGrantCategoryEnum, required: true }),
    scope: t.field({ type: CreditGrantScopeInput, required: true }),
    priority: t.int({ description: "0–100, lower applies first; default 50." }),
    effectiveAt: t.field({ type: "DateTime", description: "Default: the customer's now." }),
    expiresAt: t.field({
      type: "DateTime",
      description: "After effectiveAt and the customer's now; none: never expires.",
    }),
    name: t.string({ description: "At most 100 characters." }),
  }),
});

const VoidCreditGrantInput = builder.inputType("VoidCreditGrantInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("createCreditGrant", (t) =>
  t.prismaField({
    type: "CreditGrant",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateCreditGrantInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await createCreditGrant(tenant, ctx.deps.clock, {
        ...input,
        customerId: String(input.customerId),
        scope: { allMeteredPrices: input.scope.allMeteredPrices, priceIds: input.scope.priceIds?.map(String) },
      });
      // Read back with the selection, so the customer comes in the same query.
      return tenant.prisma.creditGrant.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

builder.mutationField("voidCreditGrant", (t) =>
  t.prismaField({
    type: "CreditGrant",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: VoidCreditGrantInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id, customerId } = await voidCreditGrant(tenant, ctx.deps.clock, { id: String(input.id) });
      // The void lowered the available balance: the alerts it crossed and the recharge it made due.
      announceTriggers(ctx.pubsub, tenant.scope)(await afterCreditChange(tenant, ctx.deps.clock, [customerId]));
      return tenant.prisma.creditGrant.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);
