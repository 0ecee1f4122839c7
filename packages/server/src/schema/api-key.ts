// API keys (docs/api/authentication.md#managing-keys): the apiKeys list, createApiKey, rollApiKey
// and revokeApiKey, for a secret key of the same account and mode.
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { Mode } from "../generated/prisma/client.js";
import {
  type CreatedApiKey,
  createApiKey,
  MAX_ROLL_EXPIRES_IN_SECONDS,
  revokeApiKey,
  rollApiKey,
} from "../services/api-keys.js";
import { builder } from "./builder.js";
import { entityNode, requireTenant } from "./tenant.js";

const ApiKeyMode = builder.enumType("ApiKeyMode", {
  description: "test keys see test-mode data only, live keys live-mode data only.",
  values: { TEST: { value: "test" }, LIVE: { value: "live" } } as const,
});

builder.prismaNode("ApiKey", {
  ...entityNode,
  description: "A secret key. Its secret is shown once, when it is created or rolled; listings show its hint.",
  fields: (t) => ({
    name: t.exposeString("name"),
    mode: t.field({ type: ApiKeyMode, resolve: (key) => key.mode as Mode }),
    hint: t.exposeString("hint", { description: 'The first characters of the secret, e.g. "sk_test_4f9a".' }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    expiresAt: t.expose("expiresAt", {
      type: "DateTime",
      nullable: true,
      description: "When the key stops working (set at creation, or by rolling it); null: until revoked.",
    }),
    lastUsedAt: t.expose("lastUsedAt", {
      type: "DateTime",
      nullable: true,
      description: "When the key last authenticated a request, to the minute; null: never.",
    }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<CreatedApiKey>("CreatedApiKey").implement({
  description: "A new key and its secret. The secret is shown only here, once: store it safely.",
  fields: (t) => ({
    apiKey: t.prismaField({ type: "ApiKey", resolve: (_query, created) => created.apiKey }),
    secret: t.exposeString("secret"),
  }),
});

builder.queryField("apiKeys", (t) =>
  t.prismaConnection(
    {
      type: "ApiKey",
      cursor: "accountId_mode_id",
      description: "The keys of the calling key's account and mode that are not revoked, newest first.",
      resolve: (query, _root, _args, ctx) =>
        requireTenant(ctx).prisma.apiKey.findMany({
          ...query,
          where: { revokedAt: null },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        }),
    },
    { name: "ApiKeyConnection" },
    { name: "ApiKeyEdge" },
  ),
);

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  fields: (t) => ({
    name: t.string({ required: true, description: "1–100 characters." }),
    mode: t.field({ type: ApiKeyMode, required: true, description: "The calling key's own mode." }),
    expiresAt: t.field({ type: "DateTime", description: "When the key stops working; none: until revoked." }),
  }),
});

const RollApiKeyInput = builder.inputType("RollApiKeyInput", {
  fields: (t) => ({
    id: t.id({ required: true }),
    expiresIn: t.int({
      required: true,
      description: `Seconds the old key keeps working, 0 (stops now) to ${MAX_ROLL_EXPIRES_IN_SECONDS} (7 days).`,
    }),
  }),
});

const ApiKeyIdInput = builder.inputType("ApiKeyIdInput", {
  fields: (t) => ({ id: t.id({ required: true }) }),
});

builder.mutationField("createApiKey", (t) =>
  t.field({
    type: CreatedApiKeyRef,
    errors: { types: [InvalidInputError] },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: (_root, { input }, ctx) => createApiKey(requireTenant(ctx), ctx.deps.clock, input),
  }),
);

builder.mutationField("rollApiKey", (t) =>
  t.field({
    type: CreatedApiKeyRef,
    description:
      "A new key with the old one's name; the old key keeps working for `expiresIn` seconds, on every replica, then stops.",
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: RollApiKeyInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      rollApiKey(requireTenant(ctx), ctx.deps.clock, { id: String(input.id), expiresInSeconds: input.expiresIn }),
  }),
);

builder.mutationField("revokeApiKey", (t) =>
  t.prismaField({
    type: "ApiKey",
    description: "The key stops working at once, on every replica (within a second).",
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: ApiKeyIdInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) => revokeApiKey(requireTenant(ctx), ctx.deps.clock, String(input.id)),
  }),
);
