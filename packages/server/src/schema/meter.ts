// Meters: the Meter node, meter/meters queries, createMeter, updateMeter, deactivateMeter and
// reactivateMeter (docs/concepts/meters.md).
import { InvalidInputError, NotFoundError } from "../errors.js";
import { createMeter, setMeterStatus, updateMeter } from "../services/meters.js";
import { builder } from "./builder.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const MeterAggregationEnum = builder.enumType("MeterAggregation", {
  values: ["SUM", "COUNT", "LAST", "MAX"] as const,
});
const MeterStatusEnum = builder.enumType("MeterStatus", { values: ["ACTIVE", "INACTIVE"] as const });

export const MeterRef = builder.prismaNode("Meter", {
  ...entityNode,
  fields: (t) => ({
    displayName: t.exposeString("displayName"),
    eventName: t.exposeString("eventName"),
    aggregation: t.expose("aggregation", { type: MeterAggregationEnum }),
    customerPayloadKey: t.exposeString("customerPayloadKey"),
    valuePayloadKey: t.exposeString("valuePayloadKey"),
    dimensionPayloadKeys: t.exposeStringList("dimensionPayloadKeys", {
      description: "Payload keys whose values tag each event, for grouping, filtering, segmented prices and alerts.",
    }),
    status: t.expose("status", { type: MeterStatusEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("meter", (t) =>
  t.prismaField({
    type: "Meter",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.meter.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("meters", (t) =>
  t.prismaConnection(
    {
      type: "Meter",
      cursor: "accountId_mode_id",
      args: { status: t.arg({ type: MeterStatusEnum }) },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.meter.findMany({
          ...query,
          where: args.status ? { status: args.status } : {},
          orderBy: { id: "asc" },
        }),
    },
    { name: "MeterConnection" },
    { name: "MeterEdge" },
  ),
);

const CreateMeterInput = builder.inputType("CreateMeterInput", {
  fields: (t) => ({
    displayName: t.string({ required: true }),
    eventName: t.string({ required: true }),
    aggregation: t.field({ type: MeterAggregationEnum, required: true }),
    customerPayloadKey: t.string({ description: 'The payload key naming the customer; default "customer_id".' }),
    valuePayloadKey: t.string({ description: 'The payload key holding the value; default "value".' }),
    dimensionPayloadKeys: t.stringList({
      description:
        "0 to 10 distinct payload keys whose values tag each event (not the customer or value key); fixed after creation.",
    }),
  }),
});

const UpdateMeterInput = builder.inputType("UpdateMeterInput", {
  fields: (t) => ({ id: t.id({ required: true }), displayName: t.string({ required: true }) }),
});

const MeterIdInput = builder.inputType("MeterIdInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("createMeter", (t) =>
  t.prismaField({
    type: "Meter",
    errors: { types: [InvalidInputError] },
    args: { input: t.arg({ type: CreateMeterInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) => createMeter(requireTenant(ctx), input),
  }),
);

// updateMeter, deactivateMeter and reactivateMeter share one result union (the contract's
// UpdateMeterResult): the errors plugin builds a union once per result name, so giving the three
// fields the same result and union names makes them share it.
const updateMeterErrors = {
  types: [InvalidInputError, NotFoundError],
  result: { name: "UpdateMeterResult" },
  union: { name: "UpdateMeterResult" },
};

builder.mutationField("updateMeter", (t) =>
  t.prismaField({
    type: "Meter",
    errors: updateMeterErrors,
    args: { input: t.arg({ type: UpdateMeterInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) =>
      updateMeter(requireTenant(ctx), { id: String(input.id), displayName: input.displayName }),
  }),
);

builder.mutationField("deactivateMeter", (t) =>
  t.prismaField({
    type: "Meter",
    errors: updateMeterErrors,
    args: { input: t.arg({ type: MeterIdInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) => setMeterStatus(requireTenant(ctx), String(input.id), "INACTIVE"),
  }),
);

builder.mutationField("reactivateMeter", (t) =>
  t.prismaField({
    type: "Meter",
    errors: updateMeterErrors,
    args: { input: t.arg({ type: MeterIdInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) => setMeterStatus(requireTenant(ctx), String(input.id), "ACTIVE"),
  }),
);
