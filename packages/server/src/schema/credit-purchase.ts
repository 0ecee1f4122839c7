// Credit purchases and auto-recharge (docs/concepts/credits.md#purchases,
// docs/concepts/credits.md#auto-recharge): the CreditPurchase node, purchaseCredits,
// Customer.creditAutoRecharge and setCreditAutoRecharge.
import { formatMoney } from "@tally/billing";
import { InvalidInputError, NotFoundError } from "../errors.js";
import { CreditPurchaseStatus, type CreditAutoRecharge } from "../generated/prisma/client.js";
import { setCreditAutoRecharge } from "../services/credit-purchases/auto-recharge.js";
import { purchaseCredits } from "../services/credit-purchases/purchase.js";
import { builder } from "./builder.js";
import { MoneyRef } from "./money.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const CreditPurchaseStatusEnum = builder.enumType(CreditPurchaseStatus, { name: "CreditPurchaseStatus" });

builder.prismaNode("CreditPurchase", {
  ...entityNode,
  description: "Prepaid credits bought with an invoice (docs/concepts/credits.md#purchases).",
  fields: (t) => ({
    customerId: t.exposeID("customerId"),
    amount: t.field({ type: MoneyRef, resolve: (p) => ({ amount: p.amount, currency: p.currency }) }),
    status: t.expose("status", { type: CreditPurchaseStatusEnum }),
    invoiceRequiresPayment: t.exposeBoolean("invoiceRequiresPayment"),
    autoRecharge: t.exposeBoolean("autoRecharge", { description: "Made by the customer's auto-recharge." }),
    invoice: t.prismaField({
      type: "Invoice",
      resolve: (query, purchase, _args, ctx) =>
        requireTenant(ctx).prisma.invoice.findUniqueOrThrow({
          ...query,
          where: byId(requireTenant(ctx).scope, purchase.invoiceId),
        }),
    }),
    grant: t.prismaField({
      type: "CreditGrant",
      nullable: true,
      description: "null until the grant is made (when the invoice is paid, with invoiceRequiresPayment).",
      resolve: (query, purchase, _args, ctx) =>
        purchase.grantId === null
          ? null
          : requireTenant(ctx).prisma.creditGrant.findUnique({
              ...query,
              where: byId(requireTenant(ctx).scope, purchase.grantId),
            }),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("creditPurchases", (t) =>
  t.prismaConnection(
    {
      type: "CreditPurchase",
      cursor: "accountId_mode_id",
      description: "Newest first.",
      args: { customerId: t.arg.id() },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.creditPurchase.findMany({
          ...query,
          where: args.customerId ? { customerId: String(args.customerId) } : {},
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "CreditPurchaseConnection" },
    { name: "CreditPurchaseEdge" },
  ),
);

const PurchaseGrantInput = builder.inputType("CreditPurchaseGrantInput", {
  fields: (t) => ({
    name: t.string({ description: "At most 100 characters." }),
    priority: t.int({ description: "0–100, lower applies first; default 50." }),
    expiresAt: t.field({ type: "DateTime", description: "None: never expires." }),
    priceIds: t.idList({ description: "1–20 metered prices; none: every metered price." }),
  }),
});

const PurchaseCreditsInput = builder.inputType("PurchaseCreditsInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    amount: t.field({ type: "Decimal", required: true }),
    currency: t.string({ required: true }),
    grant: t.field({ type: PurchaseGrantInput }),
    invoiceRequiresPayment: t.boolean({
      description: "true: the grant is made when the invoice is paid; default false: at once.",
    }),
    taxRateIds: t.idList({ description: "Tax rates of the CREDIT_PURCHASE line; none: untaxed." }),
  }),
});

builder.mutationField("purchaseCredits", (t) =>
  t.prismaField({
    type: "CreditPurchase",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: PurchaseCreditsInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const { id } = await purchaseCredits(tenant, ctx.deps.clock, {
        ...input,
        customerId: String(input.customerId),
        grant: input.grant && { ...input.grant, priceIds: input.grant.priceIds?.map(String) },
        taxRateIds: input.taxRateIds?.map(String),
      });
      return tenant.prisma.creditPurchase.findUniqueOrThrow({ ...query, where: byId(tenant.scope, id) });
    },
  }),
);

const money = (settings: CreditAutoRecharge, amount: { toFixed(): string } | null) =>
  amount === null ? null : formatMoney(amount.toFixed(), settings.currency);

const CreditAutoRechargeRef = builder.objectRef<CreditAutoRecharge>("CreditAutoRecharge").implement({
  description: "When the available balance falls to thresholdAmount, one recharge purchase is made.",
  fields: (t) => ({
    currency: t.exposeString("currency"),
    thresholdAmount: t.field({ type: "Decimal", resolve: (s) => money(s, s.thresholdAmount)! }),
    rechargeToAmount: t.field({
      type: "Decimal",
      nullable: true,
      description: "TARGET: each recharge tops the available balance up to this.",
      resolve: (s) => money(s, s.rechargeToAmount),
    }),
    fixedAmount: t.field({
      type: "Decimal",
      nullable: true,
      description: "FIXED: each recharge buys this amount.",
      resolve: (s) => money(s, s.fixedAmount),
    }),
    monthlyLimit: t.exposeInt("monthlyLimit", { description: "Recharges per calendar month (UTC)." }),
    grantName: t.exposeString("grantName", { nullable: true }),
    grantPriority: t.exposeInt("grantPriority"),
    grantExpiresInDays: t.exposeInt("grantExpiresInDays", { nullable: true }),
    invoiceRequiresPayment: t.exposeBoolean("invoiceRequiresPayment"),
  }),
});

builder.prismaObjectField("Customer", "creditAutoRecharge", (t) =>
  t.field({
    type: CreditAutoRechargeRef,
    nullable: true,
    resolve: (customer, _args, ctx) =>
      requireTenant(ctx).prisma.creditAutoRecharge.findUnique({
        where: {
          accountId_mode_customerId: { accountId: customer.accountId, mode: customer.mode, customerId: customer.id },
        },
      }),
  }),
);

const AutoRechargeGrantInput = builder.inputType("CreditAutoRechargeGrantInput", {
  fields: (t) => ({
    name: t.string(),
    priority: t.int({ description: "0–100; default 50." }),
    expiresInDays: t.int({
      description: "Each recharge's grant expires this many days after it is made; none: never.",
    }),
  }),
});

const CreditAutoRechargeInput = builder.inputType("CreditAutoRechargeInput", {
  fields: (t) => ({
    currency: t.string({ required: true }),
    thresholdAmount: t.field({ type: "Decimal", required: true }),
    rechargeToAmount: t.field({ type: "Decimal", description: "Exactly one of rechargeToAmount and fixedAmount." }),
    fixedAmount: t.field({ type: "Decimal" }),
    monthlyLimit: t.int({ required: true, description: "1–100 recharges per calendar month (UTC)." }),
    grant: t.field({ type: AutoRechargeGrantInput }),
    invoiceRequiresPayment: t.boolean(),
  }),
});

const SetCreditAutoRechargeInput = builder.inputType("SetCreditAutoRechargeInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    autoRecharge: t.field({ type: CreditAutoRechargeInput, description: "null: no auto-recharge." }),
  }),
});

builder.mutationField("setCreditAutoRecharge", (t) =>
  t.prismaField({
    type: "Customer",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: SetCreditAutoRechargeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      const customerId = String(input.customerId);
      await setCreditAutoRecharge(tenant, ctx.deps.clock, { customerId, autoRecharge: input.autoRecharge ?? null });
      return tenant.prisma.customer.findUniqueOrThrow({ ...query, where: byId(tenant.scope, customerId) });
    },
  }),
);
