// The Pothos builder's configuration, and nothing else: types live in one file per domain.
import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type { Decimal } from "decimal.js";
import { GraphQLError, isObjectType } from "graphql";
import { isRecordNotFound } from "../db/errors.js";
import type { Context } from "../context.js";
import { getDatamodel } from "../generated/pothos-types.js";
import type PrismaTypes from "../generated/pothos-types.js";
import { typeOfId } from "../ids.js";
import "./storable-text-plugin.js";
import { SESSION_FORBIDDEN } from "./tenant.js";

const SESSION_FIELDS = new Set(["viewer", "viewerUsageUpdated"]);

function unauthorizedMessage(ctx: Context, fieldName: string): string {
  if (ctx.auth.kind === "operator") return "The operator key may only call createAccount; use an account's secret key.";
  if (ctx.auth.kind === "session") return `${SESSION_FORBIDDEN}.`;
  if (SESSION_FIELDS.has(fieldName))
    return "This field needs a customer session token (cs_…): see createCustomerSession.";
  return "This operation needs the operator key (TALLY_ADMIN_KEY).";
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { tenant: boolean; operator: boolean; session: boolean };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Decimal: { Input: Decimal; Output: Decimal | string };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
    EventValue: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
}>({
  defaultFieldNullability: false,
  // storableText after errors: its refusals are thrown inside the errors plugin's wrapper.
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, "storableText"],
  scopeAuth: {
    authScopes: (ctx) => ({
      tenant: ctx.auth.kind === "tenant",
      operator: ctx.auth.kind === "operator",
      session: ctx.auth.kind === "session",
    }),
    unauthorizedError: (_parent, ctx, info) =>
      new GraphQLError(unauthorizedMessage(ctx, info.fieldName), { extensions: { code: "FORBIDDEN" } }),
  },
  errors: {
    directResult: true,
    // The contract names each result union after its mutation: createMeter → CreateMeterResult.
    defaultUnionOptions: { name: ({ fieldName }) => `${capitalize(fieldName)}Result` },
  },
  prisma: {
    // Resolvers load relations through the tenant-scoped client of the request.
    client: (ctx) => ctx.tenant?.prisma ?? ctx.deps.database.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: false,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    nodesQueryOptions: false,
    // node(id) answers null for an ID that names nothing this key can see: unknown prefix, another
    // tenant's object, a deleted one — never an error that would tell them apart.
    nodeQueryOptions: {
      resolve: async (_root, { id }, _ctx, info, resolveNode) => {
        const type = info.schema.getType(id.typename);
        if (!isObjectType(type) || !type.getInterfaces().some((i) => i.name === "Node")) return null;
        try {
          return await resolveNode(id);
        } catch (error) {
          if (isRecordNotFound(error)) return null;
          throw error;
        }
      },
    },
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
    // Global IDs are the Stripe-style prefixed IDs themselves: the prefix names the type.
    encodeGlobalID: (_typename, id) => String(id),
    decodeGlobalID: (globalID) => ({ typename: typeOfId(globalID) ?? "", id: globalID }),
  },
});
