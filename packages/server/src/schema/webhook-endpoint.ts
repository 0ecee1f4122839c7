// Webhook endpoints and their deliveries (docs/concepts/webhooks.md#endpoints): the WebhookEndpoint and WebhookDelivery nodes,
// webhookEndpoint(s) and webhookDeliveries queries, create/update/deleteWebhookEndpoint.
import { InvalidInputError, NotFoundError } from "../errors.js";
import { WebhookDeliveryStatus, WebhookEndpointStatus, type WebhookEndpoint } from "../generated/prisma/client.js";
import { createWebhookEndpoint, deleteWebhookEndpoint, updateWebhookEndpoint } from "../services/webhooks/endpoints.js";
import { builder } from "./builder.js";
import { entityNode, requireTenant } from "./tenant.js";
import { byId } from "../db/tenant-scope.js";

const WebhookEndpointStatusEnum = builder.enumType(WebhookEndpointStatus, { name: "WebhookEndpointStatus" });
const WebhookDeliveryStatusEnum = builder.enumType(WebhookDeliveryStatus, { name: "WebhookDeliveryStatus" });

/** Newest first; the id breaks ties, so pages are stable. */
const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] as const;

const WebhookEndpointRef = builder.prismaNode("WebhookEndpoint", {
  ...entityNode,
  // A deleted endpoint is gone from the API.
  findUnique: (id, ctx) => ({ ...entityNode.findUnique(id, ctx), deletedAt: null }),
  fields: (t) => ({
    url: t.exposeString("url"),
    description: t.exposeString("description", { nullable: true }),
    enabledEvents: t.exposeStringList("enabledEvents", { description: 'Event types delivered; ["*"] for every type.' }),
    status: t.expose("status", { type: WebhookEndpointStatusEnum }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.prismaNode("WebhookDelivery", {
  ...entityNode,
  description: "One event for one endpoint: its delivery attempts so far.",
  fields: (t) => ({
    endpoint: t.relation("endpoint"),
    event: t.prismaField({
      type: "Event",
      resolve: (query, delivery, _args, ctx) =>
        requireTenant(ctx).prisma.event.findUniqueOrThrow({
          ...query,
          where: byId(requireTenant(ctx).scope, delivery.eventId),
        }),
    }),
    status: t.expose("status", { type: WebhookDeliveryStatusEnum }),
    attempts: t.exposeInt("attempts"),
    nextAttemptAt: t.field({
      type: "DateTime",
      nullable: true,
      description: "When the next attempt is due; null once delivered or given up.",
      resolve: (d) => (d.status === "PENDING" ? d.nextAttemptAt : null),
    }),
    lastAttemptAt: t.expose("lastAttemptAt", { type: "DateTime", nullable: true }),
    lastResponseStatus: t.exposeInt("lastResponseStatus", {
      nullable: true,
      description: "The HTTP status of the last attempt; null if none came.",
    }),
    lastError: t.exposeString("lastError", { nullable: true }),
    deliveredAt: t.expose("deliveredAt", { type: "DateTime", nullable: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("webhookEndpoint", (t) =>
  t.prismaField({
    type: "WebhookEndpoint",
    nullable: true,
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      requireTenant(ctx).prisma.webhookEndpoint.findFirst({ ...query, where: { id: String(id), deletedAt: null } }),
  }),
);

builder.queryField("webhookEndpoints", (t) =>
  t.prismaConnection(
    {
      type: "WebhookEndpoint",
      cursor: "accountId_mode_id",
      description: "Newest first.",
      resolve: (query, _root, _args, ctx) =>
        requireTenant(ctx).prisma.webhookEndpoint.findMany({
          ...query,
          where: { deletedAt: null },
          orderBy: [...NEWEST_FIRST],
        }),
    },
    { name: "WebhookEndpointConnection" },
    { name: "WebhookEndpointEdge" },
  ),
);

builder.queryField("webhookDeliveries", (t) =>
  t.prismaConnection(
    {
      type: "WebhookDelivery",
      cursor: "accountId_mode_id",
      description: "An endpoint's deliveries, newest first.",
      args: {
        endpointId: t.arg.id({ required: true }),
        eventId: t.arg.id(),
        status: t.arg({ type: WebhookDeliveryStatusEnum }),
      },
      resolve: (query, _root, args, ctx) =>
        requireTenant(ctx).prisma.webhookDelivery.findMany({
          ...query,
          where: {
            endpointId: String(args.endpointId),
            ...(args.eventId ? { eventId: String(args.eventId) } : {}),
            ...(args.status ? { status: args.status } : {}),
          },
          orderBy: [...NEWEST_FIRST],
        }),
    },
    { name: "WebhookDeliveryConnection" },
    { name: "WebhookDeliveryEdge" },
  ),
);

const WebhookEndpointWithSecretRef = builder
  .objectRef<{ endpoint: WebhookEndpoint; secret: string }>("WebhookEndpointWithSecret")
  .implement({
    description: "A new endpoint and its signing secret, shown this once.",
    fields: (t) => ({
      endpoint: t.field({ type: WebhookEndpointRef, resolve: (created) => created.endpoint }),
      secret: t.exposeString("secret", {
        description: "whsec_…: verifies the Tally-Signature header of every delivery. Store it now.",
      }),
    }),
  });

const DeletedWebhookEndpointRef = builder.objectRef<{ id: string }>("DeletedWebhookEndpoint").implement({
  fields: (t) => ({
    id: t.exposeID("id"),
    deleted: t.boolean({ resolve: () => true }),
  }),
});

const CreateWebhookEndpointInput = builder.inputType("CreateWebhookEndpointInput", {
  fields: (t) => ({
    url: t.string({ required: true, description: "An http(s) URL that accepts POST requests." }),
    enabledEvents: t.stringList({ required: true, description: 'Event types to deliver, or ["*"] for all.' }),
    description: t.string(),
  }),
});

const UpdateWebhookEndpointInput = builder.inputType("UpdateWebhookEndpointInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    url: t.string(),
    enabledEvents: t.stringList(),
    description: t.string(),
    disabled: t.boolean({
      description: "true stops deliveries (pending ones are given up); false resumes them for new events.",
    }),
  }),
});

const WebhookEndpointIdInput = builder.inputType("WebhookEndpointIdInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("createWebhookEndpoint", (t) =>
  t.field({
    type: WebhookEndpointWithSecretRef,
    errors: { types: [InvalidInputError] },
    args: { input: t.arg({ type: CreateWebhookEndpointInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createWebhookEndpoint(requireTenant(ctx), input, ctx.deps.config.webhooks.allowPrivate),
  }),
);

builder.mutationField("updateWebhookEndpoint", (t) =>
  t.field({
    type: WebhookEndpointRef,
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: UpdateWebhookEndpointInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      updateWebhookEndpoint(
        requireTenant(ctx),
        { ...input, id: String(input.id) },
        ctx.deps.config.webhooks.allowPrivate,
      ),
  }),
);

builder.mutationField("deleteWebhookEndpoint", (t) =>
  t.field({
    type: DeletedWebhookEndpointRef,
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: WebhookEndpointIdInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      deleteWebhookEndpoint(requireTenant(ctx), String(input.id), ctx.deps.clock.now()),
  }),
);
