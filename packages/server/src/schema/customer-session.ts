// Customer sessions (docs/concepts/customer-sessions.md): the CustomerSession type and scope enum,
// createCustomerSession and revokeCustomerSessions — secret keys only.
import { InvalidInputError, NotFoundError } from "../errors.js";
import { type CustomerSession, CustomerSessionScope } from "../generated/prisma/client.js";
import { createCustomerSession, revokeCustomerSessions } from "../services/customer-sessions.js";
import { builder } from "./builder.js";
import { requireTenant } from "./tenant.js";

export const CustomerSessionScopeEnum = builder.enumType(CustomerSessionScope, {
  name: "CustomerSessionScope",
  description: "What a customer session may read through `viewer` (docs/concepts/customer-sessions.md#scopes).",
});

const CustomerSessionRef = builder.objectRef<{ session: CustomerSession; token: string }>("CustomerSession").implement({
  description: "A customer session as created: its token is shown this once.",
  fields: (t) => ({
    id: t.id({ resolve: ({ session }) => session.id }),
    token: t.string({
      description: "The `cs_…` bearer token to hand to the customer's browser; Tally stores only its hash.",
      resolve: ({ token }) => token,
    }),
    customerId: t.id({ resolve: ({ session }) => session.customerId }),
    scopes: t.field({ type: [CustomerSessionScopeEnum], resolve: ({ session }) => session.scopes }),
    meterIds: t.idList({
      description: "The meters whose usage it may read; empty: every meter.",
      resolve: ({ session }) => session.meterIds,
    }),
    expiresAt: t.field({ type: "DateTime", resolve: ({ session }) => session.expiresAt }),
    createdAt: t.field({ type: "DateTime", resolve: ({ session }) => session.createdAt }),
  }),
});

const RevokedCustomerSessionsRef = builder.objectRef<{ revokedCount: number }>("RevokedCustomerSessions").implement({
  fields: (t) => ({
    revokedCount: t.exposeInt("revokedCount", { description: "Sessions that were still live." }),
  }),
});

const CreateCustomerSessionInput = builder.inputType("CreateCustomerSessionInput", {
  fields: (t) => ({
    customerId: t.id({ required: true }),
    scopes: t.field({ type: [CustomerSessionScopeEnum], required: true }),
    meterIds: t.idList({ description: "Restrict usage reads to these meters; default every meter." }),
    expiresIn: t.int({ description: "Seconds until the token expires: 60 to 86400 (24 h); default 3600." }),
  }),
});

const RevokeCustomerSessionsInput = builder.inputType("RevokeCustomerSessionsInput", {
  fields: (t) => ({ customerId: t.id({ required: true }) }),
});

builder.mutationField("createCustomerSession", (t) =>
  t.field({
    type: CustomerSessionRef,
    errors: { types: [InvalidInputError, NotFoundError] },
    args: { input: t.arg({ type: CreateCustomerSessionInput, required: true }) },
    resolve: (_root, { input }, ctx) =>
      createCustomerSession(requireTenant(ctx), ctx.deps.clock, {
        customerId: String(input.customerId),
        scopes: input.scopes,
        meterIds: input.meterIds?.map(String) ?? null,
        expiresIn: input.expiresIn ?? null,
      }),
  }),
);

builder.mutationField("revokeCustomerSessions", (t) =>
  t.field({
    type: RevokedCustomerSessionsRef,
    description: "Revokes every live session of the customer: refused on every replica within a second.",
    errors: { types: [NotFoundError] },
    args: { input: t.arg({ type: RevokeCustomerSessionsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => ({
      revokedCount: await revokeCustomerSessions(requireTenant(ctx), ctx.deps.clock, String(input.customerId)),
    }),
  }),
);
