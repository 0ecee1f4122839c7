import { GraphQLError } from "graphql";
import type { SessionGrant } from "../auth/session-grants.js";
import type { Context, Tenant } from "../context.js";
import { byId } from "../db/tenant-scope.js";
import type { CustomerSessionScope } from "../generated/prisma/client.js";

/** Why a customer session is refused anything but `viewer` (docs/concepts/customer-sessions.md#what-a-session-can-read). */
export const SESSION_FORBIDDEN =
  "A customer session token may read only `viewer` and subscribe to `viewerUsageUpdated`; use a secret key on your server for everything else";

/** The calling tenant. The root types' auth scopes guarantee one; this keeps the types honest. */
export function requireTenant(ctx: Context): Tenant {
  if (!ctx.tenant)
    throw new GraphQLError("This operation needs an account's secret key.", { extensions: { code: "FORBIDDEN" } });
  return ctx.tenant;
}

/** The calling customer session, holding `scope` when one is named (docs/concepts/customer-sessions.md#scopes). */
export function requireSession(ctx: Context, scope?: CustomerSessionScope): { tenant: Tenant; session: SessionGrant } {
  if (ctx.auth.kind !== "session" || !ctx.tenant)
    throw new GraphQLError("This field needs a customer session token (cs_…).", { extensions: { code: "FORBIDDEN" } });
  const session = ctx.auth.session;
  if (scope && !session.scopes.includes(scope))
    throw new GraphQLError(`This customer session lacks the ${scope} scope.`, { extensions: { code: "FORBIDDEN" } });
  return { tenant: ctx.tenant, session };
}

/**
 * A tenant entity's Node: its id, and the row found by (accountId, mode, id) in the caller's
 * account and mode (docs/operations/scaling.md#past-one-postgresql).
 */
export const entityNode = {
  id: { resolve: (row: { id: string }) => row.id },
  findUnique: (id: string, ctx: Context) => byId(requireTenant(ctx).scope, id),
};
