// What a customer session reads (docs/concepts/customer-sessions.md): the `viewer` root field —
// its customer, meters, usage, upcoming invoice, invoices, credit balance and alerts, each behind
// its scope — and live usage: viewerUsageUpdated (sessions) and customerUsageUpdated (secret keys).
import { GraphQLError } from "graphql";
import type { SessionGrant } from "../auth/session-grants.js";
import { watchSession } from "../auth/session-grants.js";
import type { Context, Tenant } from "../context.js";
import { billingStatus } from "../db/billing-status.js";
import { TallyError } from "../errors.js";
import { creditBalance } from "../services/invoices/credit-balance.js";
import { previewInvoice } from "../services/invoices/preview.js";
import { watchUsage } from "../services/live-usage/feed.js";
import { periodUsage, type UsageUpdate } from "../services/live-usage/period-usage.js";
import { meterEventSummaries } from "../services/meter-events/summaries.js";
import { builder } from "./builder.js";
import { CreditBalanceRef } from "./credit-grant.js";
import { CustomerSessionScopeEnum } from "./customer-session.js";
import { InvoicePreviewRef, NEWEST_FIRST } from "./invoice.js";
import { DimensionFilterInput, MeterEventSummaryRef, UsageWindowEnum } from "./meter-event.js";
import { MoneyRef } from "./money.js";
import { requireSession, requireTenant } from "./tenant.js";
import { typedGraphQLError } from "./typed-error.js";
import { byId } from "../db/tenant-scope.js";

const forbidden = (message: string) => new GraphQLError(message, { extensions: { code: "FORBIDDEN" } });

/** The session's meter restriction (docs/concepts/customer-sessions.md#scopes). */
function requireMeter(session: SessionGrant, meterId: string): string {
  if (session.meterIds.length > 0 && !session.meterIds.includes(meterId))
    throw forbidden(`This customer session may not read meter ${meterId}.`);
  return meterId;
}

/** Typed errors of a query field (no result union) as GraphQL errors with code and field. */
async function typed<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof TallyError) throw typedGraphQLError(error);
    throw error;
  }
}

const ViewerCustomerRef = builder
  .objectRef<{ id: string; name: string | null; email: string | null }>("ViewerCustomer")
  .implement({
    description: "The session's customer, as its own frontend may show it.",
    fields: (t) => ({
      id: t.exposeID("id"),
      name: t.exposeString("name", { nullable: true }),
      email: t.exposeString("email", { nullable: true }),
    }),
  });

const ViewerSessionRef = builder.objectRef<SessionGrant>("ViewerSession").implement({
  description: "The session itself: what it may read, and until when.",
  fields: (t) => ({
    scopes: t.field({ type: [CustomerSessionScopeEnum], resolve: (s) => s.scopes }),
    meterIds: t.idList({ description: "Empty: every meter.", resolve: (s) => s.meterIds }),
    expiresAt: t.field({ type: "DateTime", resolve: (s) => s.expiresAt }),
  }),
});

export const UsageUpdateRef = builder.objectRef<UsageUpdate>("UsageUpdate").implement({
  description:
    "A customer's usage of a meter over its current billing period, and its upcoming invoice's total (docs/concepts/customer-sessions.md#live-usage).",
  fields: (t) => ({
    customerId: t.exposeID("customerId"),
    meterId: t.exposeID("meterId"),
    periodStart: t.expose("periodStart", { type: "DateTime" }),
    periodEnd: t.expose("periodEnd", { type: "DateTime" }),
    usage: t.expose("usage", { type: "Decimal", description: "The meter's aggregation over the period so far." }),
    upcomingInvoiceTotal: t.field({
      type: MoneyRef,
      nullable: true,
      description: "Total of the upcoming invoice of the subscription billing the meter; null without one.",
      resolve: (u) => u.upcomingInvoiceTotal,
    }),
  }),
});

const ViewerRef = builder.objectRef<SessionGrant>("Viewer").implement({
  description:
    "A customer session's own customer and what its scopes let it read; a field outside them is null with a FORBIDDEN error.",
  fields: (t) => ({
    customer: t.field({
      type: ViewerCustomerRef,
      resolve: (session, _args, ctx) =>
        requireTenant(ctx).prisma.customer.findUniqueOrThrow({
          where: byId(requireTenant(ctx).scope, session.customerId),
          select: { id: true, name: true, email: true },
        }),
    }),
    session: t.field({ type: ViewerSessionRef, resolve: (session) => session }),
    meters: t.prismaField({
      nullable: true,
      type: ["Meter"],
      description: "Active meters (the session's meters, if it names some). Scope USAGE_READ.",
      resolve: (query, _session, _args, ctx) => {
        const { tenant, session } = requireSession(ctx, "USAGE_READ");
        return tenant.prisma.meter.findMany({
          ...query,
          where: { status: "ACTIVE", ...(session.meterIds.length > 0 ? { id: { in: session.meterIds } } : {}) },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
      },
    }),
    usage: t.field({
      nullable: true,
      type: [MeterEventSummaryRef],
      description: "As meterEventSummaries, for the session's customer. Scope USAGE_READ.",
      args: {
        meterId: t.arg.id({ required: true }),
        startTime: t.arg({ type: "DateTime", required: true }),
        endTime: t.arg({ type: "DateTime", required: true }),
        groupingWindow: t.arg({ type: UsageWindowEnum }),
        groupBy: t.arg.stringList({ description: "Dimensions to group by: one summary per window and group." }),
        dimensionFilters: t.arg({
          type: [DimensionFilterInput],
          description: "Only events matching every filter count.",
        }),
      },
      resolve: (_session, args, ctx) => {
        const { tenant, session } = requireSession(ctx, "USAGE_READ");
        const meterId = requireMeter(session, String(args.meterId));
        return typed(() => meterEventSummaries(tenant, { ...args, meterId, customerId: session.customerId }));
      },
    }),
    periodUsage: t.field({
      nullable: true,
      type: UsageUpdateRef,
      description: "The current period's usage of the meter, as viewerUsageUpdated pushes it. Scope USAGE_READ.",
      args: { meterId: t.arg.id({ required: true }) },
      resolve: (_session, args, ctx) => {
        const { tenant, session } = requireSession(ctx, "USAGE_READ");
        const meterId = requireMeter(session, String(args.meterId));
        return typed(() => periodUsage(tenant, ctx.deps.clock, session.customerId, meterId));
      },
    }),
    upcomingInvoice: t.field({
      type: InvoicePreviewRef,
      nullable: true,
      description:
        "The next invoice of the given subscription of the customer, or of the one whose period ends first; null without one. Scope INVOICES_READ.",
      args: { subscriptionId: t.arg.id() },
      resolve: async (_session, args, ctx) => {
        const { tenant, session } = requireSession(ctx, "INVOICES_READ");
        const subscription = await tenant.prisma.subscription.findFirst({
          where: {
            customerId: session.customerId,
            status: billingStatus,
            ...(args.subscriptionId ? { id: String(args.subscriptionId) } : {}),
          },
          orderBy: [{ currentPeriodEnd: "asc" }, { id: "asc" }],
          select: { id: true },
        });
        return subscription ? previewInvoice(tenant, subscription.id) : null;
      },
    }),
    invoices: t.prismaConnection(
      {
        type: "Invoice",
        cursor: "accountId_mode_id",
        nullable: true,
        description: "The customer's invoices, newest first. Scope INVOICES_READ.",
        resolve: (query, _session, _args, ctx) => {
          const { tenant, session } = requireSession(ctx, "INVOICES_READ");
          return tenant.prisma.invoice.findMany({
            ...query,
            where: { customerId: session.customerId },
            orderBy: [...NEWEST_FIRST],
          });
        },
      },
      { name: "ViewerInvoiceConnection" },
      { name: "ViewerInvoiceEdge" },
    ),
    creditBalance: t.field({
      nullable: true,
      type: [CreditBalanceRef],
      description: "As Customer.creditBalance. Scope CREDITS_READ.",
      resolve: (_session, _args, ctx) => {
        const { tenant, session } = requireSession(ctx, "CREDITS_READ");
        return creditBalance(tenant, ctx.deps.clock, session.customerId);
      },
    }),
    alerts: t.prismaField({
      nullable: true,
      type: ["UsageAlert"],
      description:
        "Active usage alerts watching the customer (its own and those on every customer), on the session's meters. Scope ALERTS_READ.",
      resolve: (query, _session, _args, ctx) => {
        const { tenant, session } = requireSession(ctx, "ALERTS_READ");
        return tenant.prisma.usageAlert.findMany({
          ...query,
          where: {
            status: "ACTIVE",
            OR: [{ customerId: session.customerId }, { customerId: null }],
            ...(session.meterIds.length > 0 ? { meterId: { in: session.meterIds } } : {}),
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        });
      },
    }),
  }),
});

builder.queryField("viewer", (t) =>
  t.field({
    type: ViewerRef,
    // The root type wants a secret key; this field wants a session instead.
    skipTypeScopes: true,
    authScopes: { session: true },
    description: "The customer session's view of its own customer (docs/concepts/customer-sessions.md).",
    resolve: (_root, _args, ctx) => requireSession(ctx).session,
  }),
);

/** The customer and meter exist in the tenant: checked before a stream starts, as a typed error. */
async function requireUsageTarget(tenant: Tenant, customerId: string, meterId: string): Promise<void> {
  const [customer, meter] = await Promise.all([
    tenant.prisma.customer.findUnique({ where: byId(tenant.scope, customerId), select: { id: true } }),
    tenant.prisma.meter.findUnique({ where: byId(tenant.scope, meterId), select: { id: true } }),
  ]);
  if (!customer)
    throw new GraphQLError(`No customer ${customerId}`, {
      extensions: { code: "CUSTOMER_NOT_FOUND", field: ["customerId"] },
    });
  if (!meter)
    throw new GraphQLError(`No meter ${meterId}`, { extensions: { code: "METER_NOT_FOUND", field: ["meterId"] } });
}

function usageStream(ctx: Context, tenant: Tenant, customerId: string, meterId: string) {
  return watchUsage(ctx.pubsub, tenant, ctx.deps.clock, customerId, meterId);
}

builder.subscriptionField("viewerUsageUpdated", (t) =>
  t.field({
    type: UsageUpdateRef,
    // The root type wants a secret key; this field wants a session instead.
    skipTypeScopes: true,
    authScopes: { session: true },
    description:
      "The session customer's period usage of the meter and upcoming invoice total: now, then after accepted events, at most every 250 ms. Ends when the session does. Scope USAGE_READ.",
    args: { meterId: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const { tenant, session } = requireSession(ctx, "USAGE_READ");
      const meterId = requireMeter(session, String(args.meterId));
      await requireUsageTarget(tenant, session.customerId, meterId);
      const stream = usageStream(ctx, tenant, session.customerId, meterId);
      stream.onClose(watchSession(ctx.deps.database, ctx.deps.clock, session, (error) => stream.fail(error)));
      return stream;
    },
    resolve: (update) => update,
  }),
);

builder.subscriptionField("customerUsageUpdated", (t) =>
  t.field({
    type: UsageUpdateRef,
    description:
      "A customer's period usage of the meter and upcoming invoice total: now, then after accepted events, at most every 250 ms.",
    args: { customerId: t.arg.id({ required: true }), meterId: t.arg.id({ required: true }) },
    subscribe: async (_root, args, ctx) => {
      const tenant = requireTenant(ctx);
      await requireUsageTarget(tenant, String(args.customerId), String(args.meterId));
      return usageStream(ctx, tenant, String(args.customerId), String(args.meterId));
    },
    resolve: (update) => update,
  }),
);
