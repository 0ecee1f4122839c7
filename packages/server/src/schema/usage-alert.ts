// Usage alerts (docs/concepts/alerts.md): the UsageAlert and AlertTrigger nodes, usageAlert(s) and alertTriggers
// queries, createUsageAlert and archiveUsageAlert, and the usageAlertTriggered subscription.
import { InvalidInputError, NotFoundError } from "../errors.js";
import { AlertRecurrence, UsageAlertStatus, UsageAlertType } from "../generated/prisma/client.js";
import { tenantTopic } from "../pubsub.js";
import { archiveUsageAlert, createUsageAlert } from "../services/alerts/manage.js";
import { alertFilters } from "../services/alerts/evaluate.js";
import { builder } from "./builder.js";
import { MeterSegmentConditionInput, MeterSegmentConditionRef } from "./price.js";
import { fenceRead, STREAM_FENCE_ARG } from "./stream-fence.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const AlertRecurrenceEnum = builder.enumType("AlertRecurrence", {
  values: {
    ONE_TIME: {
      value: AlertRecurrence.ONE_TIME,
      description:
        "Fires once per customer, ever: when the usage reported after the alert's creation reaches the threshold.",
    },
    EVERY_PERIOD: {
      value: AlertRecurrence.EVERY_PERIOD,
      description:
        "Fires at most once per customer and billing period, when the period's usage reaches the threshold. The period is that of the customer's active subscription with a price on the meter; without one, the calendar month (UTC).",
    },
  } as const,
});
const UsageAlertTypeEnum = builder.enumType("UsageAlertType", {
  description: "What an alert measures (docs/concepts/alerts.md#alert-types).",
  values: {
    USAGE: { value: UsageAlertType.USAGE, description: "The meter's usage (the default)." },
    SPEND: {
      value: UsageAlertType.SPEND,
      description: "The previewed total of the period's invoice, in its currency; fires when it reaches the threshold.",
    },
    CREDIT_BALANCE: {
      value: UsageAlertType.CREDIT_BALANCE,
      description: "The customer's available credit balance; fires when it falls to the threshold.",
    },
    FORECAST: {
      value: UsageAlertType.FORECAST,
      description:
        "The period-end projection of the total (usage so far extrapolated linearly over the period); fires when it reaches the threshold.",
    },
  } as const,
});
const UsageAlertStatusEnum = builder.enumType(UsageAlertStatus, { name: "UsageAlertStatus" });

const UsageAlertRef = builder.prismaNode("UsageAlert", {
  ...entityNode,
  fields: (t) => ({
    title: t.exposeString("title"),
    meter: t.prismaField({
      type: "Meter",
      resolve: (query, alert, _args, ctx) =>
        requireTenant(ctx).prisma.meter.findUniqueOrThrow({
          ...query,
          where: byId(requireTenant(ctx).scope, alert.meterId),
        }),
    }),
    customer: t.prismaField({
      type: "Customer",
      nullable: true,
      description: "The one customer watched; null: every customer, each on its own usage.",
      resolve: (query, alert, _args, ctx) =>
        alert.customerId
          ? requireTenant(ctx).prisma.customer.findUnique({
              ...query,
              where: byId(requireTenant(ctx).scope, alert.customerId),
            })
          : null,
    }),
    threshold: t.field({ type: "Decimal", resolve: (alert) => alert.threshold }),
    recurrence: t.expose("recurrence", { type: AlertRecurrenceEnum }),
    type: t.expose("type", { type: UsageAlertTypeEnum }),
    filters: t.field({
      type: [MeterSegmentConditionRef],
      description: "Only events matching every filter count; empty: all the meter's events.",
      resolve: (alert) => alertFilters(alert),
    }),
    status: t.expose("status", { type: UsageAlertStatusEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaNode("AlertTrigger", {
  ...entityNode,
  description: "A firing of a usage alert for one customer.",
  fields: (t) => ({
    alert: t.relation("alert"),
    customer: t.prismaField({
      type: "Customer",
      resolve: (query, trigger, _args, ctx) =>
        requireTenant(ctx).prisma.customer.findUniqueOrThrow({
          ...query,
          where: byId(requireTenant(ctx).scope, trigger.customerId),
        }),
    }),
    value: t.field({
      type: "Decimal",
      description:
        "The value that reached the threshold: usage, or for a money alert an amount in its subscription's currency.",
      resolve: (trigger) => trigger.value,
    }),
    triggeredAt: t.expose("triggeredAt", {
      type: "DateTime",
      description: "The customer's now (its test clock's time, if any).",
    }),
  }),
});

builder.queryField("usageAlert", (t) =>
  t.prismaField({
    type: "UsageAlert",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.usageAlert.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("usageAlerts", (t) =>
  t.prismaConnection(
    {
      type: "UsageAlert",
      cursor: "accountId_mode_id",
      description: "Newest first.",
      args: { meterId: t.arg.id(), customerId: t.arg.id(), status: t.arg({ type: UsageAlertStatusEnum }) },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.usageAlert.findMany({
          ...query,
          where: {
            ...(args.meterId ? { meterId: String(args.meterId) } : {}),
            ...(args.customerId ? { customerId: String(args.customerId) } : {}),
            ...(args.status ? { status: args.status } : {}),
          },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "UsageAlertConnection" },
    { name: "UsageAlertEdge" },
  ),
);

builder.queryField("alertTriggers", (t) =>
  t.prismaField({
    type: ["AlertTrigger"],
    description: "Triggers of the account's alerts, oldest first; filtered by alert and/or customer.",
    args: { alertId: t.arg.id(), customerId: t.arg.id(), after: t.arg.string(STREAM_FENCE_ARG) },
    resolve: async (query, _root, args, ctx) => {
      await fenceRead(requireTenant(ctx), ctx, args.after);
      return requireTenant(ctx).prisma.alertTrigger.findMany({
        ...query,
        where: {
          ...(args.alertId ? { alertId: String(args.alertId) } : {}),
          ...(args.customerId ? { customerId: String(args.customerId) } : {}),
        },
        orderBy: [{ triggeredAt: "asc" }, { id: "asc" }],
      });
    },
  }),
);

const CreateUsageAlertInput = builder.inputType("CreateUsageAlertInput", {
  fields: (t) => ({
    title: t.string({ required: true }),
    meterId: t.id({ required: true }),
    threshold: t.field({
      type: "Decimal",
      required: true,
      description:
        "Fires when the value reaches it (≥; ≤ for CREDIT_BALANCE); greater than 0 (at least 0 for CREDIT_BALANCE).",
    }),
    type: t.field({ type: UsageAlertTypeEnum, description: "Default USAGE; the others need recurrence EVERY_PERIOD." }),
    customerId: t.id({ description: "Watch this customer only; default every customer, each separately." }),
    recurrence: t.field({ type: AlertRecurrenceEnum, required: true }),
    filters: t.field({
      type: [MeterSegmentConditionInput],
      description: "Count only the meter's events whose dimension values match every filter.",
    }),
  }),
});

const UsageAlertIdInput = builder.inputType("UsageAlertIdInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("createUsageAlert", (t) =>
  t.field({
    type: UsageAlertRef,
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateUsageAlertInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createUsageAlert(requireTenant(ctx), {
        ...input,
        meterId: String(input.meterId),
        customerId: input.customerId == null ? null : String(input.customerId),
      }),
  }),
);

builder.mutationField("archiveUsageAlert", (t) =>
  t.field({
    type: UsageAlertRef,
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: UsageAlertIdInput, required: true }) },
    resolve: (_root, { input }, ctx) => archiveUsageAlert(requireTenant(ctx), String(input.id)),
  }),
);

builder.subscriptionField("usageAlertTriggered", (t) =>
  t.prismaField({
    type: "AlertTrigger",
    description: "Every trigger of the account's alerts in this mode, as it fires (server-sent events).",
    subscribe: (_root, _args, ctx) =>
      ctx.pubsub.subscribe("usageAlertTriggered", tenantTopic(requireTenant(ctx).scope)),
    resolve: (query, message, _args, ctx) =>
      requireTenant(ctx).prisma.alertTrigger.findUniqueOrThrow({
        ...query,
        where: byId(requireTenant(ctx).scope, message.triggerId),
      }),
  }),
);
