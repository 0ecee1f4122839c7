// Meter events: the MeterEvent type, recordMeterEvent, recordMeterEvents, cancelMeterEvent and
// the meterEventSummaries query (docs/concepts/meter-events.md).
import { type ERROR_CODES, InvalidInputError, MeterEventError, TallyError } from "../errors.js";
import { announceTriggers } from "../services/alerts/announce.js";
import { announceUsage } from "../services/live-usage/announce.js";
import { cancelMeterEvent } from "../services/meter-events/cancel.js";
import {
  recordMeterEvents,
  type RecordMeterEventsSummary,
  type RejectedMeterEvent,
} from "../services/meter-events/record-batch.js";
import { recordMeterEvent } from "../services/meter-events/record.js";
import { meterEventSummaries, type MeterEventSummary } from "../services/meter-events/summaries.js";
import type { RecordMeterEventInput as ServiceInput } from "../services/meter-events/validate.js";
import { builder } from "./builder.js";
import { ErrorCodeEnum, ErrorInterface } from "./errors.js";
import { CHECKS_OWN_TEXT } from "./storable-text-plugin.js";
import { STREAM_FENCE_ARG } from "./stream-fence.js";
import { awaitStreamFence } from "../services/meter-events/stream/fence.js";
import { requireTenant } from "./tenant.js";
import { typedGraphQLError } from "./typed-error.js";

export const MeterEventRef = builder.prismaObject("MeterEvent", {
  description: "A usage event as recorded. Cancelled events keep their data but no longer count.",
  fields: (t) => ({
    identifier: t.exposeString("identifier"),
    eventName: t.string({ select: { meter: { select: { eventName: true } } }, resolve: (e) => e.meter.eventName }),
    meter: t.relation("meter"),
    customer: t.relation("customer"),
    value: t.expose("value", { type: "Decimal" }),
    timestamp: t.expose("timestamp", { type: "DateTime" }),
    payload: t.field({
      type: "JSONObject",
      nullable: true,
      resolve: (e) => (e.payload as Record<string, unknown> | null) ?? null,
    }),
    createdAt: t.expose("createdAt", {
      type: "DateTime",
      description: "Receipt time, in the customer's time (its test clock's, if any).",
    }),
    canceledAt: t.expose("canceledAt", { type: "DateTime", nullable: true }),
  }),
});

builder.objectType(MeterEventError, {
  name: "MeterEventError",
  interfaces: [ErrorInterface],
  fields: (t) => ({
    existingEvent: t.field({
      type: MeterEventRef,
      nullable: true,
      description: "For DUPLICATE_EVENT: the event stored first under that identifier.",
      resolve: (e) => e.existingEvent as (typeof MeterEventRef)["$inferType"] | null,
    }),
  }),
});

export const UsageWindowEnum = builder.enumType("UsageWindow", { values: ["HOUR", "DAY"] as const });

const DimensionValueRef = builder.objectRef<MeterEventSummary["dimensions"][number]>("DimensionValue").implement({
  description: "A dimension's value in a group (null: the events have no value for it).",
  fields: (t) => ({
    dimension: t.exposeString("dimension"),
    value: t.exposeString("value", { nullable: true }),
  }),
});

export const DimensionFilterInput = builder.inputType("DimensionFilterInput", {
  description: "Events whose value for `dimension` is one of `values`.",
  fields: (t) => ({
    dimension: t.string({ required: true }),
    values: t.stringList({ required: true }),
  }),
});

export const MeterEventSummaryRef = builder.objectRef<MeterEventSummary>("MeterEventSummary").implement({
  fields: (t) => ({
    startTime: t.expose("startTime", { type: "DateTime" }),
    endTime: t.expose("endTime", { type: "DateTime" }),
    aggregatedValue: t.expose("aggregatedValue", { type: "Decimal" }),
    dimensions: t.field({
      type: [DimensionValueRef],
      description: "The group's value per groupBy dimension, in groupBy's order; empty without groupBy.",
      resolve: (s) => s.dimensions,
    }),
  }),
});

export const RejectedMeterEventRef = builder.objectRef<RejectedMeterEvent>("RejectedMeterEvent").implement({
  fields: (t) => ({
    index: t.exposeInt("index", { description: "0-based position in the input list." }),
    code: t.field({ type: ErrorCodeEnum, resolve: (r) => r.code as (typeof ERROR_CODES)[number] }),
    message: t.exposeString("message"),
  }),
});

const RecordMeterEventsSummaryRef = builder.objectRef<RecordMeterEventsSummary>("RecordMeterEventsSummary").implement({
  fields: (t) => ({
    accepted: t.exposeInt("accepted"),
    duplicates: t.exposeInt("duplicates"),
    rejected: t.field({ type: [RejectedMeterEventRef], resolve: (s) => s.rejected }),
  }),
});

const RecordMeterEventInput = builder.inputType("RecordMeterEventInput", {
  fields: (t) => ({
    eventName: t.string({ required: true }),
    customerId: t.id(),
    value: t.field({ type: "EventValue" }),
    payload: t.field({ type: "JSONObject" }),
    timestamp: t.field({ type: "DateTime" }),
    identifier: t.string(),
  }),
});

export const RecordMeterEventsInput = builder.inputType("RecordMeterEventsInput", {
  fields: (t) => ({ events: t.field({ type: [RecordMeterEventInput], required: true }) }),
});

const CancelMeterEventInput = builder.inputType("CancelMeterEventInput", {
  fields: (t) => ({ eventName: t.string({ required: true }), identifier: t.string({ required: true }) }),
});

export const toServiceInput = (input: typeof RecordMeterEventInput.$inferInput): ServiceInput => ({
  ...input,
  customerId: input.customerId == null ? null : String(input.customerId),
});

builder.mutationField("recordMeterEvent", (t) =>
  t.field({
    type: MeterEventRef,
    errors: { types: [MeterEventError, InvalidInputError] },
    args: { input: t.arg({ type: RecordMeterEventInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      return recordMeterEvent(
        tenant,
        ctx.deps.clock,
        toServiceInput(input),
        announceTriggers(ctx.pubsub, tenant.scope),
        announceUsage(ctx.pubsub, tenant.scope),
      );
    },
  }),
);

builder.mutationField("recordMeterEvents", (t) =>
  t.field({
    type: RecordMeterEventsSummaryRef,
    errors: { types: [InvalidInputError] },
    // Each event's text is checked with its other rules (checkEventShape): a bad one is refused alone.
    extensions: { [CHECKS_OWN_TEXT]: true },
    args: { input: t.arg({ type: RecordMeterEventsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const tenant = requireTenant(ctx);
      return recordMeterEvents(
        tenant,
        ctx.deps.clock,
        input.events.map(toServiceInput),
        announceTriggers(ctx.pubsub, tenant.scope),
        announceUsage(ctx.pubsub, tenant.scope),
      );
    },
  }),
);

builder.mutationField("cancelMeterEvent", (t) =>
  t.field({
    type: MeterEventRef,
    errors: { types: [MeterEventError, InvalidInputError] },
    args: { input: t.arg({ type: CancelMeterEventInput, required: true }) },
    resolve: (_root, { input }, ctx) => cancelMeterEvent(requireTenant(ctx), ctx.deps.clock, input),
  }),
);

builder.queryField("meterEventSummaries", (t) =>
  t.field({
    type: [MeterEventSummaryRef],
    description: "The meter's aggregation over events with startTime ≤ timestamp < endTime; bounds on whole minutes.",
    args: {
      meterId: t.arg.id({ required: true }),
      customerId: t.arg.id({ required: true }),
      startTime: t.arg({ type: "DateTime", required: true }),
      endTime: t.arg({ type: "DateTime", required: true }),
      groupingWindow: t.arg({ type: UsageWindowEnum }),
      groupBy: t.arg.stringList({ description: "Dimensions to group by: one summary per window and group." }),
      dimensionFilters: t.arg({
        type: [DimensionFilterInput],
        description: "Only events matching every filter count.",
      }),
      after: t.arg.string(STREAM_FENCE_ARG),
    },
    resolve: async (_root, { after, ...args }, ctx) => {
      try {
        await awaitStreamFence(requireTenant(ctx), ctx.deps.stream, after);
        return await meterEventSummaries(requireTenant(ctx), {
          ...args,
          meterId: String(args.meterId),
          customerId: String(args.customerId),
        });
      } catch (error) {
        // A query has no result union: typed errors become GraphQL errors carrying code and field.
        if (error instanceof TallyError) throw typedGraphQLError(error);
        throw error;
      }
    },
  }),
);
