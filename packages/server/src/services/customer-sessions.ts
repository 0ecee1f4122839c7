// Customer sessions (docs/concepts/customer-sessions.md): short-lived `cs_…` tokens that let one
// customer's browser read its own usage, invoices, credits and alerts, within the scopes and meters
// given. The token is shown once; only its hash is stored (auth/secret-lookups.ts). Revocation
// stamps every live session.
import { recordSecrets } from "../auth/secret-lookups.js";
import { generateSessionToken } from "../auth/session-tokens.js";
import type { Clock } from "../clock.js";
import type { Tenant } from "../context.js";
import { InvalidInputError, NotFoundError } from "../errors.js";
import type { CustomerSession, CustomerSessionScope } from "../generated/prisma/client.js";
import { newId } from "../ids.js";
import { byId } from "../db/tenant-scope.js";

export const DEFAULT_EXPIRES_IN_SECONDS = 3600;
const MIN_EXPIRES_IN_SECONDS = 60;
export const MAX_EXPIRES_IN_SECONDS = 24 * 3600;

export interface CreateCustomerSessionInput {
  customerId: string;
  scopes: CustomerSessionScope[];
  /** Restricts usage to these meters; null or empty: every meter. */
  meterIds?: string[] | null;
  /** Seconds; default DEFAULT_EXPIRES_IN_SECONDS. */
  expiresIn?: number | null;
}

export async function createCustomerSession(
  tenant: Tenant,
  clock: Clock,
  input: CreateCustomerSessionInput,
): Promise<{ session: CustomerSession; token: string }> {
  const expiresIn = input.expiresIn ?? DEFAULT_EXPIRES_IN_SECONDS;
  if (!Number.isInteger(expiresIn) || expiresIn < MIN_EXPIRES_IN_SECONDS || expiresIn > MAX_EXPIRES_IN_SECONDS) {
    throw new InvalidInputError(
      `expiresIn is a number of seconds from ${MIN_EXPIRES_IN_SECONDS} to ${MAX_EXPIRES_IN_SECONDS} (24 hours)`,
      ["input", "expiresIn"],
    );
  }
  const scopes = [...new Set(input.scopes)];
  if (scopes.length === 0) throw new InvalidInputError("Give the session at least one scope", ["input", "scopes"]);
  const meterIds = [...new Set(input.meterIds ?? [])];
  const customer = await tenant.prisma.customer.findUnique({
    where: byId(tenant.scope, input.customerId),
    select: { deletedAt: true },
  });
  if (!customer || customer.deletedAt) {
    throw new NotFoundError(`No customer ${input.customerId}`, ["input", "customerId"], "CUSTOMER_NOT_FOUND");
  }
  if (meterIds.length > 0) {
    const found = await tenant.prisma.meter.findMany({ where: { id: { in: meterIds } }, select: { id: true } });
    const known = new Set(found.map((m) => m.id));
    const missing = meterIds.findIndex((id) => !known.has(id));
    if (missing >= 0) {
      throw new NotFoundError(
        `No meter ${meterIds[missing]}`,
        ["input", "meterIds", String(missing)],
        "METER_NOT_FOUND",
      );
    }
  }
  const token = generateSessionToken(tenant.scope.mode);
  const id = newId("CustomerSession");
  const session = await tenant.prisma.$transaction(async (tx) => {
    const created = await tx.customerSession.create({
      data: {
        id,
        accountId: tenant.scope.accountId,
        mode: tenant.scope.mode,
        customerId: input.customerId,
        scopes,
        meterIds,
        expiresAt: new Date(clock.now().getTime() + expiresIn * 1000),
        createdAt: clock.now(),
      },
    });
    await recordSecrets(tx, "CUSTOMER_SESSION", [{ scope: tenant.scope, id, secret: token }]);
    return created;
  });
  return { session, token };
}

/** Revokes every unexpired session of the customer; answers how many. */
export async function revokeCustomerSessions(tenant: Tenant, clock: Clock, customerId: string): Promise<number> {
  const customer = await tenant.prisma.customer.findUnique({
    where: byId(tenant.scope, customerId),
    select: { id: true },
  });
  if (!customer) throw new NotFoundError(`No customer ${customerId}`, ["input", "customerId"], "CUSTOMER_NOT_FOUND");
  const now = clock.now();
  const { count } = await tenant.prisma.customerSession.updateMany({
    where: { customerId, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return count;
}
