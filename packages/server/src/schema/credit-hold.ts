// Credit holds (docs/concepts/credits.md#holds): the CreditHold node, creditHold / creditHolds,
// createCreditHold, captureCreditHold and releaseCreditHold. CREDIT_BALANCE alerts and auto-recharge
// run after a hold or a capture lowers the available balance (docs/concepts/credits.md#auto-recharge).
import { ZERO } from "@tally/billing";
import { CreditHoldStatus } from "../generated/prisma/client.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import { captureCreditHold, createCreditHold, releaseCreditHold } from "../services/credit-holds/holds.js";
import { expireCustomerHolds } from "../services/credit-holds/expire.js";
import { announceTriggers } from "../services/alerts/announce.js";
import { afterCreditChange } from "../services/balance-watch/after-change.js";
import { creditBalance } from "../services/invoices/credit-balance.js";
import { builder } from "./builder.js";
import { MoneyRef } from "./money.js";
import { entityNode, requireTenant } from "./tenant.js";
import type { Context } from "../context.js";
import { byId } from "../db/tenant-scope.js";

const CreditHoldStatusEnum = builder.enumType(CreditHoldStatus, { name: "CreditHoldStatus" });

builder.prismaNode("CreditHold", {
  ...entityNode,
  description: "Credit reserved for a job until it is captured, released or expires.",
  fields: (t) => ({
    customerId: t.exposeID("customerId"),
    amount: t.field({
      type: MoneyRef,
      description: "The amount held.",
      resolve: (hold) => ({ amount: hold.amount, currency: hold.currency }),
    }),
    capturedAmount: t.field({
      type: MoneyRef,
      description:
        "What the capture charged against the grants (0 unless CAPTURED): the amount captured, or less when a void or an invoice since the hold left the grants less.",
      resolve: (hold) => ({ amount: hold.capturedAmount, currency: hold.currency }),
    }),
    status: t.expose("status", { type: CreditHoldStatusEnum }),
    idempotencyKey: t.exposeString("idempotencyKey"),
    expiresAt: t.expose("expiresAt", { type: "DateTime" }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    closedAt: t.expose("closedAt", {
      type: "DateTime",
      nullable: true,
      description: "When it was captured, released or expired.",
    }),
  }),
});

/** The balance alerts the change crossed (announced) and the recharge it made due; the hold is returned either way. */
async function afterChange<T extends { customerId: string }>(ctx: Context, hold: T): Promise<T> {
  const tenant = requireTenant(ctx);
  announceTriggers(ctx.pubsub, tenant.scope)(await afterCreditChange(tenant, ctx.deps.clock, [hold.customerId]));
  return hold;
}

builder.queryField("creditHold", (t) =>
  t.prismaField({
    type: "CreditHold",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const tenant = requireTenant(ctx);
      const found = await tenant.prisma.creditHold.findUnique({
        where: byId(tenant.scope, String(id)),
        select: { customerId: true },
      });
      if (!found) return null;
      await expireCustomerHolds(tenant, ctx.deps.clock, found.customerId);
      return tenant.prisma.creditHold.findUnique({ ...query, where: byId(tenant.scope, String(id)) });
    },
  }),
);

builder.queryField("creditHolds", (t) =>
  t.prismaConnection(
    {
      type: "CreditHold",
      cursor: "accountId_mode_id",
      description: "The customer's credit holds, newest first.",
      args: { customerId: t.arg.id({ required: true }), status: t.arg({ type: CreditHoldStatusEnum }) },
      resolve: async (query, _root, args, ctx) => {
        const tenant = requireTenant(ctx);
        await expireCustomerHolds(tenant, ctx.deps.clock, String(args.customerId));
        return tenant.prisma.creditHold.findMany({
          ...query,
          where: { customerId: String(args.customerId), ...(args.status ? { status: args.status } : {}) },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        });
      },
    },
    { name: "CreditHoldConnection" },
    { name: "CreditHoldEdge" },
  ),
);

const CreateCreditHoldInput = builder.inputType("CreateCreditHoldInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    amount: t.field({ type: "Decimal", required: true, description: "> 0, in major units." }),
    currency: t.string({ required: true }),
    idempotencyKey: t.string({
      required: true,
      description: "1–255 characters; a retry with the same key returns the hold its first request made.",
    }),
    expiresIn: t.int({ description: "Seconds until the hold releases itself, 1–86400; default 3600." }),
  }),
});

const CaptureCreditHoldInput = builder.inputType("CaptureCreditHoldInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    amount: t.field({ type: "Decimal", description: "0 to the held amount; default all of it. The rest is released." }),
  }),
});

const ReleaseCreditHoldInput = builder.inputType("ReleaseCreditHoldInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("createCreditHold", (t) =>
  t.prismaField({
    type: "CreditHold",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateCreditHoldInput, required: true }) },
    resolve: async (_query, _root, { input }, ctx) =>
      afterChange(
        ctx,
        await createCreditHold(requireTenant(ctx), ctx.deps.clock, { ...input, customerId: String(input.customerId) }),
      ),
  }),
);

builder.mutationField("captureCreditHold", (t) =>
  t.prismaField({
    type: "CreditHold",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CaptureCreditHoldInput, required: true }) },
    resolve: async (_query, _root, { input }, ctx) =>
      afterChange(
        ctx,
        await captureCreditHold(requireTenant(ctx), ctx.deps.clock, { id: String(input.id), amount: input.amount }),
      ),
  }),
);

builder.mutationField("releaseCreditHold", (t) =>
  t.prismaField({
    type: "CreditHold",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: ReleaseCreditHoldInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) =>
      releaseCreditHold(requireTenant(ctx), ctx.deps.clock, { id: String(input.id) }),
  }),
);

builder.prismaObjectField("Customer", "availableCreditBalance", (t) =>
  t.field({
    type: MoneyRef,
    description:
      "What a credit hold may reserve now in this currency: the grants for every metered price, less the active holds and the current usage they would pay (0 without grants in it).",
    args: { currency: t.arg.string({ required: true }) },
    resolve: async (customer, { currency }, ctx) => {
      const balances = await creditBalance(requireTenant(ctx), ctx.deps.clock, customer.id);
      const code = currency.toLowerCase();
      return { amount: balances.find((b) => b.currency === code)?.availableAfterHolds ?? ZERO, currency: code };
    },
  }),
);
