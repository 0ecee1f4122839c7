// The event log (docs/concepts/webhooks.md#events): the Event node, event/events queries.
import { builder } from "./builder.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

builder.prismaNode("Event", {
  ...entityNode,
  description: "A change of note, as delivered to webhook endpoints. Kept for good; events never change.",
  fields: (t) => ({
    type: t.exposeString("type", { description: "e.g. invoice.finalized, billing.alert.triggered." }),
    data: t.field({
      type: "JSONObject",
      description: "The object the event is about, as it was then (IDs, decimals as strings, ISO dates).",
      resolve: (event) => event.data as Record<string, unknown>,
    }),
    previousAttributes: t.field({
      type: "JSONObject",
      nullable: true,
      description: "On *.updated events: the values the changed fields had before the change.",
      resolve: (event) => (event.previousAttributes as Record<string, unknown> | null) ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("event", (t) =>
  t.prismaField({
    type: "Event",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.event.findUnique({ ...query, where: byId(requireTenant(ctx).scope, String(id)) }),
  }),
);

builder.queryField("events", (t) =>
  t.prismaConnection(
    {
      type: "Event",
      cursor: "accountId_mode_id",
      description: "Newest first (events of one change in reverse recording order).",
      args: { type: t.arg.string({ description: "Only events of this type." }) },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.event.findMany({
          ...query,
          where: args.type ? { type: args.type } : {},
          orderBy: { seq: "desc" },
        }),
    },
    { name: "EventConnection" },
    { name: "EventEdge" },
  ),
);
