// Expired credit holds release themselves (docs/concepts/credits.md#holds): a hold past its
// expiresAt already reserves nothing (credits/available.ts reads only unexpired ones, and reads show
// it EXPIRED); this marks them, for wall-clock customers, from the billing scheduler. A capture or
// release holding a hold's row lock wins: the statement then finds it no longer ACTIVE.
import type { Clock } from "../../clock.js";
import type { Tenant } from "../../context.js";
import { byId, sameTenant, scopeClause } from "../../db/tenant-scope.js";
import type { PrismaClient } from "../../generated/prisma/client.js";
import { customerNow } from "../time.js";

/** Marks every wall-clock customer's ACTIVE hold whose expiresAt is at or before `now` as EXPIRED; returns how many. */
export function expireDueHolds(prisma: PrismaClient, now: Date): Promise<number> {
  return prisma.$executeRaw`
    UPDATE "CreditHold" h SET "status" = 'EXPIRED', "closedAt" = h."expiresAt"
    FROM "Customer" c
    WHERE ${sameTenant("c", "h")} AND c."id" = h."customerId" AND c."testClockId" IS NULL
      AND h."status" = 'ACTIVE' AND h."expiresAt" <= ${now}`;
}

/** Marks the customer's holds expired by its now (test clock or wall clock) before they are read: expiry is lazy on read. */
export async function expireCustomerHolds(tenant: Tenant, clock: Clock, customerId: string): Promise<void> {
  const customer = await tenant.prisma.customer.findUnique({
    where: byId(tenant.scope, customerId),
    include: { testClock: true },
  });
  if (!customer) return;
  await tenant.prisma.$executeRaw`
    UPDATE "CreditHold" SET "status" = 'EXPIRED', "closedAt" = "expiresAt"
    WHERE ${scopeClause(tenant.scope)} AND "customerId" = ${customerId}
      AND "status" = 'ACTIVE' AND "expiresAt" <= ${customerNow(customer, clock)}`;
}
