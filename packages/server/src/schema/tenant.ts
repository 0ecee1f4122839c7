import { GraphQLError } from "graphql";
import type { Context, Tenant } from "../context.js";

/** The calling tenant. The root types' auth scopes guarantee one; this keeps the types honest. */
export function requireTenant(ctx: Context): Tenant {
  if (!ctx.tenant)
    throw new GraphQLError("This operation needs an account's secret key.", { extensions: { code: "FORBIDDEN" } });
  return ctx.tenant;
}
