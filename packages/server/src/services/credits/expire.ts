// Expiring grants on time (docs/concepts/credits.md#expiry-and-void): once the customer's now passes a grant's expiresAt, what is
// left of it is written off (an EXPIRY ledger row) and the grant is marked expired. The billing
// cycle does it in time order with period closings (billing-cycle/), so an invoice at a period end
// is made with exactly the balances its grants had then.
import { toDecimal } from "@tally/billing";
import type { Scope } from "../../db/tenant-scope.js";
import type { Mode, PrismaClient } from "../../generated/prisma/client.js";
import type { Tx } from "../../db/transaction.js";
import { lockGrant } from "../../db/locks.js";
import { debitGrant } from "./ledger.js";
import { byId, sameTenant } from "../../db/tenant-scope.js";

/**
 * Expires one grant if its expiresAt is at or before `at` and it is neither voided nor expired
 * yet; returns whether it did. Under the grant's row lock, like voids and finalizations.
 */
export async function expireGrant(tx: Tx, scope: Scope, id: string, at: Date): Promise<boolean> {
  if (!(await lockGrant(tx, scope, id))) return false;
  const grant = await tx.creditGrant.findUniqueOrThrow({ where: byId(scope, id) });
  if (grant.voidedAt !== null || grant.expiredAt !== null || grant.expiresAt === null || grant.expiresAt > at)
    return false;
  await debitGrant(tx, scope, {
    type: "EXPIRY",
    grant,
    amount: toDecimal(grant.remaining.toFixed()),
    effectiveAt: grant.expiresAt,
    at,
    mark: { expiredAt: grant.expiresAt },
  });
  return true;
}

/** The earliest grant of a test clock's customers that expires by `until` and is not expired yet. */
export async function nextTestClockExpiry(
  tx: Tx,
  testClockId: string,
  until: Date,
): Promise<{ id: string; expiresAt: Date } | null> {
  const next = await tx.creditGrant.findFirst({
    where: { expiredAt: null, voidedAt: null, expiresAt: { lte: until }, customer: { testClockId } },
    orderBy: [{ expiresAt: "asc" }, { id: "asc" }],
    select: { id: true, expiresAt: true },
  });
  return next && { id: next.id, expiresAt: next.expiresAt! };
}

interface DueExpiry {
  id: string;
  customerId: string;
  accountId: string;
  mode: Mode;
}

/**
 * Grants of wall-clock customers, in every account and mode, whose expiry has passed by `now`
 * and may be written now: every active subscription of the customer has closed the periods that
 * ended before the expiry (those invoices could still draw on the grant). Earliest expiry first.
 */
export function dueWallClockExpiries(
  prisma: PrismaClient,
  now: Date,
  limit: number,
  exclude: readonly string[],
): Promise<DueExpiry[]> {
  return prisma.$queryRaw<DueExpiry[]>`
    SELECT g."id", g."customerId", g."accountId", g."mode"::text AS "mode"
    FROM "CreditGrant" g JOIN "Customer" c ON ${sameTenant("c", "g")} AND c."id" = g."customerId"
    WHERE g."expiredAt" IS NULL AND g."voidedAt" IS NULL AND g."expiresAt" <= ${now}
      AND c."testClockId" IS NULL
      AND NOT (g."id" = ANY(${exclude}::text[]))
      AND NOT EXISTS (
        SELECT 1 FROM "Subscription" s
        WHERE s."customerId" = g."customerId" AND s."status" = 'ACTIVE' AND s."currentPeriodEnd" < g."expiresAt")
    ORDER BY g."expiresAt", g."id"
    LIMIT ${limit}`;
}
